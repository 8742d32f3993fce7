#include "tests/generate/bundle_files.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace tiersight::generate::bundle_files {

namespace fs = std::filesystem;

std::vector<Row> SplitCsv(std::string_view text) {
  std::vector<Row> rows;
  Row row;
  std::string field;
  bool quoted = false;
  bool row_started = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    row_started = true;
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      row.push_back(std::move(field));
      field.clear();
      rows.push_back(std::move(row));
      row.clear();
      row_started = false;
    } else {
      field += c;
    }
  }
  if (row_started) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

size_t Table::Column(std::string_view name) const {
  const auto it = std::find(header.begin(), header.end(), name);
  EXPECT_NE(it, header.end()) << "missing column " << name;
  return static_cast<size_t>(it - header.begin());
}

Table ReadTable(const fs::path& path) {
  std::vector<Row> rows = SplitCsv(ReadFile(path));
  Table table;
  if (rows.empty()) return table;
  table.header = rows.front();
  table.rows.assign(rows.begin() + 1, rows.end());
  for (const Row& row : table.rows) EXPECT_EQ(row.size(), table.header.size()) << path;
  return table;
}

int64_t Cents(std::string_view text) {
  const size_t dot = text.find('.');
  return std::stoll(std::string(text.substr(0, dot))) * 100 +
         std::stoll(std::string(text.substr(dot + 1)));
}

namespace {

std::vector<TruthTeam> Teams(const YAML::Node& list) {
  std::vector<TruthTeam> teams;
  for (const YAML::Node& entry : list) {
    TruthTeam team;
    team.agent = entry["agent"].as<std::string>();
    team.size = entry["team_size"].as<int64_t>();
    team.levels = entry["team_levels"].as<int64_t>();
    if (entry["within"]) team.within = entry["within"].as<std::string>();
    teams.push_back(std::move(team));
  }
  return teams;
}

}  // namespace

Truth ReadTruth(const fs::path& dir) {
  Truth truth;
  try {
    truth.node = YAML::LoadFile((dir / "truth.yaml").string());
    truth.profile = truth.node["profile"].as<std::string>();
    truth.lists_organisers = static_cast<bool>(truth.node["organisers"]);
    if (truth.lists_organisers) {
      truth.organisers = Teams(truth.node["organisers"]);
      truth.serious = truth.node["serious"].as<std::vector<std::string>>();
    }
    truth.large_teams = Teams(truth.node["large_teams"]);
    for (const YAML::Node& branch : truth.node["branches"]) {
      truth.branch_kind[branch["top"].as<std::string>()] = branch["kind"].as<std::string>();
    }
  } catch (const YAML::Exception& e) {
    ADD_FAILURE() << dir / "truth.yaml"
                  << ": " << e.what();
  }
  return truth;
}

}  // namespace tiersight::generate::bundle_files
