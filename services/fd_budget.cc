#include "services/fd_budget.h"

#include <dirent.h>
#include <sys/resource.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <string_view>

#include "base/str_cat.h"

namespace tiersight::services {
namespace {

const char* CauseOf(int err) {
  return err == ENOMEM ? "the server is out of memory" : "the server is out of file descriptors";
}

// absl::ErrnoToStatus, which base/ uses for file errors, ends its message
// with strerror's text; the status code alone would not tell a file error
// from a limit.
std::optional<absl::Status> OutOfResourcesInMessage(std::string_view message,
                                                    const std::string& doing) {
  for (int err : {ENFILE, EMFILE, ENOMEM}) {  // ENFILE's text contains EMFILE's
    if (message.find(std::strerror(err)) != std::string_view::npos) {
      return OutOfResources(err, doing.c_str());
    }
  }
  return std::nullopt;
}

}  // namespace

int64_t RaiseFileDescriptorLimit() {
  struct rlimit limit {};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return -1;
  if (limit.rlim_cur < limit.rlim_max) {
    struct rlimit raised = limit;
    raised.rlim_cur = limit.rlim_max;
    if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
  }
  return limit.rlim_cur == RLIM_INFINITY ? INT64_MAX : static_cast<int64_t>(limit.rlim_cur);
}

std::optional<int64_t> FreeFileDescriptors() {
  struct rlimit limit {};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return std::nullopt;
  if (limit.rlim_cur == RLIM_INFINITY) return INT64_MAX;
  DIR* dir = ::opendir("/proc/self/fd");
  // Not even a descriptor to list them with: none free.
  if (dir == nullptr) return IsOutOfResources(errno) ? std::optional<int64_t>(0) : std::nullopt;
  int64_t open = -1;  // the listing's own descriptor is not in use afterwards
  while (const struct dirent* entry = ::readdir(dir)) {
    if (entry->d_name[0] != '.') ++open;
  }
  ::closedir(dir);
  return static_cast<int64_t>(limit.rlim_cur) - open;
}

bool IsOutOfResources(int err) { return err == EMFILE || err == ENFILE || err == ENOMEM; }

absl::Status OutOfResources(int err, const char* doing) {
  return absl::ResourceExhaustedError(
      StrCat(CauseOf(err), " (", std::strerror(err), ") while ", doing, "; retry later"));
}

absl::Status OutOfResources(int err, const std::string& doing) {
  return OutOfResources(err, doing.c_str());
}

std::optional<absl::Status> OutOfResourcesIn(const absl::Status& status, const std::string& doing) {
  if (status.ok()) return std::nullopt;
  return OutOfResourcesInMessage(std::string(status.message()), doing);
}

std::optional<absl::Status> OutOfResourcesInLoad(const graph::LoadReport& report,
                                                 const std::string& doing) {
  if (!report.refused) return std::nullopt;
  for (const graph::LoadIssue& issue : report.errors) {
    if (auto exhausted = OutOfResourcesInMessage(issue.reason, doing)) return exhausted;
  }
  return std::nullopt;
}

}  // namespace tiersight::services
