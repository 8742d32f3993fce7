#include "exports/report_csv.h"

#include <fmt/format.h>

#include <string_view>

#include "exports/chain_text.h"
#include "exports/csv_writer.h"
#include "exports/finding_text.h"

namespace tiersight::exports {
namespace {

namespace pb = google::protobuf;
using tiersight::v1::AuditReport;

std::string Number(double v) { return fmt::format("{}", v); }

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

// One row per form; a direction the form never takes is left empty, which
// is not the same as 0 (it could have, and did not).
std::string MoneyFlowsTable(const AuditReport& report) {
  const std::vector<std::string> directions{"agents_to_company", "company_to_agents",
                                            "between_agents", "consumers_to_agents"};
  std::vector<std::string> headings{"form"};
  headings.insert(headings.end(), directions.begin(), directions.end());
  headings.push_back("total");
  CsvWriter csv(headings);
  for (const tiersight::v1::MoneyFlow& flow : report.network().money_flows()) {
    std::vector<std::string> row{flow.form()};
    for (const std::string& direction : directions) {
      std::string cell;
      for (const tiersight::v1::MoneyDirectionAmount& d : flow.directions()) {
        if (d.direction() == direction) cell = Number(d.amount());
      }
      row.push_back(std::move(cell));
    }
    row.push_back(Number(flow.total()));
    csv.Row(row);
  }
  return csv.Take();
}

std::string ProvenanceTable(const AuditReport& report, std::string_view evidence_records) {
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
  csv.Row({"jurisdiction", p.jurisdiction()});
  csv.Row({"pack_selection", p.pack_selection()});
  if (!evidence_records.empty()) csv.Row({"evidence_records", std::string(evidence_records)});
  for (const tiersight::v1::PackProvenance& pack : p.packs()) {
    csv.Row({"pack", fmt::format("{} {} sha256:{} ({})", pack.name(), pack.version(), pack.sha256(),
                                 pack.file())});
  }
  // Every parameter with the value the audit used, as --param takes it.
  for (const tiersight::v1::PackProvenance& pack : p.packs()) {
    for (const tiersight::v1::ParamSetting& param : pack.params()) {
      csv.Row({"param", fmt::format("{}.{}={} (default {}, {}{})", pack.name(), param.name(),
                                    param.value(), param.default_value(), param.unit(),
                                    param.heuristic() ? ", heuristic" : "")});
    }
  }
  return csv.Take();
}

// The first `count` of `items` joined by `separator`.
std::string Joined(const pb::RepeatedPtrField<std::string>& items, std::string_view separator,
                   int64_t count) {
  std::string out;
  for (int i = 0; i < items.size() && i < count; ++i) {
    if (i > 0) out += separator;
    out += items.Get(i);
  }
  return out;
}

// `subjects` holds those the finding shows: a spreadsheet cell holds at most
// 32,767 characters, and finding_subjects.csv has them all.
std::string FindingsTable(const AuditReport& report) {
  const std::string& currency = report.bundle().currency();
  CsvWriter csv({"severity", "pack", "rule_id", "title", "scope", "subjects", "message", "cite",
                 "tags", "matches", "evaluated", "values", "deepest_chain", "subject_count"});
  for (const tiersight::v1::Finding& f : report.findings()) {
    csv.Row({f.severity(), f.pack(), f.rule_id(), f.title(), f.scope(),
             Joined(f.subjects(), "; ", ShownCount(f)), f.message(), f.cite(),
             Joined(f.tags(), "; ", f.tags_size()), fmt::format("{}", f.evidence().matches()),
             fmt::format("{}", f.evidence().evaluated()), PlainValuesText(f.values(), currency),
             ChainText(f.evidence(), " > ",
                       [](int64_t omitted) { return fmt::format("... {} more ...", omitted); }),
             fmt::format("{}", SubjectCount(f))});
  }
  return csv.Take();
}

// One row per agent an agent finding names as a top subject, in the
// finding's rank order, then the agents with inconsistent (negative) stock.
// Group findings' top subjects are levels, tiers or branches, not agents.
std::string FlaggedAgentsTable(const AuditReport& report) {
  const std::string& currency = report.bundle().currency();
  CsvWriter csv({"agent_id", "severity", "pack", "rule_id", "rank", "values"});
  for (const tiersight::v1::Finding& f : report.findings()) {
    if (f.scope() != "agent") continue;
    int rank = 0;
    for (const tiersight::v1::SubjectEvidence& s : f.evidence().top_subjects()) {
      csv.Row({s.subject(), f.severity(), f.pack(), f.rule_id(), fmt::format("{}", ++rank),
               PlainValuesText(s.values(), currency)});
    }
  }
  for (const std::string& id : report.negative_on_hand_agent_ids()) {
    csv.Row({id, "", "", "negative_units_on_hand", "", ""});
  }
  return csv.Take();
}

// Every subject of every finding, one row each (long format), never capped:
// a finding may name millions of agents.
std::string FindingSubjectsTable(const AuditReport& report) {
  CsvWriter csv({"finding", "pack", "rule_id", "rank", "subject"});
  for (int i = 0; i < report.findings_size(); ++i) {
    const tiersight::v1::Finding& f = report.findings(i);
    const std::string index = fmt::format("{}", i);
    for (int rank = 0; rank < f.subjects_size(); ++rank) {
      csv.Row({index, f.pack(), f.rule_id(), fmt::format("{}", rank + 1), f.subjects(rank)});
    }
  }
  return csv.Take();
}

// Money as the exact decimal, in the network's currency (provenance.csv).
std::string ExactNumber(const tiersight::v1::FigureValue& v) {
  return v.exact().empty() ? Number(v.value()) : v.exact();
}

std::string OrganisersTable(const AuditReport& report) {
  CsvWriter csv({"pack", "rule_id", "agent_id", "within", "team_size", "team_levels",
                 "team_paid_in", "own_net_cash"});
  for (const tiersight::v1::Finding& f : report.findings()) {
    for (const tiersight::v1::Organiser& o : f.organisers()) {
      csv.Row({f.pack(), f.rule_id(), o.agent_id(), o.within(), fmt::format("{}", o.team_size()),
               fmt::format("{}", o.team_levels()), ExactNumber(o.team_paid_in()),
               ExactNumber(o.own_net_cash())});
    }
  }
  return csv.Take();
}

// One row per organiser, as the HTML report's organiser table has them
// (outermost first), with the days its team reached each threshold where
// the report charts it.
std::string OrganiserTeamsTable(const AuditReport& report) {
  CsvWriter csv({"agent_id", "within", "tier", "team_size", "team_levels", "joined", "team_paid_in",
                 "own_net_cash", "rule_ids", "charted", "thresholds"});
  for (const tiersight::v1::OrganiserTeam& t : report.organiser_teams()) {
    std::string thresholds;
    for (const tiersight::v1::TeamThreshold& th : t.thresholds()) {
      if (!thresholds.empty()) thresholds += "; ";
      thresholds += fmt::format("{}>={} {}", th.measure(), Number(th.threshold()),
                                th.reached_on().empty() ? "not reached" : th.reached_on());
    }
    csv.Row({t.agent_id(), t.within(), t.tier(), fmt::format("{}", t.team_size()),
             fmt::format("{}", t.team_levels()), t.joined(), ExactNumber(t.team_paid_in()),
             ExactNumber(t.own_net_cash()), Joined(t.rule_ids(), "; ", t.rule_ids_size()),
             t.charted() ? "true" : "false", thresholds});
  }
  return csv.Take();
}

std::string VerdictsTable(const AuditReport& report) {
  CsvWriter csv({"jurisdiction", "verdict", "elements_met", "risk_index", "band"});
  for (const tiersight::v1::JurisdictionVerdict& v : report.verdicts()) {
    csv.Row({v.jurisdiction(), v.verdict(), v.elements_met() ? "true" : "false",
             Number(v.risk().index()), v.risk().band()});
  }
  return csv.Take();
}

}  // namespace

std::vector<CsvTable> ReportCsvTables(const AuditReport& report,
                                      std::string_view evidence_records) {
  return {
      {"provenance.csv", ProvenanceTable(report, evidence_records)},
      {"network.csv", NetworkTable(report)},
      {"levels.csv", GroupTable(report.levels())},
      {"tiers.csv", GroupTable(report.tiers())},
      {"branches.csv", GroupTable(report.branches())},
      {"recruits_by_month.csv", GroupTable(report.network().recruits_by_month())},
      {"net_cash_percentiles.csv", GroupTable(report.network().net_cash_percentiles())},
      {"money_flows.csv", MoneyFlowsTable(report)},
      {"verdicts.csv", VerdictsTable(report)},
      {"findings.csv", FindingsTable(report)},
      {"finding_subjects.csv", FindingSubjectsTable(report)},
      {"organisers.csv", OrganisersTable(report)},
      {"organiser_teams.csv", OrganiserTeamsTable(report)},
      {"flagged_agents.csv", FlaggedAgentsTable(report)},
  };
}

}  // namespace tiersight::exports
