// The tiersightd server: owns the service implementations, the health and
// reflection services and the grpc::Server, from start to graceful shutdown.
// Thread-safe: Shutdown may be called from any thread, once or more.
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

class Server {
 public:
  // Validates `options` (INVALID_ARGUMENT before anything starts), reads the
  // TLS files, opens the store in options.data_dir (FAILED_PRECONDITION while
  // another process has it open), builds and starts the server with health
  // checking (SERVING) and reflection. `packs_dir` empty: the shipped packs. An address with
  // port 0 gets a free port (see port()).
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

 private:
  Server() = default;

  ServerOptions options_;
  std::unique_ptr<Authenticator> auth_;
  // Declared before the services and the grpc::Server, so it outlives them.
  std::unique_ptr<store::NetworkStore> store_;
  std::unique_ptr<RulePackServiceImpl> rule_packs_;
  std::unique_ptr<AuditServiceImpl> audits_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
  std::mutex shutdown_mu_;
  bool shut_down_ = false;
};

}  // namespace tiersight::services
