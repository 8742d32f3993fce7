// AuditService: a recorded audit's report exported through the exports
// façade (the same bytes `tiersight audit --out` writes) and streamed in
// chunks. Pseudonymised with the tenant's own key.
#include "absl/time/time.h"
#include "base/str_cat.h"
#include "exports/report_export.h"
#include "exports/report_languages.h"
#include "services/audit_service_impl.h"
#include "services/chunks.h"
#include "services/resource_names.h"
#include "services/service_context.h"

namespace tiersight::services {
namespace {

namespace v1 = tiersight::v1;

// The caller's language, pseudonymised unless personal data is asked for,
// and dated when the audit ran, so that every export of one audit is the
// same file.
exports::ExportOptions OptionsFor(const v1::ExportReportRequest& request,
                                  exports::ExportFormat format, const v1::Audit& audit,
                                  const report::Pseudonymizer* pseudonymizer) {
  exports::ExportOptions options;
  options.format = format;
  options.csv_as_zip = true;  // one stream, one file
  options.lang =
      request.lang().empty() ? std::string(exports::kDefaultReportLanguage) : request.lang();
  options.include_personal_data = request.include_personal_data();
  options.pseudonymizer = pseudonymizer;
  options.report_id = audit.name();
  options.generated_at =
      absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::FromUnixSeconds(audit.create_time().seconds()),
                       absl::UTCTimeZone());
  return options;
}

// Streams `file` in chunks, the content type on the first; CANCELLED when
// the call ends first.
absl::Status Send(const exports::ExportedFile& file, const grpc::ServerContext& context,
                  grpc::ServerWriterInterface<v1::ExportReportResponse>& writer) {
  bool stopped = false;
  const bool sent =
      ForEachChunk(file.data, kStreamChunkBytes, [&](std::string_view piece, bool first) {
        if (CancelCheck(context)()) {
          stopped = true;
          return false;
        }
        v1::ExportReportResponse chunk;
        if (first) chunk.set_content_type(file.content_type);
        chunk.set_data(std::string(piece));
        return writer.Write(chunk);
      });
  if (stopped) return absl::CancelledError("the export was cancelled");
  if (!sent) return absl::CancelledError("the client went away");
  return absl::OkStatus();
}

}  // namespace

grpc::Status AuditServiceImpl::ExportReport(grpc::ServerContext* context,
                                            const v1::ExportReportRequest* request,
                                            grpc::ServerWriter<v1::ExportReportResponse>* writer) {
  return edge_.Serve("AuditService/ExportReport", *context, [&](const Caller& caller) {
    absl::StatusOr<std::string> id = ParseAuditName(request->name(), "name");
    if (!id.ok()) return id.status();
    absl::StatusOr<exports::ExportFormat> format = exports::ParseExportFormat(request->format());
    if (!format.ok()) return format.status();
    if (!request->lang().empty()) {
      if (absl::Status s = exports::CheckReportLanguage(request->lang()); !s.ok()) return s;
    }
    absl::StatusOr<std::pair<v1::Audit, v1::AuditReport>> audit = ReadAudit(caller.tenant, *id);
    if (!audit.ok()) return audit.status();
    absl::StatusOr<std::shared_ptr<const report::Pseudonymizer>> pseudonymizer =
        tenant_keys_.For(caller.tenant);
    if (!pseudonymizer.ok()) return pseudonymizer.status();
    absl::StatusOr<std::vector<exports::ExportedFile>> files =
        exports::ExportReport(std::move(audit->second),
                              OptionsFor(*request, *format, audit->first, pseudonymizer->get()));
    if (!files.ok()) return files.status();
    if (files->size() != 1) {
      return absl::UnimplementedError(StrCat("format \"", request->format(), "\" gives ",
                                             files->size(),
                                             " files; ExportReport streams one file"));
    }
    return Send(files->front(), *context, *writer);
  });
}

}  // namespace tiersight::services
