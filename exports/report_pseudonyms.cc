#include "exports/report_pseudonyms.h"

#include "base/message.h"

namespace tiersight::exports {
namespace {

namespace v1 = tiersight::v1;
using Args = google::protobuf::RepeatedPtrField<v1::MessageArg>;

void MapAll(google::protobuf::RepeatedPtrField<std::string>& ids, const AgentIdMapping& map) {
  for (std::string& id : ids) id = map(id);
}

// Maps the agent-id arguments and renders the text again from the
// template; text without a template is withheld.
void Rewrite(const std::string& templ, Args& args, std::string& text, const AgentIdMapping& map) {
  if (templ.empty()) {
    // Recorded before templates existed: it may name agents in its text.
    if (!text.empty()) text = std::string(kWithheldMessage);
    return;
  }
  std::vector<base::MessageArg> rendered;
  for (v1::MessageArg& arg : args) {
    if (arg.kind() == v1::MESSAGE_ARG_KIND_AGENT_ID) arg.set_text(map(arg.text()));
    rendered.push_back(base::MessageArg{.name = arg.name(), .text = arg.text(), .kind = {}});
  }
  text = base::RenderTemplate(templ, rendered);
}

void RewriteIssues(google::protobuf::RepeatedPtrField<v1::LoadIssue>& issues,
                   const AgentIdMapping& map) {
  for (v1::LoadIssue& issue : issues) {
    Rewrite(issue.reason_template(), *issue.mutable_reason_args(), *issue.mutable_reason(), map);
  }
}

}  // namespace

void ReplaceAgentIds(v1::AuditReport& report, const AgentIdMapping& map) {
  for (v1::Finding& f : *report.mutable_findings()) {
    Rewrite(f.message_template(), *f.mutable_message_args(), *f.mutable_message(), map);
    // Agent findings name agents; branch findings the agents heading them;
    // level and tier findings name their groups ("level 3"), no agent.
    v1::Evidence& e = *f.mutable_evidence();
    if (f.scope() == "agent" || f.scope() == "branch") {
      MapAll(*f.mutable_subjects(), map);
      for (auto& s : *e.mutable_top_subjects()) s.set_subject(map(s.subject()));
    }
    MapAll(*e.mutable_deepest_chain(), map);
    for (v1::Organiser& o : *f.mutable_organisers()) {
      o.set_agent_id(map(o.agent_id()));
      // Empty for an outermost organiser: no agent to replace.
      if (!o.within().empty()) o.set_within(map(o.within()));
    }
  }
  MapAll(*report.mutable_negative_on_hand_agent_ids(), map);
  for (v1::OrganiserRisk& o : *report.mutable_organiser_risks()) o.set_agent_id(map(o.agent_id()));
  for (v1::BranchFigures& b : *report.mutable_branches()) b.set_top(map(b.top()));
  for (v1::OrganiserTeam& t : *report.mutable_organiser_teams()) {
    t.set_agent_id(map(t.agent_id()));
    if (!t.within().empty()) t.set_within(map(t.within()));
    for (v1::GenealogyNode& node : *t.mutable_nodes()) node.set_agent_id(map(node.agent_id()));
  }
  for (v1::BranchPyramid& p : *report.mutable_branch_pyramids()) p.set_top(map(p.top()));
  RewriteIssues(*report.mutable_load()->mutable_errors(), map);
  RewriteIssues(*report.mutable_load()->mutable_warnings(), map);
}

}  // namespace tiersight::exports
