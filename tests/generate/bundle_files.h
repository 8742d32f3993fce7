// Reading generated bundles back in tests, independently of the product's
// bundle reader: CSV files as header-indexed rows, amounts in cents, and the
// ground truth of truth.yaml. Not thread-safe (gtest assertions).
#ifndef TIERSIGHT_TESTS_GENERATE_BUNDLE_FILES_H_
#define TIERSIGHT_TESTS_GENERATE_BUNDLE_FILES_H_

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace tiersight::generate::bundle_files {

using Row = std::vector<std::string>;

// A tiny RFC 4180 splitter: quoted fields, "" inside quotes, LF line ends.
std::vector<Row> SplitCsv(std::string_view text);

std::string ReadFile(const std::filesystem::path& path);

// A CSV file as header-indexed rows.
struct Table {
  std::vector<std::string> header;
  std::vector<Row> rows;
  // The index of column `name`; a test failure when it is missing.
  size_t Column(std::string_view name) const;
};
Table ReadTable(const std::filesystem::path& path);

// "12.34" -> 1234.
int64_t Cents(std::string_view text);

// One entry of truth.yaml's organisers or large_teams.
struct TruthTeam {
  std::string agent;
  int64_t size = 0;
  int64_t levels = 0;
  std::string within;  // empty: not inside another listed team
};

struct Truth {
  YAML::Node node;  // the whole file, for what the fields below leave out
  std::string profile;
  bool lists_organisers = false;
  std::vector<TruthTeam> organisers;
  std::vector<std::string> serious;
  std::vector<TruthTeam> large_teams;
  std::map<std::string, std::string> branch_kind;  // top -> "lawful" | "loading"
};

// Reads DIR/truth.yaml; a test failure (and an empty truth) when it is unreadable.
Truth ReadTruth(const std::filesystem::path& dir);

}  // namespace tiersight::generate::bundle_files

#endif  // TIERSIGHT_TESTS_GENERATE_BUNDLE_FILES_H_
