#include "exports/report_export.h"

#include <google/protobuf/util/json_util.h>

namespace tiersight::exports {

absl::StatusOr<ExportFormat> ParseExportFormat(std::string_view name) {
  if (name == "json" || name.empty()) return ExportFormat::kJson;
  if (name == "html") return ExportFormat::kHtml;
  if (name == "csv") return ExportFormat::kCsv;
  return absl::InvalidArgumentError("unknown report format \"" + std::string(name) +
                                    "\" (json, html or csv)");
}

absl::StatusOr<std::vector<ExportedFile>> ExportReport(tiersight::v1::AuditReport report,
                                                       const ExportOptions& options) {
  if (options.format != ExportFormat::kJson) {
    return absl::UnimplementedError("only JSON reports can be exported yet");
  }
  google::protobuf::util::JsonPrintOptions json_options;
  json_options.add_whitespace = true;
  json_options.always_print_primitive_fields = true;
  json_options.preserve_proto_field_names = true;
  ExportedFile file{.name = "report.json", .content_type = "application/json", .data = {}};
  (void)google::protobuf::util::MessageToJsonString(report, &file.data, json_options);
  return std::vector<ExportedFile>{std::move(file)};
}

}  // namespace tiersight::exports
