#include "cli/export_files.h"

#include <filesystem>

#include "absl/container/flat_hash_set.h"
#include "base/durable_directory.h"
#include "base/durable_file.h"
#include "base/str_cat.h"
#include "cli/pdf_printer.h"

namespace tiersight::cli {
namespace {

using Layout = ExportTarget::Layout;

absl::Status WriteWhole(const std::string& path, std::string_view data) {
  base::AtomicFile file(path);
  if (absl::Status s = file.Open(); !s.ok()) return s;
  file.Write(data);
  return file.Commit();
}

}  // namespace

absl::StatusOr<ExportTarget> ChooseExportTarget(const std::string& out,
                                                const std::string& out_format) {
  namespace fs = std::filesystem;
  const std::string ext = fs::path(out).extension().string();
  const bool directory =
      (!out.empty() && out.back() == '/') || fs::is_directory(out) || ext.empty();
  if (out_format == "pdf" || (out_format.empty() && ext == ".pdf")) {
    return ExportTarget{exports::ExportFormat::kHtml, Layout::kPdf};
  }
  if (!out_format.empty()) {
    absl::StatusOr<exports::ExportFormat> format = exports::ParseExportFormat(out_format);
    if (!format.ok()) return format.status();
    if (*format != exports::ExportFormat::kCsv) return ExportTarget{*format, Layout::kFile};
    return ExportTarget{*format, ext == ".zip" ? Layout::kZip : Layout::kDirectory};
  }
  if (directory) return ExportTarget{exports::ExportFormat::kCsv, Layout::kDirectory};
  if (ext == ".json") return ExportTarget{exports::ExportFormat::kJson, Layout::kFile};
  if (ext == ".html" || ext == ".htm")
    return ExportTarget{exports::ExportFormat::kHtml, Layout::kFile};
  if (ext == ".zip") return ExportTarget{exports::ExportFormat::kCsv, Layout::kZip};
  if (ext == ".csv") {
    return absl::InvalidArgumentError(StrCat("--out ", out,
                                             ": a CSV report is several tables; give a directory (",
                                             out, "/... or a name without extension) or a .zip"));
  }
  return absl::InvalidArgumentError(
      StrCat("--out ", out, ": cannot tell the format from '", ext,
             "' (.json, .html, .pdf, .zip or a directory; or give --out-format)"));
}

absl::Status WriteExportedFiles(const std::vector<exports::ExportedFile>& files,
                                const ExportTarget& target, const std::string& out) {
  switch (target.layout) {
    case Layout::kFile:
    case Layout::kZip:
      if (files.size() != 1) return absl::InternalError("a single-file export gave several files");
      return WriteWhole(out, files[0].data);
    case Layout::kPdf:
      if (files.size() != 1) return absl::InternalError("a PDF export gave several files");
      return PrintHtmlToPdf(files[0].data, out);
    case Layout::kDirectory: {
      // The directory is replaced as a whole, so that a failure midway
      // never leaves one audit's tables beside another's.
      std::vector<base::OutputFile> tables;
      absl::flat_hash_set<std::string> names;
      for (const exports::ExportedFile& f : files) {
        tables.push_back({.name = f.name, .data = f.data, .write = f.write});
        names.insert(f.name);
      }
      return base::ReplaceDirectoryWhole(
          out, tables, [&](std::string_view name) { return names.contains(std::string(name)); });
    }
  }
  return absl::InternalError("unknown export layout");
}

}  // namespace tiersight::cli
