// `verify` of an HTML report: the signed JSON the page embeds, and whether
// the page is byte for byte what that JSON renders to. A page from another
// version of the renderer, or in a language this build lacks, cannot be
// re-rendered; that is said as such, never as an edit. Thread-safe.
#pragma once

#include <string>

#include "absl/status/statusor.h"

namespace tiersight::cli {

struct HtmlPageCheck {
  std::string signed_json;  // as the page embeds it
  // The page was re-rendered from signed_json and is identical to it.
  bool rechecked = false;
  // What to tell the reader about the page: how it was checked, or why it
  // could not be.
  std::string message;
};

// NOT_FOUND when the page embeds no signed JSON; INVALID_ARGUMENT when what
// it embeds is no audit report; DATA_LOSS, naming the first differing byte,
// when this build renders the page's version and language and the page is
// not what its JSON renders to: it was edited after it was exported.
absl::StatusOr<HtmlPageCheck> CheckHtmlPage(const std::string& html);

}  // namespace tiersight::cli
