// What the report's packs and figure catalogue say, in the report's
// language. The packs and the catalogue write English, and the report (its
// JSON, CSV and signature) keeps their text; a page in another language
// renders it again from the report model and that language's finding text
// catalogue (exports/languages/findings/LANG.yaml, embedded at build time):
// titles, messages from their templates and arguments, citations, tags,
// verdicts, risk indicators, parameter docs and figure definitions.
//
// A text comes from the catalogue only when it has one for the finding's
// pack at the version the report ran (provenance) and, for a message, with
// the placeholders of the report's template; anything else (an English
// page, a pack sent inline, another version) shows the report's own text,
// never a translation of other words. So the page depends only on the
// report and the catalogues, and `verify` renders it again byte for byte.
//
// Catalogue texts may mark `code` (ids, figure names) and [[text in
// English]] (the names and citations of foreign law), which the *Html
// functions render as <code> and <span lang="en">; the plain-text
// functions drop the marks. Everything is escaped. Thread-safe (reads only).
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "exports/report_labels.h"
#include "tiersight/v1/findings.pb.h"

namespace tiersight::exports {

// `text` with its marks as markup, everything else escaped.
std::string MarkedTextHtml(std::string_view text);
// `text` without its marks.
std::string MarkedTextPlain(std::string_view text);

// Whether `lang` has a finding text catalogue ("en" has none: the packs'
// own language).
bool HasFindingTexts(std::string_view lang);

// The text at `path` of `lang`'s catalogue ("packs/cn/rules/R/title"), or
// null.
const std::string_view* FindingTextAt(std::string_view lang, std::string_view path);

class LocalizedText {
 public:
  // Both must outlive this object.
  LocalizedText(const ReportLabels& labels, const tiersight::v1::AuditReport& report);

  // Whether the page shows the catalogue's texts (a language with one).
  bool translated() const { return texts_; }

  std::string FindingTitle(const tiersight::v1::Finding& f) const;
  // The message filled from the catalogue's template with the report's
  // arguments (numbers as the report has them; "level 3", "tier X" and
  // spelled-out values in the page's language; agent ids as they are).
  std::string FindingMessage(const tiersight::v1::Finding& f) const;
  std::string FindingMessageHtml(const tiersight::v1::Finding& f) const;
  std::string CiteHtml(const tiersight::v1::Finding& f) const;
  std::string Tag(std::string_view tag) const;
  // "cn" -> "中国"; the code as it is without a name.
  std::string Jurisdiction(std::string_view code) const;
  // The verdict rendered again from the findings of its packs, as
  // rules::Judge words it; the report's text when its elements and notes
  // cannot be told again (another engine, a pack without texts).
  std::string VerdictHtml(const tiersight::v1::JurisdictionVerdict& v) const;
  std::string VerdictPlain(const tiersight::v1::JurisdictionVerdict& v) const;
  std::string RiskIndicatorTitle(const tiersight::v1::RiskIndicatorScore& s) const;
  // A parameter's doc (the pack's, else the figure catalogue's); empty when
  // the catalogue has none (English pages: the report carries no docs).
  std::string ParamDocHtml(std::string_view pack, std::string_view param) const;
  // A figure's definition of `scope` ("agent", "level", ...), or `english`.
  std::string FigureDefinitionHtml(std::string_view scope, std::string_view figure,
                                   std::string_view english) const;
  // A finding's subject: "network", "level 3" and "tier 总代" in the page's
  // language, agent ids as they are.
  std::string Subject(std::string_view subject) const;
  // What the finding's severity rests on, the measure in code: "share of
  // <code>units_on_hand</code>".
  std::string GradingBasisHtml(const tiersight::v1::Grading& g) const;

 private:
  // The catalogue's text for `path` under the finding's pack, when the
  // catalogue is for the version the report ran.
  const std::string_view* PackText(std::string_view pack, std::string_view path) const;
  std::string Message(const tiersight::v1::Finding& f, bool html) const;
  std::string Verdict(const tiersight::v1::JurisdictionVerdict& v, bool html) const;

  const ReportLabels& labels_;
  const tiersight::v1::AuditReport& report_;
  bool texts_ = false;
  std::map<std::string, std::string, std::less<>> pack_versions_;  // name -> version
};

}  // namespace tiersight::exports
