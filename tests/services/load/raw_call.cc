#include "tests/services/load/raw_call.h"

#include <grpcpp/generic/generic_stub.h>

namespace tiersight::services::testing {
namespace {

// Waits for the one operation in flight on `cq`; whether it succeeded.
bool Await(grpc::CompletionQueue& cq) {
  void* tag = nullptr;
  bool ok = false;
  return cq.Next(&tag, &ok) && ok;
}

}  // namespace

grpc::Status RawCall(const std::shared_ptr<grpc::Channel>& channel, const std::string& method,
                     const std::string& authorization, const std::vector<std::string>& messages,
                     std::chrono::milliseconds deadline) {
  grpc::ClientContext context;
  if (!authorization.empty()) context.AddMetadata("authorization", authorization);
  context.set_deadline(std::chrono::system_clock::now() + deadline);
  grpc::CompletionQueue cq;
  grpc::GenericStub stub(channel);
  std::unique_ptr<grpc::GenericClientAsyncReaderWriter> call =
      stub.PrepareCall(&context, method, &cq);
  // One operation at a time, so one tag serves them all.
  void* const tag = &context;
  call->StartCall(tag);
  bool open = Await(cq);
  for (size_t i = 0; open && i < messages.size(); ++i) {
    grpc::Slice slice(messages[i]);
    call->Write(grpc::ByteBuffer(&slice, 1), tag);
    open = Await(cq);
  }
  if (open) {
    call->WritesDone(tag);
    open = Await(cq);
  }
  grpc::ByteBuffer response;
  while (open) {
    call->Read(&response, tag);
    open = Await(cq);
  }
  grpc::Status status;
  call->Finish(&status, tag);
  Await(cq);
  cq.Shutdown();
  void* ignored_tag = nullptr;
  bool ignored_ok = false;
  while (cq.Next(&ignored_tag, &ignored_ok)) {
  }
  return status;
}

}  // namespace tiersight::services::testing
