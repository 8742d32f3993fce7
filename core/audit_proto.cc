#include "core/audit_proto.h"

#include <fmt/format.h>

#include <filesystem>

#include "core/figures_proto.h"
#include "graph/exact_amount.h"
#include "rules/engine_version.h"

namespace tiersight::core {
namespace {

namespace v1 = tiersight::v1;

void CopyValues(const rules::FigureValues& from,
                google::protobuf::RepeatedPtrField<v1::FigureValue>* to) {
  for (const rules::FigureValue& value : from) *to->Add() = FigureValueToProto(value);
}

int32_t Clamp(int64_t v) { return v > INT32_MAX ? INT32_MAX : static_cast<int32_t>(v); }

v1::FigureValue Money(const std::string& name, int64_t exact) {
  return FigureValueToProto(rules::FigureValue{.name = name,
                                               .value = graph::AmountToDouble(exact),
                                               .unit = graph::FigureUnit::kMoney,
                                               .exact = exact});
}

void RiskToProto(const rules::Risk& risk, v1::RiskIndex* out) {
  out->set_index(risk.index);
  out->set_band(risk.band);
  for (const rules::RiskScore& s : risk.indicators) {
    v1::RiskIndicatorScore* i = out->add_indicators();
    i->set_pack(s.pack);
    i->set_id(s.id);
    i->set_title(s.title);
    i->set_weight(s.weight);
    i->set_score(s.score);
    i->set_contribution(s.contribution);
  }
}

void JudgementToProto(const rules::Judgement& judgement, v1::AuditReport& out) {
  for (const rules::JurisdictionVerdict& v : judgement.verdicts) {
    v1::JurisdictionVerdict* p = out.add_verdicts();
    p->set_jurisdiction(v.jurisdiction);
    for (const std::string& pack : v.packs) p->add_packs(pack);
    p->set_verdict(v.text);
    p->set_elements_met(v.elements_met);
    for (const std::string& e : v.elements) p->add_elements(e);
    for (const std::string& n : v.notes) p->add_notes(n);
    RiskToProto(v.risk, p->mutable_risk());
  }
  RiskToProto(judgement.risk, out.mutable_risk());
  for (const rules::OrganiserRisk& o : judgement.organisers) {
    v1::OrganiserRisk* p = out.add_organiser_risks();
    p->set_agent_id(o.agent_id);
    p->set_jurisdiction(o.jurisdiction);
    RiskToProto(o.risk, p->mutable_risk());
  }
}

}  // namespace

v1::FigureValue FigureValueToProto(const rules::FigureValue& value) {
  v1::FigureValue out;
  out.set_name(value.name);
  out.set_value(value.value);
  out.set_unit(std::string(graph::UnitName(value.unit)));
  if (value.exact) {
    out.set_exact(value.unit == graph::FigureUnit::kMoney ? graph::FormatAmount(*value.exact)
                                                          : fmt::format("{}", *value.exact));
  }
  return out;
}

tiersight::v1::Finding FindingToProto(const rules::Finding& f) {
  tiersight::v1::Finding out;
  out.set_rule_id(f.rule_id);
  out.set_pack(f.pack);
  out.set_title(f.title);
  out.set_severity(std::string(rules::SeverityName(f.severity)));
  out.set_scope(std::string(rules::ScopeName(f.scope)));
  for (const std::string& t : f.tags) out.add_tags(t);
  for (const std::string& s : f.subjects) out.add_subjects(s);
  out.set_message(f.message);
  out.set_message_template(f.message_template);
  CopyArgs(f.message_args, out.mutable_message_args());
  out.set_cite(f.cite);
  out.set_condition(f.condition);
  for (const auto& [name, expression] : f.named_conditions) {
    tiersight::v1::NamedCondition* c = out.add_named_conditions();
    c->set_name(name);
    c->set_expression(expression);
  }
  CopyValues(f.values, out.mutable_values());
  tiersight::v1::Evidence* e = out.mutable_evidence();
  for (const std::string& id : f.deepest_chain) e->add_deepest_chain(id);
  e->set_deepest_chain_omitted(Clamp(f.deepest_chain_omitted));
  for (const rules::SubjectEvidence& s : f.top_subjects) {
    tiersight::v1::SubjectEvidence* p = e->add_top_subjects();
    p->set_subject(s.subject);
    CopyValues(s.values, p->mutable_values());
  }
  e->set_matches(Clamp(f.matches));
  e->set_evaluated(Clamp(f.evaluated));
  out.set_subject_count(Clamp(static_cast<int64_t>(f.subjects.size())));
  out.set_shown(f.shown);
  CopyValues(f.params, out.mutable_params());
  for (const rules::OrganiserRow& o : f.organisers) {
    v1::Organiser* p = out.add_organisers();
    p->set_agent_id(o.agent_id);
    p->set_within(o.within);
    p->set_team_size(Clamp(o.team_size));
    p->set_team_levels(Clamp(o.team_levels));
    *p->mutable_team_paid_in() = Money("team_paid_in", o.team_paid_in);
    *p->mutable_own_net_cash() = Money("own_net_cash", o.own_net_cash);
  }
  v1::Grading* g = out.mutable_grading();
  g->set_basis(f.grading.basis);
  if (f.grading.measure) *g->mutable_measure() = FigureValueToProto(*f.grading.measure);
  g->set_max_severity(std::string(rules::SeverityName(f.grading.max_severity)));
  return out;
}

tiersight::v1::AuditReport AuditReportToProto(
    const graph::Network* network, const graph::Figures* figures, const graph::LoadReport& load,
    const std::string& digest, const std::vector<rules::Finding>& findings,
    const SelectedPacks& packs, const rules::Judgement* judgement) {
  tiersight::v1::AuditReport out;
  FillFiguresReport(network, figures, load, digest, out);
  for (const rules::Finding& f : findings) *out.add_findings() = FindingToProto(f);
  tiersight::v1::Provenance* p = out.mutable_provenance();
  p->set_bundle_digest(digest);
  p->set_as_of(load.as_of);
  p->set_engine_version(rules::kEngineVersion);
  p->set_jurisdiction(packs.jurisdiction);
  p->set_pack_selection(std::string(PackChoiceName(packs.choice)));
  for (size_t i = 0; i < packs.compiled.size(); ++i) {
    const rules::RulePack& pack = *packs.compiled[i].pack;
    v1::PackProvenance* pp = p->add_packs();
    pp->set_name(pack.name);
    pp->set_version(pack.version);
    pp->set_sha256(pack.sha256);
    pp->set_file(std::filesystem::path(pack.file).filename().string());
    for (const std::string& code : pack.jurisdictions) pp->add_jurisdictions(code);
    for (const rules::PackParam& param : pack.params) {
      v1::ParamSetting* s = pp->add_params();
      s->set_name(param.name);
      s->set_value(packs.params[i].at(param.name));
      s->set_default_value(param.default_value);
      s->set_unit(std::string(graph::UnitName(param.unit)));
      s->set_heuristic(param.heuristic);
    }
  }
  if (network != nullptr) {
    out.mutable_bundle()->set_jurisdiction(network->config.jurisdiction);
    out.mutable_bundle()->set_direct_selling_licence(network->config.direct_selling_licence);
  }
  if (judgement != nullptr) JudgementToProto(*judgement, out);
  return out;
}

}  // namespace tiersight::core
