#include "core/report_diff.h"

#include <fmt/format.h>
#include <google/protobuf/struct.pb.h>

#include <algorithm>

#include "exports/report_json.h"
#include "report/canonical_json.h"

namespace tiersight::core {
namespace {

namespace pb = google::protobuf;

constexpr size_t kShownValueChars = 80;

std::string Shown(const pb::Value& v) {
  std::string text = report::CanonicalJson(v);
  if (text.size() > kShownValueChars) text = text.substr(0, kShownValueChars) + "...";
  return text;
}

// The first path at which `a` and `b` differ, with both values; "" if equal.
std::string FirstDifference(const pb::Value& a, const pb::Value& b, const std::string& path) {
  if (a.kind_case() == pb::Value::kStructValue && b.kind_case() == pb::Value::kStructValue) {
    // Map order is unspecified; sorted keys make "first" the same every run.
    std::vector<std::string> keys;
    for (const auto& [key, value] : a.struct_value().fields()) keys.push_back(key);
    std::sort(keys.begin(), keys.end());
    for (const std::string& key : keys) {
      auto it = b.struct_value().fields().find(key);
      if (it == b.struct_value().fields().end()) {
        return fmt::format("{}.{}: only in the report", path, key);
      }
      const pb::Value& value = a.struct_value().fields().at(key);
      if (std::string d = FirstDifference(value, it->second, path + "." + key); !d.empty()) return d;
    }
    for (const auto& [key, value] : b.struct_value().fields()) {
      if (!a.struct_value().fields().contains(key)) {
        return fmt::format("{}.{}: missing from the report", path, key);
      }
    }
    return "";
  }
  if (a.kind_case() == pb::Value::kListValue && b.kind_case() == pb::Value::kListValue) {
    const auto& x = a.list_value().values();
    const auto& y = b.list_value().values();
    for (int i = 0; i < std::min(x.size(), y.size()); ++i) {
      if (std::string d = FirstDifference(x[i], y[i], fmt::format("{}[{}]", path, i)); !d.empty()) {
        return d;
      }
    }
    if (x.size() != y.size()) {
      return fmt::format("{}: the report has {} entries, a fresh audit gives {}", path, x.size(),
                         y.size());
    }
    return "";
  }
  if (report::CanonicalJson(a) == report::CanonicalJson(b)) return "";
  return fmt::format("{}: the report says {}, a fresh audit gives {}", path, Shown(a), Shown(b));
}

pb::Value AsValue(const pb::Message& message) {
  absl::StatusOr<pb::Value> value = report::ParseJson(exports::ReportJson(message));
  return value.ok() ? *value : pb::Value();
}

template <typename Repeated>
pb::Value ListValue(const Repeated& items) {
  pb::Value list;
  list.mutable_list_value();
  for (const auto& item : items) *list.mutable_list_value()->add_values() = AsValue(item);
  return list;
}

pb::Value StringList(const pb::RepeatedPtrField<std::string>& items) {
  pb::Value list;
  list.mutable_list_value();
  for (const std::string& s : items) list.mutable_list_value()->add_values()->set_string_value(s);
  return list;
}

}  // namespace

std::vector<std::string> DiffAuditReports(const tiersight::v1::AuditReport& stated,
                                          const tiersight::v1::AuditReport& fresh) {
  std::vector<std::string> out;
  auto add = [&](std::string d) {
    if (!d.empty()) out.push_back(std::move(d));
  };
  add(FirstDifference(AsValue(stated.network()), AsValue(fresh.network()), "network"));
  add(FirstDifference(ListValue(stated.levels()), ListValue(fresh.levels()), "levels"));
  add(FirstDifference(ListValue(stated.tiers()), ListValue(fresh.tiers()), "tiers"));
  add(FirstDifference(StringList(stated.negative_on_hand_agent_ids()),
                      StringList(fresh.negative_on_hand_agent_ids()), "negative_on_hand_agent_ids"));
  // Findings one by one, each named by its rule, so that a reader sees which
  // finding changed rather than only an index.
  const int common = std::min(stated.findings_size(), fresh.findings_size());
  for (int i = 0; i < common; ++i) {
    const tiersight::v1::Finding& f = fresh.findings(i);
    add(FirstDifference(AsValue(stated.findings(i)), AsValue(f),
                        fmt::format("findings[{}] ({} {})", i, f.pack(), f.rule_id())));
  }
  if (stated.findings_size() != fresh.findings_size()) {
    out.push_back(fmt::format("findings: the report has {}, a fresh audit gives {}",
                              stated.findings_size(), fresh.findings_size()));
  }
  return out;
}

}  // namespace tiersight::core
