#include "core/figures_proto.h"

#include <fmt/format.h>

#include "exports/report_json.h"
#include "graph/exact_amount.h"
#include "graph/figure_catalogue.h"

namespace tiersight::core {
namespace {

namespace pb = google::protobuf;
using graph::AgentFigureCatalogue;
using graph::AgentFigureValues;
using graph::FigureUnit;

double FigureAsDouble(FigureUnit unit, int64_t value) {
  return unit == FigureUnit::kAmount ? graph::AmountToDouble(value) : static_cast<double>(value);
}

// Sets every figure of `values` whose name is a field of `message`, from the
// catalogue, so that the proto and the catalogue cannot drift apart silently
// (a figure with no field is skipped only for `depth` in sums).
void SetFigures(const AgentFigureValues& values, bool include_depth, pb::Message& message) {
  const pb::Descriptor* descriptor = message.GetDescriptor();
  const pb::Reflection* reflection = message.GetReflection();
  const auto& catalogue = AgentFigureCatalogue();
  for (size_t i = 0; i < catalogue.size(); ++i) {
    if (i == graph::kDepth && !include_depth) continue;
    const pb::FieldDescriptor* field = descriptor->FindFieldByName(std::string(catalogue[i].name));
    if (field == nullptr) continue;
    if (field->cpp_type() == pb::FieldDescriptor::CPPTYPE_INT32) {
      reflection->SetInt32(&message, field, static_cast<int32_t>(values[i]));
    } else {
      reflection->SetDouble(&message, field, FigureAsDouble(catalogue[i].unit, values[i]));
    }
  }
}

int32_t Clamp(int64_t v) {
  return v > INT32_MAX ? INT32_MAX : static_cast<int32_t>(v);
}

}  // namespace

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
    c->set_loaded(Clamp(f.loaded));
    c->set_rejected(Clamp(f.rejected));
    c->set_ignored(Clamp(f.ignored));
  }
  auto copy = [](const graph::LoadIssue& from, tiersight::v1::LoadIssue* to) {
    to->set_file(from.file);
    to->set_line(Clamp(from.line));
    to->set_reason(from.reason);
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
  SetFigures(graph::AgentFiguresOf(network, tree, agent), /*include_depth=*/true, out);
  return out;
}

tiersight::v1::FiguresReport FiguresReportToProto(const graph::Network* network,
                                                  const graph::Figures* figures,
                                                  const graph::LoadReport& report,
                                                  const std::string& digest) {
  tiersight::v1::FiguresReport out;
  *out.mutable_load() = LoadReportToProto(report);
  tiersight::v1::BundleInfo* bundle = out.mutable_bundle();
  bundle->set_digest(digest);
  bundle->set_as_of(report.as_of);
  if (network != nullptr) {
    bundle->set_name(network->config.name);
    bundle->set_currency(network->config.currency);
  }
  if (figures == nullptr) return out;

  const graph::NetworkFigures& nf = figures->network;
  tiersight::v1::NetworkFigures* n = out.mutable_network();
  n->set_participants(Clamp(nf.participants));
  n->set_max_depth(static_cast<int32_t>(nf.max_depth));
  n->set_tops(static_cast<int32_t>(nf.tops));
  n->set_company_goods_revenue(graph::AmountToDouble(nf.company_goods_revenue));
  n->set_company_fee_revenue(graph::AmountToDouble(nf.company_fee_revenue));
  n->set_fee_revenue_share(nf.fee_revenue_share);
  n->set_retail_units(static_cast<double>(nf.retail_units));
  n->set_retail_share(nf.retail_share);
  n->set_units_on_hand(static_cast<double>(nf.units_on_hand));
  n->set_loss_share(nf.loss_share);
  n->set_recruitment_reward_share(nf.recruitment_reward_share);
  n->set_internal_sales_share(nf.internal_sales_share);
  n->set_recruit_spend_share(nf.recruit_spend_share);
  n->set_company_units_to_agents(static_cast<double>(nf.company_units_to_agents));
  n->set_agents_with_negative_on_hand(Clamp(nf.agents_with_negative_on_hand));
  n->set_agents_with_loss(Clamp(nf.agents_with_loss));
  for (const graph::MonthRecruits& m : nf.recruits_by_month.months) {
    tiersight::v1::MonthCount* month = n->add_recruits_by_month();
    month->set_month(fmt::format("{:04}-{:02}", m.year, m.month));
    month->set_agents(Clamp(m.agents));
  }
  n->set_agents_without_joined_at(Clamp(nf.recruits_by_month.without_joined_at));
  for (const graph::NetCashPercentile& p : nf.net_cash_percentiles) {
    tiersight::v1::NetCashPercentile* percentile = n->add_net_cash_percentiles();
    percentile->set_percentile(p.percentile);
    percentile->set_net_cash(graph::AmountToDouble(p.net_cash));
  }

  for (uint32_t a : figures->negative_on_hand_agents) {
    out.add_negative_on_hand_agent_ids(std::string(network->id(a)));
  }
  for (const graph::GroupFigures& g : figures->levels) {
    tiersight::v1::LevelFigures* level = out.add_levels();
    level->set_depth(static_cast<int32_t>(g.depth));
    level->set_agents(Clamp(g.agents));
    SetFigures(g.sums, /*include_depth=*/false, *level);
  }
  for (const graph::GroupFigures& g : figures->tiers) {
    tiersight::v1::TierFigures* tier = out.add_tiers();
    tier->set_tier(g.tier);
    tier->set_agents(Clamp(g.agents));
    SetFigures(g.sums, /*include_depth=*/false, *tier);
  }
  return out;
}

std::string ToJson(const google::protobuf::Message& message) {
  return exports::ReportJson(message);
}

}  // namespace tiersight::core
