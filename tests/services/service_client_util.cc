#include "tests/services/service_client_util.h"

#include <stdlib.h>

#include <stdexcept>

#include "absl/status/status.h"
#include "clients/cpp/remote_bundle_rows.h"
#include "graph/bundle_digest.h"
#include "graph/bundle_files.h"

namespace tiersight::services::testing {

namespace v1 = tiersight::v1;

namespace {

// Fetches page after page with `fetch(request, &page)`, giving each to
// `take`, until one comes without a next_page_token.
template <typename Response, typename Request, typename Fetch, typename Take>
grpc::Status EveryPage(Request request, Fetch fetch, Take take) {
  do {
    Response page;
    grpc::Status status = fetch(request, &page);
    if (!status.ok()) return status;
    take(page);
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty());
  return grpc::Status::OK;
}

}  // namespace

TempDir::TempDir() {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "tiersight-service-test-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    throw std::runtime_error("cannot create a temporary directory from " + pattern);
  }
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

ServerOptions TestOptions(const std::filesystem::path& data_dir) {
  ServerOptions options;
  options.listen = "127.0.0.1:0";
  options.log_level = "off";
  options.data_dir = data_dir.string();
  options.tokens = {{kAlphaToken, "alpha-ci", "alpha"},
                    {kAlphaToken2, "alpha-analyst", "alpha"},
                    {kBetaToken, "beta-ci", "beta"}};
  return options;
}

std::unique_ptr<grpc::ClientContext> Context(const std::string& token,
                                             std::chrono::milliseconds deadline) {
  auto context = std::make_unique<grpc::ClientContext>();
  if (!token.empty()) context->AddMetadata("authorization", "Bearer " + token);
  context->set_deadline(std::chrono::system_clock::now() + deadline);
  return context;
}

std::string StatusCodeName(grpc::StatusCode code) {
  // gRPC's codes are absl's, number for number.
  return absl::StatusCodeToString(static_cast<absl::StatusCode>(code));
}

absl::StatusOr<std::vector<v1::UploadNetworkRequest>> ReadUploadRequests(
    const std::string& bundle_dir, size_t batch_bytes) {
  std::vector<v1::UploadNetworkRequest> requests;
  absl::Status read =
      client::ForEachUploadRequest(bundle_dir, batch_bytes, [&](const v1::UploadNetworkRequest& r) {
        requests.push_back(r);
        return true;
      });
  if (!read.ok()) return read;
  return requests;
}

absl::StatusOr<std::vector<v1::UploadNetworkRequest>> GeneratedUploadRequests(
    const std::filesystem::path& dir, uint64_t agents, uint64_t seed, generate::Profile profile,
    size_t batch_bytes) {
  generate::GeneratorOptions options;
  options.out_dir = dir.string();
  options.agents = agents;
  options.seed = seed;
  options.profile = profile;
  absl::StatusOr<generate::GeneratorStats> generated = generate::GenerateBundle(options);
  if (!generated.ok()) return generated.status();
  return ReadUploadRequests(options.out_dir, batch_bytes);
}

grpc::Status Upload(v1::AuditService::Stub& stub,
                    const std::vector<v1::UploadNetworkRequest>& requests,
                    v1::UploadNetworkResponse* response, const std::string& token,
                    std::chrono::milliseconds deadline) {
  auto context = Context(token, deadline);
  std::unique_ptr<grpc::ClientWriter<v1::UploadNetworkRequest>> writer =
      stub.UploadNetwork(context.get(), response);
  for (const v1::UploadNetworkRequest& r : requests) {
    if (!writer->Write(r)) break;
  }
  writer->WritesDone();
  return writer->Finish();
}

std::map<std::string, std::string> ExportNetworkFiles(v1::AuditService::Stub& stub,
                                                      const std::string& network,
                                                      const std::string& token,
                                                      grpc::Status* status) {
  v1::ExportNetworkRequest request;
  request.set_name(network);
  auto context = Context(token);
  auto reader = stub.ExportNetwork(context.get(), request);
  std::map<std::string, std::string> files;
  std::string current;
  v1::ExportNetworkResponse chunk;
  while (reader->Read(&chunk)) {
    if (!chunk.file().empty()) current = chunk.file();
    files[current] += chunk.data();
  }
  *status = reader->Finish();
  return files;
}

std::string BundleDigestOfFiles(const std::map<std::string, std::string>& files) {
  std::vector<graph::FileSha256> present;
  for (std::string_view name : graph::kBundleFiles) {
    auto it = files.find(std::string(name));
    if (it != files.end()) present.emplace_back(name, graph::Sha256OfText(it->second));
  }
  return graph::BundleDigestOf(present);
}

grpc::Status ExportReportBytes(v1::AuditService::Stub& stub, const std::string& audit,
                               const std::string& format, const std::string& token,
                               std::string* bytes) {
  v1::ExportReportRequest request;
  request.set_name(audit);
  request.set_format(format);
  auto context = Context(token);
  auto reader = stub.ExportReport(context.get(), request);
  bytes->clear();
  v1::ExportReportResponse chunk;
  while (reader->Read(&chunk)) *bytes += chunk.data();
  return reader->Finish();
}

grpc::Status ListAllNetworks(v1::AuditService::Stub& stub, const std::string& token,
                             std::vector<v1::Network>* networks, int page_size) {
  networks->clear();
  v1::ListNetworksRequest request;
  request.set_page_size(page_size);
  return EveryPage<v1::ListNetworksResponse>(
      request,
      [&](const v1::ListNetworksRequest& r, v1::ListNetworksResponse* page) {
        return stub.ListNetworks(Context(token).get(), r, page);
      },
      [&](const v1::ListNetworksResponse& page) {
        networks->insert(networks->end(), page.networks().begin(), page.networks().end());
      });
}

grpc::Status ListAllAudits(v1::AuditService::Stub& stub, const std::string& token,
                           std::vector<v1::Audit>* audits, int page_size) {
  audits->clear();
  v1::ListAuditsRequest request;
  request.set_page_size(page_size);
  return EveryPage<v1::ListAuditsResponse>(
      request,
      [&](const v1::ListAuditsRequest& r, v1::ListAuditsResponse* page) {
        return stub.ListAudits(Context(token).get(), r, page);
      },
      [&](const v1::ListAuditsResponse& page) {
        audits->insert(audits->end(), page.audits().begin(), page.audits().end());
      });
}

}  // namespace tiersight::services::testing
