#include "store/startup_sweep.h"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <system_error>
#include <vector>

#include "base/durable_file.h"
#include "base/str_cat.h"

namespace tiersight::store {
namespace fs = std::filesystem;
namespace {

// Removes every entry of `dir` whose name `keep` rejects; returns how many.
template <typename Keep>
absl::StatusOr<int> RemoveUnkept(const std::string& dir, std::string_view what, Keep keep) {
  // Listed first, removed after: removing while a directory is being read
  // may make the listing skip entries.
  std::vector<std::string> doomed;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (!keep(it->path().filename().string())) doomed.push_back(it->path().string());
  }
  if (ec) return absl::ErrnoToStatus(ec.value(), StrCat("cannot list ", dir));
  int removed = 0;
  for (const std::string& path : doomed) {
    absl::Status gone = base::RemoveTree(path);
    if (!gone.ok()) return gone;
    spdlog::warn("store: removed {} {}", what, path);
    ++removed;
  }
  if (removed > 0) {
    absl::Status synced = base::FsyncPath(dir);
    if (!synced.ok()) return synced;
  }
  return removed;
}

}  // namespace

absl::StatusOr<SweepResult> SweepLeftovers(const DataDirLayout& layout,
                                           const absl::flat_hash_set<std::string>& network_ids,
                                           const absl::flat_hash_set<std::string>& audit_ids) {
  SweepResult result;
  absl::StatusOr<int> staging =
      RemoveUnkept(layout.staging(), "unfinished upload", [](const std::string&) { return false; });
  if (!staging.ok()) return staging.status();
  result.staging_removed = *staging;

  absl::StatusOr<int> networks =
      RemoveUnkept(layout.networks(), "uncatalogued network",
                   [&](const std::string& name) { return network_ids.contains(name); });
  if (!networks.ok()) return networks.status();
  result.networks_removed = *networks;

  // Reports are <id>.json; a <id>.json.tmp is an interrupted write.
  absl::StatusOr<int> audits =
      RemoveUnkept(layout.audits(), "uncatalogued audit report", [&](const std::string& name) {
        constexpr std::string_view kSuffix = ".json";
        return name.ends_with(kSuffix) &&
               audit_ids.contains(name.substr(0, name.size() - kSuffix.size()));
      });
  if (!audits.ok()) return audits.status();
  result.audits_removed = *audits;
  return result;
}

}  // namespace tiersight::store
