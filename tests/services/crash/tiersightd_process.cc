#include "tests/services/crash/tiersightd_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "base/str_cat.h"

namespace tiersight::services::testing {
namespace {

// The last `bytes` of the log, for an error message.
std::string LogTail(const std::string& path, size_t bytes = 2000) {
  std::ifstream in(path, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return text.size() > bytes ? text.substr(text.size() - bytes) : text;
}

// 0 while the file is missing or not yet a number.
int ReadPort(const std::string& path) {
  std::ifstream in(path);
  int port = 0;
  return in >> port ? port : 0;
}

}  // namespace

absl::StatusOr<TiersightdProcess> TiersightdProcess::Start(const TiersightdCommand& command,
                                                           std::chrono::milliseconds wait) {
  const std::string port_file = command.work_dir + "/tiersightd.port";
  std::error_code ec;
  std::filesystem::remove(port_file, ec);
  std::vector<std::string> args = {command.binary,   "--config",    command.config, "--data-dir",
                                   command.data_dir, "--port-file", port_file};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const int log = ::open(command.log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (log < 0) return absl::ErrnoToStatus(errno, StrCat("cannot open ", command.log_file));
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(log);
    return absl::ErrnoToStatus(errno, "cannot fork");
  }
  if (pid == 0) {
    ::dup2(log, STDERR_FILENO);
    const int null = ::open("/dev/null", O_WRONLY);
    if (null >= 0) ::dup2(null, STDOUT_FILENO);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(log);
  const auto deadline = std::chrono::steady_clock::now() + wait;
  while (std::chrono::steady_clock::now() < deadline) {
    if (const int port = ReadPort(port_file); port > 0) return TiersightdProcess(pid, port);
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid) {
      return absl::InternalError(StrCat(command.binary, " exited before serving (status ", status,
                                        "): ", LogTail(command.log_file)));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  TiersightdProcess late(pid, 0);
  late.Kill();
  return absl::DeadlineExceededError(
      StrCat(command.binary, " wrote no port file in time: ", LogTail(command.log_file)));
}

TiersightdProcess::TiersightdProcess(TiersightdProcess&& other) noexcept
    : pid_(other.pid_), port_(other.port_) {
  other.pid_ = -1;
}

TiersightdProcess& TiersightdProcess::operator=(TiersightdProcess&& other) noexcept {
  if (this != &other) {
    Kill();
    pid_ = other.pid_;
    port_ = other.port_;
    other.pid_ = -1;
  }
  return *this;
}

TiersightdProcess::~TiersightdProcess() { Kill(); }

void TiersightdProcess::Kill() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  pid_ = -1;
}

bool TiersightdProcess::Terminate(std::chrono::milliseconds wait) {
  if (pid_ <= 0) return false;
  ::kill(pid_, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + wait;
  int status = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return WIFEXITED(status) && WEXITSTATUS(status) == 0;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  Kill();
  return false;
}

}  // namespace tiersight::services::testing
