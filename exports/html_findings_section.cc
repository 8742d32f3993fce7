#include <algorithm>
#include <string_view>

#include "base/str_cat.h"
#include "exports/chain_text.h"
#include "exports/finding_text.h"
#include "exports/html_blocks.h"
#include "exports/html_escape.h"
#include "exports/html_sections.h"
#include "exports/localized_text.h"
#include "exports/number_format.h"
#include "graph/figure_catalogue.h"

namespace tiersight::exports {
namespace {

namespace v1 = tiersight::v1;

constexpr size_t kSubjectsListed = 10;
// Top agents on paper (the page on screen and flagged_agents.csv list all).
constexpr int kSubjectsPrinted = 5;

// The unit of a value: as the report says it, or for a report recorded
// before values said so, as the catalogue gives the figure of that name
// (`scope` is the finding's).
graph::FigureUnit UnitOf(std::string_view scope_name, const v1::FigureValue& v) {
  for (graph::FigureUnit unit :
       {graph::FigureUnit::kCount, graph::FigureUnit::kUnits, graph::FigureUnit::kMoney,
        graph::FigureUnit::kShare, graph::FigureUnit::kRatio, graph::FigureUnit::kMonths,
        graph::FigureUnit::kFlag}) {
    if (graph::UnitName(unit) == v.unit()) return unit;
  }
  graph::FigureScope scope = graph::FigureScope::kNetwork;
  graph::ParseScope(scope_name, scope);
  const graph::FigureSpec* spec = graph::ResolveFigureName(scope, v.name());
  return spec != nullptr ? spec->unit : graph::FigureUnit::kRatio;
}

}  // namespace

// Amounts with the currency (from the exact decimal where the report carries
// one), shares as percentages, counts and units grouped, ratios and
// durations with two decimals.
std::string FormatFigureValue(const Context& ctx, std::string_view scope,
                              const v1::FigureValue& v) {
  const double value = v.value();
  switch (UnitOf(scope, v)) {
    case graph::FigureUnit::kMoney:
      if (!v.exact().empty()) return FormatExactAmount(v.exact(), ctx.currency);
      return FormatAmount(value, ctx.currency);
    case graph::FigureUnit::kShare:
      return FormatShare(value);
    case graph::FigureUnit::kCount:
    case graph::FigureUnit::kUnits:
    case graph::FigureUnit::kFlag:
      return FormatUnits(value);
    case graph::FigureUnit::kRatio:
    case graph::FigureUnit::kMonths:
    case graph::FigureUnit::kTable:
      break;
  }
  return FormatAmount(value, "", 2);
}

namespace {

std::string Code(std::string_view text) { return StrCat("<code>", EscapeHtml(text), "</code>"); }

// A figure's label as a rule names it: the agent's branch's figures
// (branch_X) as such, the others as FigureLabel names them.
std::string RuleFigureLabel(const ReportLabels& l, std::string_view name) {
  constexpr std::string_view kBranch = "branch_";
  if (!name.starts_with(kBranch)) return FigureLabel(l, name);
  const std::string figure = FigureLabel(l, name.substr(kBranch.size()));
  if (figure == name.substr(kBranch.size())) return std::string(name);
  // The name runs on after the prefix, as in FigureLabel.
  std::string lowered = figure;
  if (!lowered.empty() && lowered[0] >= 'A' && lowered[0] <= 'Z') lowered[0] += 'a' - 'A';
  std::string out(l.branch_figure);
  out.replace(out.find("{figure}"), 8, lowered);
  return out;
}

// One row per value: its name (a figure's label and catalogue name, a
// parameter's name in its pack, with the parameter's doc where the page's
// language has one) and its value in its unit.
std::string ValuesTable(const Context& ctx, const v1::Finding& f, bool parameters,
                        const google::protobuf::RepeatedPtrField<v1::FigureValue>& values) {
  const ReportLabels& l = ctx.labels;
  const LocalizedText text(l, ctx.report);
  HtmlTable table{
      .css_class = parameters ? "params" : "figures",
      .headings = {std::string(parameters ? l.parameter : l.figure), std::string(l.value)},
      .rows = {},
      .numeric = {1},
      .markup = {0, 2}};
  std::vector<std::string> docs;
  for (const v1::FigureValue& v : values) {
    docs.push_back(parameters ? text.ParamDocHtml(f.pack(), v.name()) : std::string());
  }
  const bool documented =
      std::any_of(docs.begin(), docs.end(), [](const std::string& d) { return !d.empty(); });
  if (documented) table.headings.emplace_back(l.definition);
  for (int i = 0; i < values.size(); ++i) {
    const v1::FigureValue& v = values[i];
    std::vector<std::string> row{
        parameters ? Code(v.name())
                   : StrCat(EscapeHtml(RuleFigureLabel(l, v.name())), " (", Code(v.name()), ")"),
        FormatFigureValue(ctx, f.scope(), v)};
    if (documented) row.push_back(docs[i]);
    table.rows.push_back(std::move(row));
  }
  return RenderTable(table);
}

// The indexes of the figures that tell the top agents apart: a figure with
// the same value for all of them (a network figure a rule compares with) is
// in the triggering figures already.
std::vector<int> VaryingFigures(const v1::Evidence& e) {
  std::vector<int> varying;
  const v1::SubjectEvidence& first = e.top_subjects(0);
  for (int f = 0; f < first.values_size(); ++f) {
    const bool differs = std::any_of(
        e.top_subjects().begin(), e.top_subjects().end(), [&](const v1::SubjectEvidence& s) {
          return f >= s.values_size() || s.values(f).value() != first.values(f).value();
        });
    if (differs || e.top_subjects_size() == 1) varying.push_back(f);
  }
  return varying;
}

// One row per top agent when its figures fit across the page; otherwise one
// row per figure, a column per agent, a table per few agents. Printed: the
// first kSubjectsPrinted agents (one table), and how many there are.
std::string TopSubjectsTable(const Context& ctx, std::string_view scope, const v1::Evidence& e) {
  constexpr size_t kFiguresAcross = 4;
  constexpr int kAgentsAcross = 5;
  const ReportLabels& l = ctx.labels;
  const LocalizedText text(l, ctx.report);
  const std::vector<int> figures = VaryingFigures(e);
  const v1::SubjectEvidence& first = e.top_subjects(0);
  auto value_of = [&](const v1::SubjectEvidence& s, int f) {
    return f < s.values_size() ? FormatFigureValue(ctx, scope, s.values(f)) : std::string();
  };
  if (figures.size() <= kFiguresAcross) {
    HtmlTable table{.css_class = "top-subjects",
                    .headings = {std::string(l.subject)},
                    .rows = {},
                    .numeric = {}};
    for (int f : figures) {
      table.numeric.push_back(table.headings.size());
      table.headings.push_back(RuleFigureLabel(l, first.values(f).name()));
    }
    for (const v1::SubjectEvidence& s : e.top_subjects()) {
      std::vector<std::string> row{text.Subject(s.subject())};
      for (int f : figures) row.push_back(value_of(s, f));
      table.rows.push_back(std::move(row));
    }
    table.print_rows = kSubjectsPrinted;
    table.print_note = PrintShownText(l, kSubjectsPrinted, e.top_subjects_size());
    return RenderTable(table);
  }
  static_assert(kSubjectsPrinted % kAgentsAcross == 0);
  std::string out;
  for (int begin = 0; begin < e.top_subjects_size(); begin += kAgentsAcross) {
    const int end = std::min(begin + kAgentsAcross, e.top_subjects_size());
    HtmlTable table{
        .css_class = begin < kSubjectsPrinted ? "top-subjects" : "top-subjects print-omit",
        .headings = {std::string(l.figure)},
        .rows = {},
        .numeric = {}};
    for (int a = begin; a < end; ++a) {
      table.numeric.push_back(table.headings.size());
      table.headings.push_back(text.Subject(e.top_subjects(a).subject()));
    }
    for (int f : figures) {
      std::vector<std::string> row{RuleFigureLabel(l, first.values(f).name())};
      for (int a = begin; a < end; ++a) row.push_back(value_of(e.top_subjects(a), f));
      table.rows.push_back(std::move(row));
    }
    out += RenderTable(table);
  }
  if (e.top_subjects_size() > kSubjectsPrinted) {
    out += StrCat("<p class=\"note print-only\">",
                  EscapeHtml(PrintShownText(l, kSubjectsPrinted, e.top_subjects_size())), "</p>\n");
  }
  return out;
}

std::string EvidenceBlock(const Context& ctx, const v1::Finding& f) {
  const ReportLabels& l = ctx.labels;
  const v1::Evidence& e = f.evidence();
  std::string out = StrCat("<h4>", EscapeHtml(l.evidence), "</h4>\n");
  out += RenderFacts({{std::string(l.rows_matched), FormatCount(e.matches())},
                      {std::string(l.rows_evaluated), FormatCount(e.evaluated())}});
  if (!e.deepest_chain().empty()) {
    const std::string chain =
        ChainText(e, " → ", [&](int64_t omitted) { return ChainOmittedText(l, omitted); });
    out += StrCat("<p>", EscapeHtml(l.deepest_chain), " (",
                  e.deepest_chain_size() + e.deepest_chain_omitted(), ")</p>\n<p class=\"chain\">",
                  EscapeHtml(chain), "</p>\n");
  }
  // One top agent whose figures are the triggering ones says nothing new.
  const bool repeats_values =
      e.top_subjects_size() == 1 && e.top_subjects(0).values_size() == f.values_size() &&
      std::equal(f.values().begin(), f.values().end(), e.top_subjects(0).values().begin(),
                 [](const v1::FigureValue& a, const v1::FigureValue& b) {
                   return a.name() == b.name() && a.value() == b.value();
                 });
  if (!e.top_subjects().empty() && !repeats_values) {
    out += StrCat("<p>", EscapeHtml(l.top_subjects), "</p>\n", TopSubjectsTable(ctx, f.scope(), e));
  }
  return out;
}

// The subjects the card lists (those the finding shows, at most
// kSubjectsListed), and "10 of 743 shown" when it concerns more.
std::string SubjectsText(const Context& ctx, const v1::Finding& f) {
  const LocalizedText text(ctx.labels, ctx.report);
  const int64_t listed = std::min<int64_t>(ShownCount(f), kSubjectsListed);
  const int64_t count = SubjectCount(f);
  std::string subjects;
  for (int i = 0; i < listed && i < f.subjects_size(); ++i) {
    if (i > 0) subjects += ctx.labels.list_separator;
    subjects += text.Subject(f.subjects(i));
  }
  if (listed < count) {
    StrAppend(subjects, listed > 0 ? " — " : "", SubjectsShownText(ctx.labels, listed, count));
  }
  return subjects;
}

// What the severity rests on: the rule's own, or a measure and its value
// (markup).
std::string SeverityBasis(const Context& ctx, const v1::Finding& f) {
  const v1::Grading& g = f.grading();
  const std::string basis = LocalizedText(ctx.labels, ctx.report).GradingBasisHtml(g);
  if (g.basis().empty() || g.basis() == "rule") return basis;
  return StrCat(basis, " = ", EscapeHtml(FormatFigureValue(ctx, f.scope(), g.measure())));
}

// The rule's condition as its pack writes it, then the named conditions it
// reads, so that the figures and parameters around it read as a test.
std::string ConditionBlock(const ReportLabels& l, const v1::Finding& f) {
  if (f.condition().empty()) return {};  // a report recorded before conditions
  std::string out = StrCat("<h4>", EscapeHtml(l.condition), "</h4>\n<p class=\"condition\">",
                           Code(f.condition()), "</p>\n");
  if (f.named_conditions().empty()) return out;
  Facts named;
  for (const v1::NamedCondition& c : f.named_conditions()) {
    named.emplace_back(c.name(), Code(c.expression()));
  }
  return StrCat(out, "<p>", EscapeHtml(l.named_conditions), "</p>\n", RenderMarkupFacts(named));
}

// `group_heading` (markup, may be empty) opens the card: the heading of its
// jurisdiction's group, inside the first card so that paper never leaves it
// at the foot of a sheet apart from the card it heads.
std::string FindingBlock(const Context& ctx, const v1::Finding& f, int index,
                         std::string_view group_heading) {
  const ReportLabels& l = ctx.labels;
  const LocalizedText text(l, ctx.report);
  const std::string subjects = SubjectsText(ctx, f);
  std::string out =
      StrCat("<article class=\"finding sev-", EscapeHtml(f.severity()), "\" id=\"finding-", index,
             "\">\n", group_heading, "<h3>", SeverityBadge(ctx, f.severity()),
             EscapeHtml(text.FindingTitle(f)), "</h3>\n");
  // Values are markup: the citation marks foreign law, the basis its measure.
  Facts facts{{std::string(l.rule), EscapeHtml(StrCat(f.pack(), " / ", f.rule_id()))},
              {std::string(l.scope), EscapeHtml(ScopeLabel(l, f.scope()))},
              {std::string(l.subjects), EscapeHtml(subjects)},
              {std::string(l.citation), text.CiteHtml(f)}};
  if (!f.tags().empty()) {
    std::vector<std::string> tags;
    for (const std::string& tag : f.tags()) tags.push_back(text.Tag(tag));
    facts.emplace_back(l.tags, EscapeHtml(StrJoin(tags, l.list_separator)));
  }
  facts.emplace_back(l.severity_basis, SeverityBasis(ctx, f));
  out += RenderMarkupFacts(facts);
  out += StrCat("<p class=\"message\">", text.FindingMessageHtml(f), "</p>\n");
  // On paper a medium or lower finding keeps its words and leaves its
  // tables to the page and the CSV, so that the serious ones carry the case
  // file's length.
  const bool detail_on_paper = f.severity() == "high" || f.severity() == "critical";
  if (!detail_on_paper) {
    out += StrCat("<p class=\"note print-only\">", EscapeHtml(l.print_detail_omitted), "</p>\n",
                  "<div class=\"finding-detail print-omit\">\n");
  }
  if (!f.values().empty()) {
    out += StrCat("<h4>", EscapeHtml(l.triggering_figures), "</h4>\n",
                  ValuesTable(ctx, f, /*parameters=*/false, f.values()));
  }
  out += ConditionBlock(l, f);
  if (!f.params().empty()) {
    out += StrCat("<h4>", EscapeHtml(l.params_read), "</h4>\n",
                  ValuesTable(ctx, f, /*parameters=*/true, f.params()));
  }
  out += EvidenceBlock(ctx, f);
  if (!detail_on_paper) out += "</div>\n";
  out += "</article>\n";
  return out;
}

}  // namespace

std::string SeverityBadge(const Context& ctx, std::string_view severity) {
  return StrCat("<span class=\"severity sev-", EscapeHtml(severity), "\">",
                EscapeHtml(SeverityLabel(ctx.labels, severity)), "</span>");
}

// Findings under the jurisdiction whose packs made them, in the verdicts'
// order (the network's own first): a reader of one legal system reads its
// findings together. A card keeps its number in the report (findings.csv,
// page one's links), so the numbers within a group may skip.
std::string FindingsSection(const Context& ctx) {
  const v1::AuditReport& r = ctx.report;
  std::string out = OpenSection("findings", 7, ctx.labels.findings);
  if (r.findings().empty()) out += StrCat("<p>", EscapeHtml(ctx.labels.no_findings), "</p>\n");
  const LocalizedText text(ctx.labels, r);
  std::vector<bool> shown(r.findings_size(), false);
  auto group = [&](std::string_view heading, auto belongs) {
    std::vector<int> members;
    for (int i = 0; i < r.findings_size(); ++i) {
      if (shown[i] || !belongs(r.findings(i))) continue;
      shown[i] = true;
      members.push_back(i);
    }
    if (members.empty()) return;
    const int64_t count = static_cast<int64_t>(members.size());
    const std::string title =
        FillLabel(count == 1 ? ctx.labels.findings_group_one : ctx.labels.findings_group,
                  {{"jurisdiction", heading}, {"count", FormatCount(count)}});
    std::string group_heading =
        StrCat("<h3 class=\"jurisdiction-group\">", EscapeHtml(title), "</h3>\n");
    for (int i : members) {
      out += FindingBlock(ctx, r.findings(i), i + 1, group_heading);
      group_heading.clear();
    }
  };
  for (const v1::JurisdictionVerdict& v : r.verdicts()) {
    group(text.Jurisdiction(v.jurisdiction()), [&](const v1::Finding& f) {
      return std::find(v.packs().begin(), v.packs().end(), f.pack()) != v.packs().end();
    });
  }
  // A report recorded before verdicts, or a pack in none of them.
  group(ctx.labels.other_findings, [](const v1::Finding&) { return true; });
  out += "</section>\n";
  return out;
}

}  // namespace tiersight::exports
