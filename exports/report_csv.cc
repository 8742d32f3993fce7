#include "exports/report_csv.h"

#include <fmt/format.h>

#include <string_view>

#include "exports/chain_text.h"
#include "graph/csv_reader.h"

namespace tiersight::exports {
namespace {

namespace pb = google::protobuf;
using tiersight::v1::AuditReport;

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

std::string Number(double v) { return fmt::format("{}", v); }

class CsvWriter {
 public:
  explicit CsvWriter(const std::vector<std::string>& header) : data_(kUtf8Bom) { Row(header); }

  void Row(const std::vector<std::string>& fields) {
    for (size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) data_ += ',';
      data_ += graph::CsvEscape(fields[i]);
    }
    data_ += "\r\n";
  }

  std::string Take() { return std::move(data_); }

 private:
  std::string data_;
};

// The scalar fields of a figures message (depth, agents, sums...), in field
// order, so that a column exists for every figure the proto carries.
std::vector<std::string> ScalarFieldNames(const pb::Descriptor& descriptor) {
  std::vector<std::string> names;
  for (int i = 0; i < descriptor.field_count(); ++i) names.push_back(descriptor.field(i)->name());
  return names;
}

std::string ScalarText(const pb::Message& message, const pb::FieldDescriptor& field) {
  const pb::Reflection& r = *message.GetReflection();
  switch (field.cpp_type()) {
    case pb::FieldDescriptor::CPPTYPE_INT32:
      return fmt::format("{}", r.GetInt32(message, &field));
    case pb::FieldDescriptor::CPPTYPE_DOUBLE:
      return Number(r.GetDouble(message, &field));
    case pb::FieldDescriptor::CPPTYPE_STRING:
      return r.GetString(message, &field);
    default:
      return "";
  }
}

template <typename Group>
std::string GroupTable(const pb::RepeatedPtrField<Group>& groups) {
  const pb::Descriptor& descriptor = *Group::descriptor();
  CsvWriter csv(ScalarFieldNames(descriptor));
  for (const Group& g : groups) {
    std::vector<std::string> row;
    for (int i = 0; i < descriptor.field_count(); ++i)
      row.push_back(ScalarText(g, *descriptor.field(i)));
    csv.Row(row);
  }
  return csv.Take();
}

std::string NetworkTable(const AuditReport& report) {
  CsvWriter csv({"figure", "value"});
  const pb::Descriptor& descriptor = *tiersight::v1::NetworkFigures::descriptor();
  for (int i = 0; i < descriptor.field_count(); ++i) {
    const pb::FieldDescriptor& field = *descriptor.field(i);
    // Distributions (one row per month or percentile) get tables of their own.
    if (field.is_repeated()) continue;
    csv.Row({field.name(), ScalarText(report.network(), field)});
  }
  return csv.Take();
}

std::string ProvenanceTable(const AuditReport& report) {
  const tiersight::v1::Provenance& p = report.provenance();
  CsvWriter csv({"field", "value"});
  csv.Row({"bundle_digest", p.bundle_digest()});
  csv.Row({"bundle_name", report.bundle().name()});
  csv.Row({"currency", report.bundle().currency()});
  csv.Row({"engine_version", p.engine_version()});
  csv.Row({"as_of", p.as_of()});
  csv.Row({"generated_at", p.generated_at()});
  csv.Row({"personal_data", p.personal_data()});
  csv.Row({"pseudonym_key_id", p.pseudonym_key_id()});
  for (const tiersight::v1::PackProvenance& pack : p.packs()) {
    csv.Row({"pack", fmt::format("{} {} sha256:{} ({})", pack.name(), pack.version(), pack.sha256(),
                                 pack.file())});
  }
  return csv.Take();
}

std::string ValuesText(const pb::RepeatedPtrField<tiersight::v1::FigureValue>& values) {
  std::string out;
  for (const tiersight::v1::FigureValue& v : values) {
    if (!out.empty()) out += "; ";
    out += v.name() + "=" + Number(v.value());
  }
  return out;
}

std::string Joined(const pb::RepeatedPtrField<std::string>& items, std::string_view separator) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

std::string FindingsTable(const AuditReport& report) {
  CsvWriter csv({"severity", "pack", "rule_id", "title", "scope", "subjects", "message", "cite",
                 "tags", "matches", "evaluated", "values", "deepest_chain"});
  for (const tiersight::v1::Finding& f : report.findings()) {
    csv.Row({f.severity(), f.pack(), f.rule_id(), f.title(), f.scope(), Joined(f.subjects(), "; "),
             f.message(), f.cite(), Joined(f.tags(), "; "),
             fmt::format("{}", f.evidence().matches()), fmt::format("{}", f.evidence().evaluated()),
             ValuesText(f.values()), ChainText(f.evidence(), " > ", [](int64_t omitted) {
               return fmt::format("... {} more ...", omitted);
             })});
  }
  return csv.Take();
}

// One row per agent an agent finding names as a top subject, in the
// finding's rank order, then the agents with inconsistent (negative) stock.
// Group findings' top subjects are levels, tiers or branches, not agents.
std::string FlaggedAgentsTable(const AuditReport& report) {
  CsvWriter csv({"agent_id", "severity", "pack", "rule_id", "rank", "values"});
  for (const tiersight::v1::Finding& f : report.findings()) {
    if (f.scope() != "agent") continue;
    int rank = 0;
    for (const tiersight::v1::SubjectEvidence& s : f.evidence().top_subjects()) {
      csv.Row({s.subject(), f.severity(), f.pack(), f.rule_id(), fmt::format("{}", ++rank),
               ValuesText(s.values())});
    }
  }
  for (const std::string& id : report.negative_on_hand_agent_ids()) {
    csv.Row({id, "", "", "negative_units_on_hand", "", ""});
  }
  return csv.Take();
}

}  // namespace

std::vector<CsvTable> ReportCsvTables(const AuditReport& report) {
  return {
      {"provenance.csv", ProvenanceTable(report)},
      {"network.csv", NetworkTable(report)},
      {"levels.csv", GroupTable(report.levels())},
      {"tiers.csv", GroupTable(report.tiers())},
      {"recruits_by_month.csv", GroupTable(report.network().recruits_by_month())},
      {"net_cash_percentiles.csv", GroupTable(report.network().net_cash_percentiles())},
      {"findings.csv", FindingsTable(report)},
      {"flagged_agents.csv", FlaggedAgentsTable(report)},
  };
}

}  // namespace tiersight::exports
