#include "cli/pdf_printer.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <vector>

#include "base/durable_file.h"
#include "base/file_read.h"
#include "base/str_cat.h"

extern char** environ;

namespace tiersight::cli {
namespace {

constexpr std::string_view kPackageHint =
    "install Debian's package chromium (apt-get install chromium), or set TIERSIGHT_CHROMIUM to "
    "the browser's path";
// A report of a large network prints to a few MB; a PDF past this is not
// one of ours.
constexpr int64_t kMaxPdfBytes = int64_t{1} << 30;
constexpr int64_t kMaxLogBytes = int64_t{1} << 20;
constexpr size_t kLogTail = 800;

bool IsExecutableFile(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(path.c_str(), X_OK) == 0;
}

// A temporary directory, removed with what it holds when this goes.
class TempDir {
 public:
  absl::Status Create() {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern =
        StrCat(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp", "/tiersight-pdf-XXXXXX");
    if (::mkdtemp(pattern.data()) == nullptr) {
      return absl::InternalError(
          StrCat("cannot create a temporary directory (", pattern, "): ", std::strerror(errno)));
    }
    path_ = pattern;
    return absl::OkStatus();
  }
  ~TempDir() {
    if (!path_.empty()) (void)base::RemoveTree(path_);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// The last lines Chromium printed, for an error message.
std::string LogTail(const std::string& log_path) {
  absl::StatusOr<std::string> log = base::ReadRegularFile(log_path, kMaxLogBytes, "the log");
  if (!log.ok() || log->empty()) return "";
  std::string tail = log->size() > kLogTail ? log->substr(log->size() - kLogTail) : *log;
  while (!tail.empty() && (tail.back() == '\n' || tail.back() == ' ')) tail.pop_back();
  return StrCat("; Chromium said: ", tail);
}

// Runs `argv` in a process group of its own, stdout and stderr to
// `log_path`; kills the group when it outlives `timeout`. The exit status,
// or DEADLINE_EXCEEDED.
absl::StatusOr<int> RunWithTimeout(const std::vector<std::string>& argv,
                                   const std::string& log_path, std::chrono::seconds timeout) {
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attr;
  posix_spawn_file_actions_init(&actions);
  posix_spawnattr_init(&attr);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log_path.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  posix_spawnattr_setpgroup(&attr, 0);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
  pid_t pid = 0;
  const int spawned = ::posix_spawn(&pid, args[0], &actions, &attr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (spawned != 0) {
    return absl::FailedPreconditionError(
        StrCat("cannot start ", argv[0], ": ", std::strerror(spawned), "; ", kPackageHint));
  }
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  while (true) {
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) {
      return absl::InternalError(StrCat("waiting for Chromium: ", std::strerror(errno)));
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      ::kill(-pid, SIGKILL);
      while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
      return absl::DeadlineExceededError(
          StrCat("Chromium did not finish printing within ", timeout.count(), " s"));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return status;
}

}  // namespace

absl::StatusOr<std::string> FindChromium() {
  const std::string variable(kChromiumVariable);
  if (const char* chosen = std::getenv(variable.c_str()); chosen != nullptr && *chosen != '\0') {
    if (IsExecutableFile(chosen)) return std::string(chosen);
    return absl::FailedPreconditionError(
        StrCat(variable, "=", chosen, " is not an executable file: ", kPackageHint));
  }
  const char* path = std::getenv("PATH");
  std::string_view dirs = path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin";
  for (std::string_view name : {"chromium", "chromium-browser"}) {
    std::string_view rest = dirs;
    while (true) {
      const size_t colon = rest.find(':');
      const std::string_view dir = rest.substr(0, colon);
      const std::string candidate = StrCat(dir.empty() ? "." : dir, "/", name);
      if (IsExecutableFile(candidate)) return candidate;
      if (colon == std::string_view::npos) break;
      rest.remove_prefix(colon + 1);
    }
  }
  return absl::FailedPreconditionError(
      StrCat("a PDF is printed by headless Chromium, and neither chromium nor chromium-browser "
             "is on PATH: ",
             kPackageHint));
}

absl::Status PrintHtmlToPdf(std::string_view html, const std::string& out,
                            const PdfPrintOptions& options) {
  absl::StatusOr<std::string> chromium = FindChromium();
  if (!chromium.ok()) {
    return absl::FailedPreconditionError(
        StrCat("cannot write ", out, ": ", std::string(chromium.status().message())));
  }
  if (absl::Status s = base::CheckReplaceable(out); !s.ok()) return s;
  TempDir temp;
  if (absl::Status s = temp.Create(); !s.ok()) return s;
  const std::string page = temp.path() + "/report.html";
  const std::string pdf = temp.path() + "/report.pdf";
  const std::string log = temp.path() + "/chromium.log";
  if (absl::Status s = base::WriteFileAtomically(page, html, 0600); !s.ok()) return s;

  std::vector<std::string> argv = {
      *chromium,
      "--headless",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-extensions",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-default-apps",
      "--disable-sync",
      "--no-first-run",
      "--no-default-browser-check",
      // The page loads nothing; should it try, no host name resolves.
      "--host-resolver-rules=MAP * ~NOTFOUND",
      "--user-data-dir=" + temp.path() + "/profile",
      "--no-pdf-header-footer",
      "--print-to-pdf=" + pdf,
  };
  // Chromium refuses to run its sandbox as root; the page it prints is the
  // report's own, with no scripts.
  if (::geteuid() == 0) argv.emplace_back("--no-sandbox");
  argv.push_back("file://" + page);

  absl::StatusOr<int> status = RunWithTimeout(argv, log, options.timeout);
  if (!status.ok()) {
    return absl::Status(
        status.status().code(),
        StrCat("cannot write ", out, ": ", std::string(status.status().message()), LogTail(log)));
  }
  if (!WIFEXITED(*status) || WEXITSTATUS(*status) != 0) {
    return absl::InternalError(
        StrCat("cannot write ", out, ": ", *chromium,
               WIFEXITED(*status) ? " exited with status " : " was killed by signal ",
               WIFEXITED(*status) ? WEXITSTATUS(*status) : WTERMSIG(*status), LogTail(log)));
  }
  absl::StatusOr<std::string> bytes = base::ReadRegularFile(pdf, kMaxPdfBytes, "the PDF");
  if (!bytes.ok() || !bytes->starts_with("%PDF-")) {
    return absl::InternalError(StrCat(
        "cannot write ", out, ": Chromium wrote no PDF",
        bytes.ok() ? "" : StrCat(" (", std::string(bytes.status().message()), ")"), LogTail(log)));
  }
  return base::WriteFileAtomically(out, *bytes);
}

}  // namespace tiersight::cli
