// Where `audit --out PATH` writes an exported report, and writing it there.
//
// The format follows the extension unless --out-format says otherwise:
// .json a JSON file, .html an HTML file, .pdf the HTML report printed by
// headless Chromium (pdf_printer.h), .zip the CSV tables in a zip, and a
// directory (a path ending in '/', an existing directory, or a path without
// an extension) the CSV tables as files. `x.csv` is refused: a CSV report is
// several tables.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "exports/report_export.h"

namespace tiersight::cli {

struct ExportTarget {
  exports::ExportFormat format = exports::ExportFormat::kJson;
  // kPdf: the HTML export, printed to one PDF file.
  enum class Layout { kFile, kDirectory, kZip, kPdf } layout = Layout::kFile;
};

// `out_format`: "", "json", "html", "pdf" or "csv". Errors name the path.
absl::StatusOr<ExportTarget> ChooseExportTarget(const std::string& out,
                                                const std::string& out_format);

// Each file whole or not at all (written beside, then renamed); a directory
// of tables as a whole (base::ReplaceDirectoryWhole: an existing directory
// is replaced only when it holds nothing but tables of an earlier export;
// a table with ExportedFile::write is written as it is made). A zip layout expects the single file
// of ExportOptions::csv_as_zip, a PDF layout the HTML page, which it prints (FAILED_PRECONDITION
// naming the Debian package chromium when no Chromium is found).
absl::Status WriteExportedFiles(const std::vector<exports::ExportedFile>& files,
                                const ExportTarget& target, const std::string& out);

}  // namespace tiersight::cli
