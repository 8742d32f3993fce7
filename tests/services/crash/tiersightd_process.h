// A real tiersightd run as a child process on a data directory, started
// with a port file so that the caller learns its port, and stopped with
// SIGKILL (a crash) or SIGTERM (a clean stop). Not thread-safe.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>

#include "absl/status/statusor.h"

namespace tiersight::services::testing {

struct TiersightdCommand {
  std::string binary;    // build/bin/tiersightd
  std::string config;    // its --config file
  std::string data_dir;  // --data-dir
  std::string work_dir;  // where the port file is written
  std::string log_file;  // stderr is appended here
};

class TiersightdProcess {
 public:
  // Starts the server and waits (up to `wait`) for its port file.
  // An error names the binary and what its log says when it exited early.
  static absl::StatusOr<TiersightdProcess> Start(const TiersightdCommand& command,
                                                 std::chrono::milliseconds wait);
  TiersightdProcess(TiersightdProcess&& other) noexcept;
  TiersightdProcess& operator=(TiersightdProcess&& other) noexcept;  // kills this one first
  ~TiersightdProcess();                                              // kills a server still running

  int port() const { return port_; }
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }

  // SIGKILL, and waits for the process to be gone.
  void Kill();
  // SIGTERM; whether it exited 0 within `wait` (SIGKILL after that).
  bool Terminate(std::chrono::milliseconds wait);

 private:
  TiersightdProcess(pid_t pid, int port) : pid_(pid), port_(port) {}

  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace tiersight::services::testing
