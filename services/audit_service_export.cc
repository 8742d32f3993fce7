// AuditService: a recorded audit's report exported through the exports
// façade (the same bytes `tiersight audit --out` writes) and streamed in
// chunks. Pseudonymised with the tenant's own key.
#include "absl/time/time.h"
#include "exports/report_export.h"
#include "exports/report_languages.h"
#include "base/str_cat.h"
#include "services/audit_service_impl.h"
#include "services/call_log.h"
#include "services/chunks.h"
#include "services/resource_names.h"
#include "services/service_context.h"
#include "services/status_mapping.h"

namespace tiersight::services {
namespace {

namespace v1 = tiersight::v1;

}  // namespace

grpc::Status AuditServiceImpl::ExportReport(grpc::ServerContext* context,
                                            const v1::ExportReportRequest* request,
                                            grpc::ServerWriter<v1::ExportReportResponse>* writer) {
  CallLog log("AuditService/ExportReport");
  grpc::Status denied;
  std::optional<Caller> caller = AuthenticateCall(auth_, *context, log, denied);
  if (!caller) return log.Finish(denied);
  absl::StatusOr<std::string> id = ParseAuditName(request->name(), "name");
  if (!id.ok()) return log.Finish(ToGrpcStatus(id.status()));
  absl::StatusOr<exports::ExportFormat> format = exports::ParseExportFormat(request->format());
  if (!format.ok()) return log.Finish(ToGrpcStatus(format.status()));
  const std::string lang =
      request->lang().empty() ? std::string(exports::kDefaultReportLanguage) : request->lang();
  if (absl::Status s = exports::CheckReportLanguage(lang); !s.ok()) {
    return log.Finish(ToGrpcStatus(s));
  }
  absl::StatusOr<std::pair<v1::Audit, v1::AuditReport>> audit = ReadAudit(caller->tenant, *id);
  if (!audit.ok()) return log.Finish(ToGrpcStatus(audit.status()));
  absl::StatusOr<std::shared_ptr<const report::Pseudonymizer>> pseudonymizer =
      tenant_keys_.For(caller->tenant);
  if (!pseudonymizer.ok()) return log.Finish(ToGrpcStatus(pseudonymizer.status()));

  exports::ExportOptions options;
  options.format = *format;
  options.csv_as_zip = true;  // one stream, one file
  options.lang = lang;
  options.include_personal_data = request->include_personal_data();
  options.pseudonymizer = pseudonymizer->get();
  // The time the audit ran, so that every export of one audit is the same file.
  options.generated_at = absl::FormatTime(
      "%Y-%m-%dT%H:%M:%SZ",
      absl::FromUnixSeconds(audit->first.create_time().seconds()), absl::UTCTimeZone());
  absl::StatusOr<std::vector<exports::ExportedFile>> files =
      exports::ExportReport(std::move(audit->second), options);
  if (!files.ok()) return log.Finish(ToGrpcStatus(files.status()));
  if (files->size() != 1) {
    return log.Finish(grpc::Status(
        grpc::StatusCode::UNIMPLEMENTED,
        StrCat("format \"", request->format(), "\" gives ", files->size(),
               " files; ExportReport streams one file")));
  }
  const exports::ExportedFile& file = files->front();
  bool stopped = false;
  const bool sent = ForEachChunk(file.data, kStreamChunkBytes, [&](std::string_view piece, bool first) {
    if (CancelCheck(*context)()) {
      stopped = true;
      return false;
    }
    v1::ExportReportResponse chunk;
    if (first) chunk.set_content_type(file.content_type);
    chunk.set_data(std::string(piece));
    return writer->Write(chunk);
  });
  if (stopped) {
    return log.Finish(
        ToGrpcStatus(WhyStopped(*context, absl::CancelledError("the export was cancelled"))));
  }
  if (!sent) return log.Finish(grpc::Status(grpc::StatusCode::CANCELLED, "the client went away"));
  return log.Finish(grpc::Status::OK);
}

}  // namespace tiersight::services
