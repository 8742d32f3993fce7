// AuditService: a recorded audit's report exported through the exports
// façade (the same bytes `tiersight audit --out` writes) and streamed in
// chunks. Pseudonymised with the tenant's own key. A CSV export carries the
// evidence annex, read from the audited network's stored files.
#include <spdlog/spdlog.h>

#include <optional>

#include "absl/time/time.h"
#include "base/str_cat.h"
#include "core/finding_evidence.h"
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

// The evidence annex of a CSV export, read from the stored files of the
// audited network. A network deleted since, or files no longer those
// audited, leave the annex out (provenance.csv says why): the recorded
// report is still exported.
struct StoredEvidence {
  std::optional<exports::EvidenceAnnex> annex;
  std::string missing;
};

std::string UnreadableFiles(const v1::Audit& audit) {
  return StrCat("the stored files of ", audit.network(),
                " cannot be read as they were audited (deleted or changed since)");
}

absl::StatusOr<StoredEvidence> EvidenceOf(store::NetworkStore& store, const std::string& tenant,
                                          const v1::Audit& audit, const v1::AuditReport& report) {
  absl::StatusOr<std::string> id = ParseNetworkName(audit.network(), "network");
  if (!id.ok()) return id.status();
  absl::StatusOr<std::string> dir = store.NetworkDir(tenant, *id);
  if (absl::IsNotFound(dir.status())) {
    return StoredEvidence{.missing = StrCat(audit.network(), " was deleted since the audit")};
  }
  if (!dir.ok()) return dir.status();
  absl::StatusOr<exports::EvidenceAnnex> annex = core::FindingEvidence(*dir, report);
  if (absl::IsFailedPrecondition(annex.status())) {
    spdlog::warn("{}: evidence annex left out: {}", audit.name(),
                 std::string(annex.status().message()));
    return StoredEvidence{.missing = UnreadableFiles(audit)};
  }
  if (!annex.ok()) return annex.status();
  return StoredEvidence{.annex = *std::move(annex)};
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
    exports::ExportOptions options =
        OptionsFor(*request, *format, audit->first, pseudonymizer->get());
    StoredEvidence evidence;
    if (*format == exports::ExportFormat::kCsv) {
      absl::StatusOr<StoredEvidence> found =
          EvidenceOf(store_, caller.tenant, audit->first, audit->second);
      if (!found.ok()) return found.status();
      evidence = *std::move(found);
      options.evidence = evidence.annex ? &*evidence.annex : nullptr;
      options.evidence_missing = evidence.missing;
    }
    absl::StatusOr<std::vector<exports::ExportedFile>> files =
        options.evidence == nullptr ? exports::ExportReport(std::move(audit->second), options)
                                    : exports::ExportReport(audit->second, options);
    if (options.evidence != nullptr && absl::IsFailedPrecondition(files.status())) {
      // The annex reads the stored files again as its table is written: a
      // network deleted or changed since it was made leaves it out, as when
      // that happened before.
      spdlog::warn("{}: evidence annex left out: {}", audit->first.name(),
                   std::string(files.status().message()));
      options.evidence = nullptr;
      options.evidence_missing = UnreadableFiles(audit->first);
      files = exports::ExportReport(std::move(audit->second), options);
    }
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
