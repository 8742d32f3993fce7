#include "core/figures_proto.h"

#include <fmt/format.h>

#include <array>
#include <string_view>
#include <type_traits>

#include "exports/report_json.h"
#include "graph/exact_amount.h"
#include "graph/figure_catalogue.h"
#include "graph/figure_table.h"
#include "tiersight/v1/findings.pb.h"

namespace tiersight::core {
namespace {

namespace pb = google::protobuf;
using graph::FigureScope;

int32_t Clamp(int64_t v) {
  if (v > INT32_MAX) return INT32_MAX;
  if (v < INT32_MIN) return INT32_MIN;
  return static_cast<int32_t>(v);
}

// Sets the field named after `spec` from row `row` of its column. The
// messages follow the catalogue (tests/proto checks their descriptors
// against it), so every exported figure has its field.
void SetFigure(const graph::FigureSpec& spec, const graph::FigureColumn& column, size_t row,
               pb::Message& message) {
  const pb::FieldDescriptor* field = message.GetDescriptor()->FindFieldByName(spec.name);
  if (field == nullptr) return;
  const pb::Reflection* reflection = message.GetReflection();
  if (field->cpp_type() == pb::FieldDescriptor::CPPTYPE_INT32) {
    reflection->SetInt32(&message, field, Clamp(column.exact[row]));
  } else {
    reflection->SetDouble(&message, field, column.AsDouble(row));
  }
}

// Every exported, non-table figure of `scope`, row `row`, into `message`.
void SetExportedFigures(graph::FigureTable& table, FigureScope scope, size_t row,
                        pb::Message& message) {
  for (const graph::FigureSpec* spec : graph::FiguresOf(scope)) {
    if (!spec->exported || spec->unit == graph::FigureUnit::kTable) continue;
    SetFigure(*spec, table.Column(*spec), row, message);
  }
}

constexpr std::array<std::string_view, graph::kMoneyDirections> kDirectionNames = {
    "agents_to_company", "company_to_agents", "between_agents", "consumers_to_agents"};

void SetMoneyFlows(const std::vector<graph::MoneyFlow>& flows, tiersight::v1::NetworkFigures& out) {
  for (const graph::MoneyFlow& flow : flows) {
    tiersight::v1::MoneyFlow* row = out.add_money_flows();
    row->set_form(std::string(flow.form));
    for (size_t d = 0; d < graph::kMoneyDirections; ++d) {
      if (!flow.amounts[d]) continue;
      tiersight::v1::MoneyDirectionAmount* direction = row->add_directions();
      direction->set_direction(std::string(kDirectionNames[d]));
      direction->set_amount(graph::AmountToDouble(*flow.amounts[d]));
    }
    row->set_total(graph::AmountToDouble(flow.total));
  }
}

}  // namespace

void CopyArgs(const std::vector<base::MessageArg>& from,
              google::protobuf::RepeatedPtrField<tiersight::v1::MessageArg>* to) {
  for (const base::MessageArg& arg : from) {
    tiersight::v1::MessageArg* out = to->Add();
    out->set_name(arg.name);
    out->set_text(arg.text);
    switch (arg.kind) {
      case base::MessageArg::Kind::kText:
        out->set_kind(tiersight::v1::MESSAGE_ARG_KIND_TEXT);
        break;
      case base::MessageArg::Kind::kNumber:
        out->set_kind(tiersight::v1::MESSAGE_ARG_KIND_NUMBER);
        break;
      case base::MessageArg::Kind::kAgentId:
        out->set_kind(tiersight::v1::MESSAGE_ARG_KIND_AGENT_ID);
        break;
    }
  }
}

tiersight::v1::LoadReport LoadReportToProto(const graph::LoadReport& report) {
  tiersight::v1::LoadReport out;
  out.set_lenient(report.lenient);
  out.set_refused(report.refused);
  out.set_usable(report.Usable());
  out.set_as_of(report.as_of);
  out.set_as_of_declared(report.as_of_declared);
  out.set_loaded(Clamp(report.TotalLoaded()));
  out.set_rejected(Clamp(report.TotalRejected()));
  out.set_ignored(Clamp(report.TotalIgnored()));
  for (const graph::FileCounts& f : report.files) {
    tiersight::v1::FileLoadCounts* c = out.add_files();
    c->set_file(f.file);
    c->set_present(f.present);
    c->set_encoding(f.encoding);
    c->set_sha256(f.sha256);
    c->set_loaded(Clamp(f.loaded));
    c->set_rejected(Clamp(f.rejected));
    c->set_ignored(Clamp(f.ignored));
  }
  auto copy = [](const graph::LoadIssue& from, tiersight::v1::LoadIssue* to) {
    to->set_file(from.file);
    to->set_line(Clamp(from.line));
    to->set_reason(from.reason);
    // A reason built without arguments names no agent: its text is its
    // template (braces escaped).
    to->set_reason_template(from.reason_template.empty() ? base::PlainMessage(from.reason).templ
                                                         : from.reason_template);
    CopyArgs(from.reason_args, to->mutable_reason_args());
  };
  for (const graph::LoadIssue& e : report.errors) copy(e, out.add_errors());
  for (const graph::LoadIssue& w : report.warnings) copy(w, out.add_warnings());
  return out;
}

tiersight::v1::AgentFigures AgentFiguresToProto(const graph::Network& network,
                                                const graph::TreeMetrics& tree, uint32_t agent) {
  tiersight::v1::AgentFigures out;
  out.set_agent_id(std::string(network.id(agent)));
  out.set_tier(std::string(network.tier_labels.Get(network.tier[agent])));
  const graph::AgentFigureValues values = graph::AgentFiguresOf(network, tree, agent);
  for (size_t i = 0; i < graph::kAgentFigureCount; ++i) {
    const graph::FigureSpec& spec = graph::SpecOf(static_cast<graph::AgentFigure>(i));
    graph::FigureColumn one{.unit = spec.unit, .exact = {values[i]}, .real = {}};
    SetFigure(spec, one, 0, out);
  }
  return out;
}

template <typename Report>
void FillFiguresReport(const graph::Network* network, const graph::Figures* figures,
                       const graph::LoadReport& report, const std::string& digest, Report& out) {
  *out.mutable_load() = LoadReportToProto(report);
  tiersight::v1::BundleInfo* bundle = out.mutable_bundle();
  bundle->set_digest(digest);
  bundle->set_as_of(report.as_of);
  if (network != nullptr) {
    bundle->set_name(network->config.name);
    bundle->set_currency(network->config.currency);
  }
  if (figures == nullptr) return;

  const graph::NetworkFigures& nf = figures->network;
  graph::FigureTable table(*network, *figures);
  tiersight::v1::NetworkFigures* n = out.mutable_network();
  SetExportedFigures(table, FigureScope::kNetwork, 0, *n);
  for (const graph::MonthRecruits& m : nf.recruits_by_month.months) {
    tiersight::v1::MonthCount* month = n->add_recruits_by_month();
    month->set_month(fmt::format("{:04}-{:02}", m.year, m.month));
    month->set_agents(Clamp(m.agents));
  }
  for (const graph::NetCashPercentile& p : nf.net_cash_percentiles) {
    tiersight::v1::NetCashPercentile* percentile = n->add_net_cash_percentiles();
    percentile->set_percentile(p.percentile);
    percentile->set_net_cash(graph::AmountToDouble(p.net_cash));
  }
  SetMoneyFlows(nf.money_flows, *n);

  for (uint32_t a : figures->negative_on_hand_agents) {
    out.add_negative_on_hand_agent_ids(std::string(network->id(a)));
  }
  for (size_t r = 0; r < figures->levels.size(); ++r) {
    SetExportedFigures(table, FigureScope::kLevel, r, *out.add_levels());
  }
  for (size_t r = 0; r < figures->tiers.size(); ++r) {
    tiersight::v1::TierFigures* tier = out.add_tiers();
    tier->set_tier(figures->tiers[r].tier);
    SetExportedFigures(table, FigureScope::kTier, r, *tier);
  }
  // Only the audit report has branches: `figures` keeps its output as it was.
  if constexpr (std::is_same_v<Report, tiersight::v1::AuditReport>) {
    for (size_t r = 0; r < figures->branches.size(); ++r) {
      tiersight::v1::BranchFigures* branch = out.add_branches();
      branch->set_top(std::string(network->id(figures->branches[r].top)));
      SetExportedFigures(table, FigureScope::kBranch, r, *branch);
    }
  }
}

template void FillFiguresReport(const graph::Network*, const graph::Figures*,
                                const graph::LoadReport&, const std::string&,
                                tiersight::v1::FiguresReport&);
template void FillFiguresReport(const graph::Network*, const graph::Figures*,
                                const graph::LoadReport&, const std::string&,
                                tiersight::v1::AuditReport&);

tiersight::v1::FiguresReport FiguresReportToProto(const graph::Network* network,
                                                  const graph::Figures* figures,
                                                  const graph::LoadReport& report,
                                                  const std::string& digest) {
  tiersight::v1::FiguresReport out;
  FillFiguresReport(network, figures, report, digest, out);
  return out;
}

std::string ToJson(const google::protobuf::Message& message) {
  return exports::ReportJson(message);
}

}  // namespace tiersight::core
