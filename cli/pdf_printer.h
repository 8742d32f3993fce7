// `tiersight audit --out report.pdf`: the HTML report printed to PDF by
// headless Chromium (Debian's package `chromium`), as it prints on A4 with
// its print stylesheet (exports/report_print_css.h): page numbers, running
// header. Only the command line starts a browser; the service never does
// (a browser per request would be a new attack surface for a server).
//
// The page is written to a private temporary directory and printed from
// there with a fresh browser profile, no network (every host name resolves
// to nothing), and a time limit, after which the browser's whole process
// group is killed. The PDF is written whole or not at all
// (base::AtomicFile). Thread-compatible: one print at a time per process is
// what the command line does.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace tiersight::cli {

// The environment variable naming the Chromium binary, over the search of
// PATH for `chromium` and `chromium-browser`.
inline constexpr std::string_view kChromiumVariable = "TIERSIGHT_CHROMIUM";

// The Chromium to print with. FAILED_PRECONDITION, naming the Debian package
// `chromium`, when TIERSIGHT_CHROMIUM names no executable file or, unset,
// PATH holds neither `chromium` nor `chromium-browser`.
absl::StatusOr<std::string> FindChromium();

struct PdfPrintOptions {
  std::chrono::seconds timeout{120};
};

// Prints `html` (a whole page that loads nothing from elsewhere) to a PDF at
// `out`. Errors name `out` and, when Chromium failed, the end of its output.
absl::Status PrintHtmlToPdf(std::string_view html, const std::string& out,
                            const PdfPrintOptions& options = {});

}  // namespace tiersight::cli
