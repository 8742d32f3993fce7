// The label catalogues of the HTML report as files (exports/languages/*.yaml):
// reading one and checking a set of them against the reference catalogue
// (en.yaml). Used at build time by generate_report_labels, which embeds the
// catalogues in the library, and by the tests; the library itself never
// reads a file. Thread-safe (no shared state).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"

namespace tiersight::exports {

// One language's words. A catalogue file maps keys to texts; a key may also
// name a group (figure_names, ...) that maps keys to texts in turn.
struct LabelCatalogue {
  std::string language;  // the file's name without .yaml: "en", "zh"
  // Top-level key -> text, in the file's order.
  std::vector<std::pair<std::string, std::string>> labels;
  // Group -> (key -> text), in the file's order.
  std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::string>>>> groups;
};

// The catalogue in `yaml`, read from `file` (its name gives the language;
// errors are located in it). INVALID_ARGUMENT for a value that is neither
// text nor a group of texts, a repeated key, or a file that is no mapping.
absl::StatusOr<LabelCatalogue> ParseLabelCatalogue(std::string_view yaml,
                                                   const std::filesystem::path& file);

// The catalogue in `file`.
absl::StatusOr<LabelCatalogue> ReadLabelCatalogue(const std::filesystem::path& file);

// What is wrong with `catalogues`, whose first is the reference: a language
// code that is not one ("en", "zh-TW"), a key of the reference that is no
// C++ name (the keys become the fields of ReportLabels), a key missing from
// a catalogue or not in the reference, an empty text, a text whose
// {placeholders} are not the reference's, an html_lang that is missing, no
// language tag ("zh-CN") or the same as another catalogue's. One line per
// problem, naming the file and key; empty when all is well.
std::vector<std::string> CheckLabelCatalogues(const std::vector<LabelCatalogue>& catalogues);

// The texts of findings in one language other than the packs' own
// (exports/languages/findings/LANG.yaml): what the shipped rule packs say
// (titles, messages, citations, verdicts, risk indicators, parameters, tags)
// and the figures' definitions, as nested mappings of texts. Each text is
// keyed by its path, the mapping keys joined with '/':
// "packs/cn/rules/cn-7-2-entry-fee/title", "definitions/agent/spend".
struct FindingTextCatalogue {
  std::string language;                                    // the file's name without .yaml: "zh"
  std::vector<std::pair<std::string, std::string>> texts;  // in the file's order
};

// INVALID_ARGUMENT, located in `file`, for a value that is neither text nor
// a mapping, a repeated key, a key holding '/', or a file that is no mapping.
absl::StatusOr<FindingTextCatalogue> ParseFindingTextCatalogue(std::string_view yaml,
                                                               const std::filesystem::path& file);
absl::StatusOr<FindingTextCatalogue> ReadFindingTextCatalogue(const std::filesystem::path& file);

// What is wrong with `c` on its own: a language code that is not one, a path
// outside the format (tags/T, jurisdictions/J, packs/P/version,
// packs/P/verdict/{name,offence}, packs/P/verdict/elements/T,
// packs/P/rules/R/{title,message,cite}, packs/P/risk/I, packs/P/params/N,
// definitions/SCOPE/F with SCOPE network, level, tier, branch, agent or
// group (level, tier and branch alike), figure_params/N), an empty text, or
// markup that is not closed (`code` and [[foreign-language text]]). Whether
// it covers every shipped pack and figure is the tests' to check. One line
// per problem; empty when all is well.
std::vector<std::string> CheckFindingTextCatalogue(const FindingTextCatalogue& c);

}  // namespace tiersight::exports
