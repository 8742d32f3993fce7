// Fuzzes uploads to tiersightd: the input is a stream of
// tiersight.v1.UploadNetworkRequest messages, each written as its length
// (a varint) and its bytes, as writeDelimitedTo writes them. The bytes of
// each are handed unparsed, as gRPC hands a client's stream to the
// handler's own parser, to AuditServiceImpl::Upload, the
// UploadNetwork handler behind authentication: received into a staged
// bundle of a SQLite store in a scratch directory (limits small enough for
// inputs to reach them), read strictly and committed. A committed network
// must be listed and is then deleted, so that the store stays small.
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <grpcpp/server_context.h>
#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/sync_stream.h>

#include <memory>
#include <vector>

#include "fuzz/fuzz_support.h"
#include "services/audit_service_impl.h"
#include "services/auth.h"
#include "services/shipped_packs.h"
#include "store/network_store.h"

namespace tiersight::fuzz {
namespace {

namespace v1 = tiersight::v1;

constexpr char kTenant[] = "fuzz-tenant";

// The messages of one input as a client's stream delivers them: bytes.
class MessageStream final : public grpc::ServerReaderInterface<grpc::ByteBuffer> {
 public:
  explicit MessageStream(std::vector<std::string> messages) : messages_(std::move(messages)) {}

  void SendInitialMetadata() override {}
  bool NextMessageSize(uint32_t* size) override {
    if (next_ >= messages_.size()) return false;
    *size = static_cast<uint32_t>(messages_[next_].size());
    return true;
  }
  bool Read(grpc::ByteBuffer* message) override {
    if (next_ >= messages_.size()) return false;
    const std::string& bytes = messages_[next_++];
    grpc::Slice slice(bytes.data(), bytes.size());
    *message = grpc::ByteBuffer(&slice, 1);
    return true;
  }

 private:
  std::vector<std::string> messages_;
  size_t next_ = 0;
};

// The length-delimited pieces of the input, whatever their bytes; a length
// past the end ends the stream there.
std::vector<std::string> Messages(std::string_view bytes) {
  google::protobuf::io::ArrayInputStream input(bytes.data(), static_cast<int>(bytes.size()));
  google::protobuf::io::CodedInputStream coded(&input);
  std::vector<std::string> messages;
  uint32_t size = 0;
  while (coded.ReadVarint32(&size)) {
    std::string message;
    if (size > bytes.size() || !coded.ReadString(&message, static_cast<int>(size))) break;
    messages.push_back(std::move(message));
  }
  return messages;
}

struct Service {
  std::unique_ptr<services::Authenticator> auth;
  std::unique_ptr<store::NetworkStore> store;
  std::unique_ptr<services::ShippedPacks> packs;
  std::unique_ptr<services::AuditServiceImpl> impl;
};

Service& TheService() {
  static Service* service = [] {
    auto* s = new Service;
    const std::string data_dir = (ScratchDir() / "data").string();
    s->auth = std::make_unique<services::Authenticator>(std::vector<services::TokenOptions>{});
    absl::StatusOr<std::unique_ptr<store::NetworkStore>> store = store::OpenSqliteStore(data_dir);
    TIERSIGHT_FUZZ_CHECK(store.ok());
    s->store = *std::move(store);
    // Uploads use no packs: an empty set keeps start-up short.
    absl::StatusOr<std::unique_ptr<services::ShippedPacks>> packs =
        services::ShippedPacks::Load((ScratchDir() / "no-packs").string());
    TIERSIGHT_FUZZ_CHECK(packs.ok());
    s->packs = *std::move(packs);
    services::AuditServiceImpl::Options options;
    options.data_dir = data_dir;
    options.limits.max_upload_bytes = 64 << 10;
    options.limits.max_upload_rows = 2000;
    s->impl = std::make_unique<services::AuditServiceImpl>(*s->auth, *s->store, *s->packs,
                                                           std::move(options));
    return s;
  }();
  return *service;
}

void FuzzUpload(std::string_view bytes) {
  Service& service = TheService();
  MessageStream stream(Messages(bytes));
  grpc::ServerContext context;
  absl::StatusOr<v1::UploadNetworkResponse> response = service.impl->Upload(
      context, services::Caller{.tenant = kTenant, .token_name = "fuzz"}, stream);
  if (!response.ok()) {
    TIERSIGHT_FUZZ_CHECK(!response.status().message().empty());
    return;
  }
  const std::string& name = response->network().name();
  TIERSIGHT_FUZZ_CHECK(name.rfind("networks/", 0) == 0);
  const std::string id = name.substr(9);
  TIERSIGHT_FUZZ_CHECK(service.store->GetNetwork(kTenant, id).ok());
  TIERSIGHT_FUZZ_CHECK(service.store->DeleteNetwork(kTenant, id).ok());
}

}  // namespace
}  // namespace tiersight::fuzz

TIERSIGHT_FUZZ_TARGET(tiersight::fuzz::TheService, tiersight::fuzz::FuzzUpload)
