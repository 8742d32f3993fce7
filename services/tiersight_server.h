// The tiersightd server: owns the shipped rule packs, the service
// implementations, the health and reflection services and the grpc::Server,
// from start to graceful shutdown. Thread-safe: Shutdown and ReloadPacks may
// be called from any thread, once or more.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <string>

#include "absl/status/statusor.h"
#include "services/server_options.h"

namespace grpc {
class Channel;
class Server;
}  // namespace grpc

namespace tiersight::store {
class NetworkStore;
}  // namespace tiersight::store

namespace tiersight::services {

class AuditServiceImpl;
class Authenticator;
class RulePackServiceImpl;
class ShippedPacks;

class Server {
 public:
  // Validates `options` (INVALID_ARGUMENT before anything starts), reads the
  // TLS files, reads and compiles the shipped rule packs of `packs_dir`
  // (empty: core::ShippedPacksDir(); FAILED_PRECONDITION naming the first
  // problem's file:line:column), opens the store in options.data_dir
  // (FAILED_PRECONDITION while another process has it open, naming its
  // pid), builds and starts the server with health checking (SERVING) and
  // reflection. UNAVAILABLE when the port is taken, even by another
  // tiersightd (no SO_REUSEPORT). An address with port 0 gets a free port
  // (see port()).
  static absl::StatusOr<std::unique_ptr<Server>> Start(const ServerOptions& options,
                                                       const std::string& packs_dir = "");

  ~Server();  // Shutdown with a short deadline if still running.
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // The port the server listens on.
  int port() const { return port_; }

  // A channel to this server that skips the network (tests).
  std::shared_ptr<grpc::Channel> InProcessChannel();

  // Reports NOT_SERVING, then stops accepting calls and waits up to
  // `deadline` for calls in flight before cancelling them.
  void Shutdown(std::chrono::milliseconds deadline = std::chrono::seconds(10));

  // Blocks until Shutdown has finished.
  void Wait();

  // Reads and compiles the shipped rule packs again (tiersightd does on
  // SIGHUP) and logs the outcome: the new packs serve the calls that start
  // afterwards, or, when a pack does not read or compile, the previous ones
  // keep serving and the status says why.
  absl::Status ReloadPacks();

 private:
  Server() = default;

  ServerOptions options_;
  std::unique_ptr<Authenticator> auth_;
  // Declared before the services and the grpc::Server, so it outlives them.
  std::unique_ptr<store::NetworkStore> store_;
  std::unique_ptr<ShippedPacks> shipped_packs_;
  std::unique_ptr<RulePackServiceImpl> rule_packs_;
  std::unique_ptr<AuditServiceImpl> audits_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
  std::mutex shutdown_mu_;
  bool shut_down_ = false;
};

}  // namespace tiersight::services
