#include <set>
#include <string_view>

#include "base/str_cat.h"
#include "exports/html_blocks.h"
#include "exports/html_escape.h"
#include "exports/html_sections.h"
#include "exports/localized_text.h"
#include "graph/figure_catalogue.h"

namespace tiersight::exports {
namespace {

namespace v1 = tiersight::v1;

struct Definition {
  std::string scope;  // the catalogue's scope of the figure defined
  std::string name;
  std::string definition;
};

// The definitions of the figures shown: the per-agent and network figures
// the report lists, and any other figure a finding names, each once.
std::vector<Definition> DefinitionsUsed(const v1::AuditReport& report) {
  std::vector<Definition> out;
  std::set<std::string> seen;
  auto add = [&](const graph::FigureSpec& spec) {
    if (seen.insert(spec.name).second) {
      out.push_back({std::string(graph::ScopeName(spec.scope)), spec.name, spec.definition});
    }
  };
  for (const graph::FigureSpec* spec : graph::FiguresOf(graph::FigureScope::kAgent)) {
    if (spec->exported) add(*spec);
  }
  // Distributions are defined with their charts below.
  for (const graph::FigureSpec* spec : graph::FiguresOf(graph::FigureScope::kNetwork)) {
    if (spec->unit != graph::FigureUnit::kTable) add(*spec);
  }
  for (const v1::Finding& f : report.findings()) {
    graph::FigureScope scope = graph::FigureScope::kNetwork;
    if (!graph::ParseScope(f.scope(), scope)) continue;
    std::vector<std::string> names;
    for (const v1::FigureValue& v : f.values()) names.push_back(v.name());
    for (const v1::SubjectEvidence& s : f.evidence().top_subjects()) {
      for (const v1::FigureValue& v : s.values()) names.push_back(v.name());
    }
    for (const std::string& name : names) {
      if (name.starts_with("network_")) continue;  // listed with the network figures
      if (const graph::FigureSpec* spec = graph::ResolveFigureName(scope, name)) add(*spec);
    }
  }
  return out;
}

}  // namespace

std::string MethodSection(const Context& ctx) {
  const ReportLabels& l = ctx.labels;
  std::string out = StrCat(OpenSection("method", 8, l.method), "<p>", EscapeHtml(l.method_intro),
                           "</p>\n<h3>", EscapeHtml(l.definitions), "</h3>\n");
  // The catalogue defines the figures in English; a page whose language
  // has finding texts gives them translated, and says so.
  const LocalizedText text(l, ctx.report);
  if (text.translated()) out += StrCat("<p>", EscapeHtml(l.definitions_note), "</p>\n");
  HtmlTable definitions{
      .css_class = "definitions",
      .headings = {std::string(l.label), std::string(l.figure), std::string(l.definition)},
      .rows = {},
      .numeric = {},
      .markup = {1, 2}};
  for (const Definition& e : DefinitionsUsed(ctx.report)) {
    definitions.rows.push_back({FigureLabel(l, e.name),
                                StrCat("<code>", EscapeHtml(e.name), "</code>"),
                                text.FigureDefinitionHtml(e.scope, e.name, e.definition)});
  }
  // Figures of this report only, named by their labels.
  for (auto [label, definition] :
       {std::pair{l.sell_through, l.sell_through_definition},
        std::pair{l.net_cash_distribution, l.net_cash_percentiles_definition},
        std::pair{l.recruits_per_month, l.recruits_per_month_definition}}) {
    definitions.rows.push_back({std::string(label), "", EscapeHtml(definition)});
  }
  out += RenderTable(definitions);

  HtmlTable packs{.css_class = "packs",
                  .headings = {std::string(l.pack), std::string(l.version), "SHA-256",
                               std::string(l.pack_file)},
                  .rows = {},
                  .numeric = {}};
  for (const v1::PackProvenance& p : ctx.report.provenance().packs()) {
    packs.rows.push_back({p.name(), p.version(), p.sha256(), p.file()});
  }
  out += StrCat("<h3>", EscapeHtml(l.packs), "</h3>\n", RenderTable(packs));
  out += RenderFacts({{std::string(l.engine_version), ctx.report.provenance().engine_version()}});
  out += "</section>\n";
  return out;
}

}  // namespace tiersight::exports
