// 1. The summary: page one — the verdicts, the key figures and the findings
// that matter most — then the network's facts, each pack's verdict and the
// digests.
#include <algorithm>
#include <set>
#include <string_view>
#include <tuple>
#include <vector>

#include "base/str_cat.h"
#include "exports/html_blocks.h"
#include "exports/html_escape.h"
#include "exports/html_sections.h"
#include "exports/localized_text.h"
#include "exports/number_format.h"
#include "exports/report_labels.h"

namespace tiersight::exports {
namespace {

namespace v1 = tiersight::v1;

constexpr size_t kTopFindings = 3;

constexpr std::string_view kSeverityOrder[] = {"info", "low", "medium", "high", "critical"};

int SeverityRank(std::string_view severity) {
  for (size_t i = 0; i < std::size(kSeverityOrder); ++i) {
    if (kSeverityOrder[i] == severity) return static_cast<int>(i);
  }
  return -1;
}

struct PackVerdict {
  std::string name;
  std::string version;
  std::vector<std::string> rules;
  int highest = -1;
};

std::vector<PackVerdict> Verdicts(const v1::AuditReport& report) {
  std::vector<PackVerdict> verdicts;
  for (const v1::PackProvenance& p : report.provenance().packs()) {
    verdicts.push_back({.name = p.name(), .version = p.version(), .rules = {}, .highest = -1});
  }
  for (const v1::Finding& f : report.findings()) {
    auto it = std::find_if(verdicts.begin(), verdicts.end(),
                           [&](const PackVerdict& v) { return v.name == f.pack(); });
    if (it == verdicts.end()) {
      verdicts.push_back({.name = f.pack(), .version = {}, .rules = {}, .highest = -1});
      it = verdicts.end() - 1;
    }
    if (std::find(it->rules.begin(), it->rules.end(), f.rule_id()) == it->rules.end()) {
      it->rules.push_back(f.rule_id());
    }
    it->highest = std::max(it->highest, SeverityRank(f.severity()));
  }
  return verdicts;
}

// "0.75 (highest)" in the report's language.
std::string RiskText(const Context& ctx, const v1::RiskIndex& risk) {
  return StrCat(FormatAmount(risk.index(), "", 2), " (", RiskBandLabel(ctx.labels, risk.band()),
                ")");
}

// What the findings amount to: each jurisdiction's verdict in words that
// state legal elements, with its risk index, then the network's index.
std::string JudgementBlock(const Context& ctx) {
  const ReportLabels& l = ctx.labels;
  const v1::AuditReport& r = ctx.report;
  std::string out = StrCat("<h3>", EscapeHtml(l.jurisdiction_verdicts), "</h3>\n");
  if (r.verdicts().empty()) return out + StrCat("<p>", EscapeHtml(l.no_verdict), "</p>\n");
  HtmlTable table{
      .css_class = "jurisdiction-verdicts",
      .headings = {std::string(l.jurisdiction), std::string(l.verdict), std::string(l.risk_index)},
      .rows = {},
      .numeric = {2},
      .markup = {1}};
  // In the page's language (the verdict marks foreign law: markup).
  const LocalizedText text(l, r);
  for (const v1::JurisdictionVerdict& v : r.verdicts()) {
    table.rows.push_back(
        {text.Jurisdiction(v.jurisdiction()), text.VerdictHtml(v), RiskText(ctx, v.risk())});
  }
  out += RenderTable(table);
  out += RenderFacts({{std::string(l.network_risk), RiskText(ctx, r.risk())}});
  out += StrCat("<p class=\"note\">", EscapeHtml(l.risk_note), "</p>\n");
  return out;
}

// The organisers the findings name, outermost ones each once, and the
// largest team among them.
struct OrganiserSummary {
  int64_t count = 0;
  const v1::Organiser* largest = nullptr;
};

OrganiserSummary SummariseOrganisers(const v1::AuditReport& report) {
  OrganiserSummary out;
  std::set<std::string> seen;
  for (const v1::Finding& f : report.findings()) {
    for (const v1::Organiser& o : f.organisers()) {
      if (!seen.insert(o.agent_id()).second) continue;
      ++out.count;
      if (out.largest == nullptr || o.team_size() > out.largest->team_size()) out.largest = &o;
    }
  }
  return out;
}

// Who, how much, how many lost: the numbers a reader who stops after page
// one takes away.
std::string KeyFiguresBlock(const Context& ctx) {
  const ReportLabels& l = ctx.labels;
  Facts facts;
  const OrganiserSummary organisers = SummariseOrganisers(ctx.report);
  facts.emplace_back(l.organisers_named, FormatCount(organisers.count));
  if (organisers.largest != nullptr) {
    facts.emplace_back(l.largest_team, TeamText(l, organisers.largest->team_size(),
                                                organisers.largest->team_levels()));
  }
  for (const v1::FigureValue& v : ctx.report.key_figures()) {
    facts.emplace_back(StrCat(FigureLabel(l, v.name())), FormatFigureValue(ctx, "network", v));
  }
  return StrCat("<h3>", EscapeHtml(l.key_figures), "</h3>\n", RenderFacts(facts));
}

// Severity first; then findings graded on money before those graded on
// people or stock, the larger measure first; then report order.
std::vector<int> FindingsByWeight(const v1::AuditReport& report) {
  auto unit_rank = [](const v1::Finding& f) {
    const std::string& unit = f.grading().measure().unit();
    return unit == "money" ? 2 : unit.empty() ? 0 : 1;
  };
  std::vector<int> order(static_cast<size_t>(report.findings_size()));
  for (int i = 0; i < report.findings_size(); ++i) order[static_cast<size_t>(i)] = i;
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    const v1::Finding& x = report.findings(a);
    const v1::Finding& y = report.findings(b);
    return std::tuple(SeverityRank(x.severity()), unit_rank(x), x.grading().measure().value()) >
           std::tuple(SeverityRank(y.severity()), unit_rank(y), y.grading().measure().value());
  });
  return order;
}

// The findings that matter most, in words, each linked to its card.
std::string TopFindingsBlock(const Context& ctx) {
  const ReportLabels& l = ctx.labels;
  std::string out = StrCat("<h3>", EscapeHtml(l.top_findings), "</h3>\n");
  if (ctx.report.findings().empty())
    return out + StrCat("<p>", EscapeHtml(l.no_findings), "</p>\n");
  out += "<ol class=\"top-findings\">\n";
  const std::vector<int> order = FindingsByWeight(ctx.report);
  // In the page's language, as the findings' own cards say them.
  const LocalizedText text(l, ctx.report);
  for (size_t i = 0; i < order.size() && i < kTopFindings; ++i) {
    const v1::Finding& f = ctx.report.findings(order[i]);
    out +=
        StrCat("<li><a href=\"#finding-", order[i] + 1, "\">", SeverityBadge(ctx, f.severity()),
               EscapeHtml(text.FindingTitle(f)), "</a>: ", text.FindingMessageHtml(f), "</li>\n");
  }
  out += "</ol>\n";
  out += StrCat("<p>", EscapeHtml(FindingsInAllText(l, ctx.report.findings_size())), "</p>\n");
  return out;
}

}  // namespace

std::string SummarySection(const Context& ctx) {
  const ReportLabels& l = ctx.labels;
  const v1::AuditReport& r = ctx.report;
  std::string out = OpenSection("summary", 1, l.summary);
  out += StrCat("<h3>", EscapeHtml(l.at_a_glance), "</h3>\n");
  out += JudgementBlock(ctx);
  out += KeyFiguresBlock(ctx);
  out += TopFindingsBlock(ctx);
  out += StrCat("<h3>", EscapeHtml(l.network_facts), "</h3>\n");
  out += RenderFacts({
      {std::string(l.network_name), r.bundle().name()},
      {std::string(l.as_of), r.bundle().as_of()},
      {std::string(l.participants), FormatCount(r.network().participants())},
      {std::string(l.levels), FormatCount(r.network().max_depth())},
      {std::string(l.tops), FormatCount(r.network().tops())},
      {std::string(l.currency), r.bundle().currency()},
      {std::string(l.records_loaded), FormatCount(r.load().loaded())},
      {std::string(l.records_rejected), FormatCount(r.load().rejected())},
      {std::string(l.records_ignored), FormatCount(r.load().ignored())},
  });
  out += StrCat("<h3>", EscapeHtml(l.verdicts), "</h3>\n");
  out += "<table class=\"verdicts\">\n<thead><tr>";
  for (std::string_view h : {l.pack, l.version, l.rules_fired, l.highest_severity}) {
    out += StrCat("<th>", EscapeHtml(h), "</th>");
  }
  out += "</tr></thead>\n<tbody>\n";
  for (const PackVerdict& v : Verdicts(r)) {
    out += StrCat("<tr class=\"verdict\"><td>", EscapeHtml(v.name), "</td><td>",
                  EscapeHtml(v.version), "</td><td>");
    if (v.rules.empty()) {
      out += EscapeHtml(l.no_rule_fired);
    } else {
      out += StrCat(v.rules.size(), ": <code>", EscapeHtml(StrJoin(v.rules, ", ")), "</code>");
    }
    out += "</td><td>";
    if (v.highest >= 0) out += SeverityBadge(ctx, kSeverityOrder[v.highest]);
    out += "</td></tr>\n";
  }
  out += "</tbody>\n</table>\n";

  const v1::Provenance& p = r.provenance();
  std::string ids(l.ids_unexported);
  if (p.personal_data() == "pseudonymised") ids = l.ids_pseudonymised;
  if (p.personal_data() == "included") ids = l.ids_included;
  Facts digests{
      {std::string(l.bundle_digest), r.bundle().digest()},
  };
  for (const v1::PackProvenance& pack : p.packs()) {
    digests.emplace_back(StrCat(l.pack_digest, " (", pack.name(), " ", pack.version(), ")"),
                         pack.sha256());
  }
  digests.emplace_back(l.engine_version, p.engine_version());
  digests.emplace_back(l.generated_at, p.time_fixed()
                                           ? StrCat(p.generated_at(), " — ", l.time_fixed_note)
                                           : p.generated_at());
  digests.emplace_back(l.agent_ids, ids);
  if (!p.pseudonym_key_id().empty()) digests.emplace_back(l.pseudonym_key_id, p.pseudonym_key_id());
  out += StrCat("<h3>", EscapeHtml(l.digests), "</h3>\n", RenderFacts(digests), "</section>\n");
  return out;
}

}  // namespace tiersight::exports
