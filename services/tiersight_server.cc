#include "services/tiersight_server.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>
#include <spdlog/spdlog.h>

#include "base/file_read.h"
#include "base/str_cat.h"
#include "core/pack_library.h"
#include "grpc/health/v1/health.pb.h"
#include "services/audit_service_impl.h"
#include "services/auth.h"
#include "services/call_log.h"
#include "services/options_checks.h"
#include "services/rule_pack_service_impl.h"
#include "services/shipped_packs.h"

namespace tiersight::services {
namespace {

absl::StatusOr<std::string> ReadPem(const std::string& path, const std::string& key) {
  absl::StatusOr<std::string> text =
      base::ReadRegularFile(path, base::kMaxPemFileBytes, "a PEM file");
  if (!text.ok()) {
    return absl::InvalidArgumentError(
        StrCat("`", key, "`: ", std::string(text.status().message())));
  }
  return text;
}

// The private key: refused when group or others may read it, unless the
// configuration accepts that.
absl::StatusOr<std::string> ReadPemKey(const std::string& path, bool allow_insecure) {
  absl::StatusOr<std::string> text = base::ReadPrivateKeyFile(
      path, base::kMaxPemFileBytes, "the TLS private key",
      allow_insecure ? base::KeyFileAccess::kAllowInsecure : base::KeyFileAccess::kOwnerOnly);
  if (!text.ok()) {
    return absl::InvalidArgumentError(
        StrCat("`tls.key_file`: ", std::string(text.status().message())));
  }
  return text;
}

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> Credentials(const ServerOptions& options) {
  const TlsOptions& tls = options.tls;
  if (!tls.enabled) return grpc::InsecureServerCredentials();
  absl::StatusOr<std::string> cert = ReadPem(tls.cert_file, "tls.cert_file");
  if (!cert.ok()) return cert.status();
  absl::StatusOr<std::string> key = ReadPemKey(tls.key_file, options.allow_insecure_key);
  if (!key.ok()) return key.status();
  grpc::SslServerCredentialsOptions ssl;
  ssl.pem_key_cert_pairs.push_back({*key, *cert});
  if (!tls.client_ca_file.empty()) {
    absl::StatusOr<std::string> ca = ReadPem(tls.client_ca_file, "tls.client_ca_file");
    if (!ca.ok()) return ca.status();
    ssl.pem_root_certs = *ca;
    ssl.client_certificate_request = GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY;
  }
  return grpc::SslServerCredentials(ssl);
}

}  // namespace

absl::StatusOr<std::unique_ptr<Server>> Server::Start(const ServerOptions& options,
                                                      const std::string& packs_dir) {
  if (absl::Status s = ValidateServerOptions(options); !s.ok()) return s;
  absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> credentials = Credentials(options);
  if (!credentials.ok()) return credentials.status();
  SetServerLogLevel(options.log_level);
  for (const std::string& warning : InsecureListenWarnings(options)) RpcLogger()->warn(warning);

  // A pack that does not compile stops the start: better than audits
  // failing one by one.
  absl::StatusOr<std::unique_ptr<ShippedPacks>> shipped =
      ShippedPacks::Load(packs_dir.empty() ? core::ShippedPacksDir() : packs_dir);
  if (!shipped.ok()) return shipped.status();
  RpcLogger()->info("{} shipped rule packs compiled from {}", (*shipped)->Current()->ids.size(),
                    (*shipped)->dir());

  absl::StatusOr<std::unique_ptr<store::NetworkStore>> store =
      store::OpenSqliteStore(options.data_dir);
  if (!store.ok()) return store.status();

  std::unique_ptr<Server> server(new Server());
  server->options_ = options;
  server->auth_ = std::make_unique<Authenticator>(options.tokens);
  server->store_ = *std::move(store);
  server->shipped_packs_ = *std::move(shipped);
  server->rule_packs_ = std::make_unique<RulePackServiceImpl>(
      *server->auth_, *server->shipped_packs_, RulePackServiceImpl::Options());
  AuditServiceImpl::Options audit_options;
  audit_options.data_dir = options.data_dir;
  audit_options.limits = options.limits;
  audit_options.tenant_limits = options.tenant_limits;
  audit_options.network_cache_entries = options.network_cache_entries;
  audit_options.uploads = options.uploads;
  server->audits_ = std::make_unique<AuditServiceImpl>(*server->auth_, *server->store_,
                                                       *server->shipped_packs_, audit_options);

  grpc::EnableDefaultHealthCheckService(true);
  // Names the health messages so that their descriptors are linked in and
  // reflection can describe grpc.health.v1.Health to generic clients.
  (void)grpc::health::v1::HealthCheckResponse::descriptor();
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  // gRPC sets SO_REUSEPORT by default, which lets a second server bind a
  // port already served and take half its connections (each with its own
  // store); without it a taken port stops the start.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  builder.AddListeningPort(options.listen, *credentials, &server->port_);
  builder.SetMaxReceiveMessageSize(static_cast<int>(options.limits.max_message_bytes));
  builder.SetMaxSendMessageSize(static_cast<int>(options.limits.max_message_bytes));
  builder.RegisterService(server->rule_packs_.get());
  builder.RegisterService(server->audits_.get());
  server->server_ = builder.BuildAndStart();
  if (server->server_ == nullptr || server->port_ == 0) {
    server->server_.reset();
    return absl::UnavailableError(
        StrCat("cannot listen on ", options.listen,
               ": the port is taken (another server may be running) or the address is not "
               "one of this host's"));
  }
  server->server_->GetHealthCheckService()->SetServingStatus(true);
  RpcLogger()->info("tiersightd listening on {} (port {}, {})", options.listen, server->port_,
                    options.tls.enabled
                        ? (options.tls.client_ca_file.empty() ? "TLS" : "mutual TLS")
                        : "plaintext");
  return server;
}

Server::~Server() {
  Shutdown(std::chrono::seconds(1));
  Wait();
}

std::shared_ptr<grpc::Channel> Server::InProcessChannel() {
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(static_cast<int>(options_.limits.max_message_bytes));
  args.SetMaxSendMessageSize(static_cast<int>(options_.limits.max_message_bytes));
  return server_->InProcessChannel(args);
}

void Server::Shutdown(std::chrono::milliseconds deadline) {
  std::lock_guard<std::mutex> lock(shutdown_mu_);
  if (shut_down_ || server_ == nullptr) return;
  shut_down_ = true;
  RpcLogger()->info("tiersightd shutting down (deadline {} ms)", deadline.count());
  server_->GetHealthCheckService()->SetServingStatus(false);
  server_->Shutdown(std::chrono::system_clock::now() + deadline);
}

void Server::Wait() {
  if (server_ != nullptr) server_->Wait();
}

absl::Status Server::ReloadPacks() {
  absl::Status reloaded = shipped_packs_->Reload();
  if (!reloaded.ok()) {
    RpcLogger()->error("shipped rule packs not reloaded; the previous ones keep serving: {}",
                       std::string(reloaded.message()));
    return reloaded;
  }
  const std::shared_ptr<const ShippedPackSet> packs = shipped_packs_->Current();
  std::string versions;
  for (const auto& pack : packs->packs.packs) {
    StrAppend(versions, versions.empty() ? "" : ", ", pack->name, " ", pack->version);
  }
  RpcLogger()->info("shipped rule packs reloaded from {}: {}", shipped_packs_->dir(), versions);
  return absl::OkStatus();
}

}  // namespace tiersight::services
