#include "core/drill_down.h"

#include <algorithm>

#include "absl/status/status.h"
#include "base/str_cat.h"
#include "core/figures_proto.h"

namespace tiersight::core {
namespace {

namespace v1 = tiersight::v1;

// The positions [begin, end) `request` covers in a list of `total` items;
// `next` where the following page starts.
struct Span {
  size_t begin = 0;
  size_t end = 0;
  std::optional<size_t> next;
};

Span SpanOf(size_t total, PageRequest request) {
  Span span;
  span.begin = std::min(request.offset, total);
  span.end = span.begin + std::min(request.limit, total - span.begin);
  if (span.end < total) span.next = span.end;
  return span;
}

template <typename T>
Page<T> PageOf(const google::protobuf::RepeatedPtrField<T>& table, PageRequest request) {
  const Span span = SpanOf(static_cast<size_t>(table.size()), request);
  Page<T> page;
  page.items.assign(table.begin() + static_cast<int>(span.begin),
                    table.begin() + static_cast<int>(span.end));
  page.next_offset = span.next;
  return page;
}

std::vector<std::string> Upline(const graph::Network& network, uint32_t agent) {
  std::vector<std::string> chain;
  for (uint32_t s = network.sponsor[agent]; s != graph::kNoAgent; s = network.sponsor[s]) {
    chain.emplace_back(network.id(s));
  }
  std::reverse(chain.begin(), chain.end());
  return chain;
}

std::vector<uint32_t> Recruits(const graph::Network& network, uint32_t agent) {
  std::vector<uint32_t> recruits;
  auto [first, last] = boost::adjacent_vertices(agent, network.tree);
  recruits.assign(first, last);
  std::sort(recruits.begin(), recruits.end());
  return recruits;
}

}  // namespace

absl::StatusOr<AgentDrillDown> DrillDownAgent(const graph::Network& network,
                                              const graph::TreeMetrics& tree,
                                              const AgentQuery& query) {
  AgentDrillDown out;
  out.agent = network.Find(query.agent_id);
  if (out.agent == graph::kNoAgent) {
    return absl::NotFoundError(StrCat("no agent \"", query.agent_id, "\" in network ",
                                      query.network_id,
                                      query.lenient ? "" : " (or its row was rejected)"));
  }
  out.figures = AgentFiguresToProto(network, tree, out.agent);
  out.upline_agent_ids = Upline(network, out.agent);
  const std::vector<uint32_t> recruits = Recruits(network, out.agent);
  const Span span = SpanOf(recruits.size(), query.recruits);
  for (size_t i = span.begin; i < span.end; ++i) {
    out.recruits.items.push_back(AgentFiguresToProto(network, tree, recruits[i]));
  }
  out.recruits.next_offset = span.next;
  return out;
}

std::vector<v1::Finding> FindingsNaming(
    const google::protobuf::RepeatedPtrField<v1::Finding>& findings, std::string_view agent_id) {
  std::vector<v1::Finding> naming;
  for (const v1::Finding& finding : findings) {
    if (std::find(finding.subjects().begin(), finding.subjects().end(), agent_id) !=
        finding.subjects().end()) {
      naming.push_back(finding);
    }
  }
  return naming;
}

void CapFindingSubjects(google::protobuf::RepeatedPtrField<v1::Finding>& findings, int max) {
  for (v1::Finding& f : findings) {
    if (f.subject_count() < f.subjects_size()) f.set_subject_count(f.subjects_size());
    if (f.subjects_size() <= max) continue;
    f.mutable_subjects()->DeleteSubrange(max, f.subjects_size() - max);
    f.set_subjects_truncated(true);
  }
}

absl::StatusOr<Page<std::string>> FindingSubjectsPage(
    const google::protobuf::RepeatedPtrField<v1::Finding>& findings, int finding,
    PageRequest page) {
  if (finding < 0 || finding >= findings.size()) {
    const std::string has = findings.empty()
                                ? std::string("none")
                                : StrCat(findings.size(), ", 0 to ", findings.size() - 1);
    return absl::InvalidArgumentError(
        StrCat("`finding` ", finding, " is not a finding of the report (it has ", has, ")"));
  }
  return PageOf(findings.Get(finding).subjects(), page);
}

Page<v1::LevelFigures> LevelsPage(const v1::FiguresReport& report, PageRequest page) {
  return PageOf(report.levels(), page);
}

Page<v1::TierFigures> TiersPage(const v1::FiguresReport& report, PageRequest page) {
  return PageOf(report.tiers(), page);
}

}  // namespace tiersight::core
