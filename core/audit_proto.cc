#include "core/audit_proto.h"

#include <filesystem>

#include "core/figures_proto.h"
#include "rules/engine_version.h"

namespace tiersight::core {
namespace {

void CopyValues(const rules::FigureValues& from,
                google::protobuf::RepeatedPtrField<tiersight::v1::FigureValue>* to) {
  for (const auto& [name, value] : from) {
    tiersight::v1::FigureValue* v = to->Add();
    v->set_name(name);
    v->set_value(value);
  }
}

int32_t Clamp(int64_t v) { return v > INT32_MAX ? INT32_MAX : static_cast<int32_t>(v); }

}  // namespace

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
  return out;
}

tiersight::v1::AuditReport AuditReportToProto(const graph::Network* network,
                                              const graph::Figures* figures,
                                              const graph::LoadReport& load,
                                              const std::string& digest,
                                              const std::vector<rules::Finding>& findings,
                                              const LoadedPacks& packs) {
  tiersight::v1::AuditReport out;
  FillFiguresReport(network, figures, load, digest, out);
  for (const rules::Finding& f : findings) *out.add_findings() = FindingToProto(f);
  tiersight::v1::Provenance* p = out.mutable_provenance();
  p->set_bundle_digest(digest);
  p->set_as_of(load.as_of);
  p->set_engine_version(rules::kEngineVersion);
  for (const auto& pack : packs.packs) {
    tiersight::v1::PackProvenance* pp = p->add_packs();
    pp->set_name(pack->name);
    pp->set_version(pack->version);
    pp->set_sha256(pack->sha256);
    pp->set_file(std::filesystem::path(pack->file).filename().string());
  }
  return out;
}

}  // namespace tiersight::core
