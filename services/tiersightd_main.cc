// tiersightd: the tiersight gRPC server. Reads its configuration file, starts
// listening, reloads the shipped rule packs on SIGHUP, and shuts down
// gracefully on SIGTERM or SIGINT. Logs go to stderr; nothing is written to
// stdout except --help.
#include <signal.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <string>

#include "absl/status/statusor.h"
#include "base/durable_file.h"
#include "services/call_log.h"
#include "services/fd_budget.h"
#include "services/server_options.h"
#include "services/tiersight_server.h"

int main(int argc, char** argv) {
  CLI::App app{
      "tiersightd: the tiersight gRPC server (AuditService, RulePackService, gRPC "
      "health and reflection) over a data directory of uploaded networks and audits. "
      "Logs go to stderr."};
  std::string config_file;
  std::string listen;
  std::string data_dir;
  app.add_option("--config", config_file, "Server configuration YAML file")
      ->required()
      ->check(CLI::ExistingFile);
  app.add_option("--listen", listen, "Listen address, overriding the file's `listen`");
  app.add_option("--data-dir", data_dir, "Data directory, overriding the file's `data_dir`");
  std::string port_file;
  app.add_option("--port-file", port_file,
                 "Once serving, write the bound port (one line) to this file, atomically; "
                 "for listen addresses with port 0");
  bool allow_insecure_listen = false;
  app.add_flag("--allow-insecure-listen", allow_insecure_listen,
               "Accept plaintext or the example token on an address other than loopback (as "
               "`allow_insecure_listen: true`), with a warning");
  bool allow_insecure_key = false;
  app.add_flag("--allow-insecure-key", allow_insecure_key,
               "Use a TLS private key file that group or others may read (as "
               "`allow_insecure_key: true`), with a warning");
  CLI11_PARSE(app, argc, argv);

  // Library logs (store, audits) go to stderr like the server's own.
  spdlog::set_default_logger(spdlog::stderr_color_mt("tiersightd"));
  auto logger = tiersight::services::RpcLogger();
  absl::StatusOr<tiersight::services::ServerOptions> options =
      tiersight::services::ReadServerOptionsFile(config_file);
  if (!options.ok()) {
    logger->critical("{}", std::string(options.status().message()));
    return 2;
  }
  if (!listen.empty()) options->listen = listen;
  if (!data_dir.empty()) options->data_dir = data_dir;
  options->allow_insecure_listen = options->allow_insecure_listen || allow_insecure_listen;
  options->allow_insecure_key = options->allow_insecure_key || allow_insecure_key;
  if (absl::Status valid = tiersight::services::ValidateServerOptions(*options); !valid.ok()) {
    logger->critical("{}: {}", config_file, std::string(valid.message()));
    return 2;
  }

  // Every upload, audit and connection holds descriptors: take all the
  // system allows, and keep a reserve of them (uploads.reserved_file_descriptors).
  logger->info("file descriptor limit: {}", tiersight::services::RaiseFileDescriptorLimit());

  // Block the signals in every thread gRPC starts; this thread waits for them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  absl::StatusOr<std::unique_ptr<tiersight::services::Server>> server =
      tiersight::services::Server::Start(*options);
  if (!server.ok()) {
    logger->critical("{}", std::string(server.status().message()));
    return absl::IsInvalidArgument(server.status()) ? 2 : 1;
  }
  if (!port_file.empty()) {
    absl::Status written =
        tiersight::base::WriteFileAtomically(port_file, std::to_string((*server)->port()) + "\n");
    if (!written.ok()) {
      logger->critical("--port-file: {}", std::string(written.message()));
      (*server)->Shutdown(std::chrono::seconds(1));
      return 1;
    }
  }
  int signal_number = 0;
  while (sigwait(&signals, &signal_number) == 0 && signal_number == SIGHUP) {
    // A failed reload keeps the previous packs serving; it says why itself.
    (void)(*server)->ReloadPacks();
  }
  logger->info("received signal {}", signal_number);
  (*server)->Shutdown(std::chrono::seconds(10));
  (*server)->Wait();
  logger->info("tiersightd stopped");
  return 0;
}
