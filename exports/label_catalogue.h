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

}  // namespace tiersight::exports
