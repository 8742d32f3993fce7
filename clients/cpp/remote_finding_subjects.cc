#include "clients/cpp/remote_finding_subjects.h"

namespace tiersight::client {
namespace {

// The most a page may hold: the fewest calls.
constexpr int kPageSize = 10'000;

}  // namespace

absl::Status FetchTruncatedSubjects(const RemoteConnection& connection, const std::string& audit,
                                    tiersight::v1::AuditReport& report) {
  for (int i = 0; i < report.findings_size(); ++i) {
    tiersight::v1::Finding& finding = *report.mutable_findings(i);
    if (!finding.subjects_truncated()) continue;
    tiersight::v1::ListFindingSubjectsRequest request;
    request.set_audit(audit);
    request.set_finding(i);
    request.set_page_size(kPageSize);
    google::protobuf::RepeatedPtrField<std::string> subjects;
    do {
      tiersight::v1::ListFindingSubjectsResponse page;
      const grpc::Status status =
          connection.audit().ListFindingSubjects(connection.NewContext().get(), request, &page);
      if (!status.ok()) {
        return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                            DescribeRpcError(connection, "ListFindingSubjects", status));
      }
      for (std::string& s : *page.mutable_subjects()) subjects.Add(std::move(s));
      request.set_page_token(page.next_page_token());
    } while (!request.page_token().empty());
    *finding.mutable_subjects() = std::move(subjects);
    finding.set_subjects_truncated(false);
  }
  return absl::OkStatus();
}

}  // namespace tiersight::client
