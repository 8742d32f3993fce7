// The typed fields of a rule pack's YAML, each read or refused at its place:
// the reader of packs builds on these so that every refusal names the file,
// line, column and rule.
#pragma once

#include <yaml-cpp/yaml.h>

#include <charconv>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "base/str_cat.h"
#include "rules/rule_pack.h"

namespace tiersight::rules {

// Thrown by PackFields only; ReadRulePack turns it into a diagnostic.
struct PackError {
  Location where;
  std::string rule_id;
  std::string message;
};

class PackFields {
 public:
  explicit PackFields(std::string file) : file_(std::move(file)) {}

  Location At(const YAML::Node& node) const;
  [[noreturn]] void Fail(const YAML::Node& node, std::string message) const;
  void RequireMap(const YAML::Node& node, std::string_view what) const;
  // Every key must be known (LoadYamlDocument has refused duplicates).
  void CheckKeys(const YAML::Node& map, std::initializer_list<std::string_view> known,
                 std::string_view what) const;
  std::string Text(const YAML::Node& map, std::string_view key, bool required) const;
  // A name that reports, file names and HTML show as it is: ASCII letters and
  // digits, then also '.', '_' and '-', at most 64 characters. Never a
  // control or bidirectional character that could disguise it.
  std::string Identifier(const YAML::Node& map, std::string_view key) const;
  bool Flag(const YAML::Node& map, std::string_view key) const;
  std::vector<std::string> List(const YAML::Node& map, std::string_view key) const;
  // A YAML 1.2 core number, `fallback` when absent.
  double Real(const YAML::Node& map, std::string_view key, double fallback) const;

  // An integer written in decimal, `fallback` when absent.
  template <typename T>
  T Number(const YAML::Node& map, std::string_view key, T fallback) const {
    const YAML::Node v = map[std::string(key)];
    if (!v) return fallback;
    if (!v.IsScalar()) Fail(v, StrCat("`", key, "` must be a number"));
    T out{};
    const std::string& s = v.Scalar();
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    if (ec != std::errc() || end != s.data() + s.size()) {
      Fail(v, StrCat("`", key, "` must be a number, not '", s, "'"));
    }
    return out;
  }

 protected:
  std::string file_;
  // The rule being read, named by every failure inside it.
  std::string rule_id_;
};

}  // namespace tiersight::rules
