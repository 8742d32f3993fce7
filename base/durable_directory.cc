#include "base/durable_directory.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "base/durable_file.h"
#include "base/str_cat.h"

namespace tiersight::base {
namespace {

namespace fs = std::filesystem;

std::string WithoutTrailingSlashes(std::string path) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

std::string ParentOf(const std::string& path) {
  const fs::path parent = fs::path(path).parent_path();
  return parent.empty() ? std::string(".") : parent.string();
}

// OK when `dir` may be replaced: absent, or a directory of earlier output.
absl::Status CheckReplaceableDirectory(const std::string& dir,
                                       const std::function<bool(std::string_view)>& earlier_output,
                                       bool& exists) {
  struct stat st {};
  exists = false;
  if (::lstat(dir.c_str(), &st) != 0) {
    if (errno == ENOENT) return absl::OkStatus();
    return absl::ErrnoToStatus(errno, StrCat(dir, ": ", std::strerror(errno)));
  }
  if (!S_ISDIR(st.st_mode)) {
    return absl::FailedPreconditionError(
        StrCat(dir, ": is not a directory; the tables are written to a new or earlier one"));
  }
  exists = true;
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (!entry.is_regular_file(ec) || entry.is_symlink(ec) || !earlier_output(name)) {
      return absl::FailedPreconditionError(
          StrCat(dir, ": holds ", name,
                 ", which is not a table of an earlier export; give a new or empty directory "
                 "(nothing was written)"));
    }
  }
  if (ec) return absl::ErrnoToStatus(ec.value(), StrCat(dir, ": cannot list: ", ec.message()));
  return absl::OkStatus();
}

absl::Status WriteFiles(const std::string& temp, const std::vector<OutputFile>& files) {
  for (const OutputFile& f : files) {
    if (f.name.empty() || f.name.find('/') != std::string::npos || f.name == "." ||
        f.name == "..") {
      return absl::InvalidArgumentError(StrCat("'", f.name, "' is not a plain file name"));
    }
    DurableFileWriter writer;
    if (absl::Status s = writer.Open((fs::path(temp) / f.name).string(), 0644); !s.ok()) return s;
    absl::Status s = f.write ? f.write([&](std::string_view chunk) { return writer.Append(chunk); })
                             : writer.Append(f.data);
    if (!s.ok()) return s;
    if (absl::Status s = writer.Close(); !s.ok()) return s;
  }
  return FsyncPath(temp);
}

// Puts `temp` in the place of the existing `dir` in one step; `temp` then
// names the earlier contents.
absl::Status ExchangeDirectories(const std::string& temp, const std::string& dir) {
  if (::renameat2(AT_FDCWD, temp.c_str(), AT_FDCWD, dir.c_str(), RENAME_EXCHANGE) == 0) {
    return absl::OkStatus();
  }
  if (errno != EINVAL && errno != ENOSYS) {
    return absl::ErrnoToStatus(errno, StrCat("cannot put ", temp, " in the place of ", dir));
  }
  // A file system without exchange: move the earlier directory aside first.
  // A crash between the renames leaves `dir` missing, never mixed.
  const std::string aside = temp + ".earlier";
  if (std::rename(dir.c_str(), aside.c_str()) != 0) {
    return absl::ErrnoToStatus(errno, StrCat("cannot move ", dir, " aside"));
  }
  if (std::rename(temp.c_str(), dir.c_str()) != 0) {
    const int err = errno;
    std::rename(aside.c_str(), dir.c_str());
    return absl::ErrnoToStatus(err, StrCat("cannot put ", temp, " in the place of ", dir));
  }
  std::rename(aside.c_str(), temp.c_str());
  return absl::OkStatus();
}

}  // namespace

absl::Status ReplaceDirectoryWhole(const std::string& target, const std::vector<OutputFile>& files,
                                   const std::function<bool(std::string_view)>& earlier_output) {
  const std::string dir = WithoutTrailingSlashes(target);
  bool exists = false;
  if (absl::Status s = CheckReplaceableDirectory(dir, earlier_output, exists); !s.ok()) return s;
  if (!exists) {
    if (absl::Status s = EnsureDirectory(ParentOf(dir)); !s.ok()) return s;
  }
  static std::atomic<uint64_t> counter{0};
  const std::string temp = StrCat(dir, ".tmp-", ::getpid(), "-", counter.fetch_add(1));
  if (::mkdir(temp.c_str(), 0755) != 0) {
    return absl::ErrnoToStatus(errno, StrCat("cannot create ", temp));
  }
  absl::Status written = WriteFiles(temp, files);
  if (written.ok()) {
    if (!exists) {
      written = RenameDurably(temp, dir);
    } else {
      written = ExchangeDirectories(temp, dir);
      if (written.ok()) written = FsyncPath(ParentOf(dir));
    }
  }
  // The temporary directory holds the earlier contents on success and the
  // partial new ones on failure: either way it goes.
  absl::Status removed = RemoveTree(temp);
  if (!written.ok()) return written;
  return removed;
}

}  // namespace tiersight::base
