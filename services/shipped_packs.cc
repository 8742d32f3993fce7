#include "services/shipped_packs.h"

#include <algorithm>
#include <filesystem>

#include "absl/status/status.h"
#include "base/file_read.h"
#include "base/str_cat.h"
#include "graph/bundle_digest.h"
#include "services/fd_budget.h"
#include "services/pack_names.h"

namespace tiersight::services {
namespace {

absl::StatusOr<std::shared_ptr<const ShippedPackSet>> ReadSet(const std::string& dir) {
  auto set = std::make_shared<ShippedPackSet>();
  // PackPathsIn lists what it can: a directory it cannot open (for want of
  // descriptors, say) would read as one without packs.
  std::error_code ec;
  std::filesystem::directory_iterator listing(dir, ec);
  if (ec && ec != std::errc::no_such_file_or_directory) {
    if (IsOutOfResources(ec.value()))
      return OutOfResources(ec.value(), "listing the shipped rule packs");
    return absl::FailedPreconditionError(
        StrCat("shipped rule packs in ", dir, ": cannot list the directory: ", ec.message()));
  }
  const std::vector<std::string> paths = core::PackPathsIn(dir);
  for (const std::string& path : paths) {
    absl::StatusOr<std::string> text =
        base::ReadRegularFile(path, base::kMaxPackFileBytes, "a rule pack");
    if (!text.ok()) {
      return absl::FailedPreconditionError(
          StrCat("shipped rule packs in ", dir, ": ", std::string(text.status().message())));
    }
    set->ids.push_back(std::filesystem::path(path).stem().string());
    set->yaml.push_back(*std::move(text));
  }
  set->packs = core::LoadPacks(paths, {});
  if (!set->packs.ok()) {
    return absl::FailedPreconditionError(
        StrCat("shipped rule packs in ", dir, ": ", DescribePackProblems(set->packs.diagnostics)));
  }
  // GetRulePack serves the text with the compiled pack: they must be of the
  // same bytes, even if a file was replaced between the two reads.
  for (size_t i = 0; i < paths.size(); ++i) {
    if (graph::Sha256OfText(set->yaml[i]) != set->packs.packs[i]->sha256) {
      return absl::FailedPreconditionError(
          StrCat("shipped rule packs in ", dir, ": ", paths[i], " changed while it was read"));
    }
  }
  return set;
}

// A pack that could not be read for want of descriptors or memory is not
// an invalid pack: say what really stopped the read.
absl::StatusOr<std::shared_ptr<const ShippedPackSet>> ReadSetBlamingTheServer(
    const std::string& dir) {
  absl::StatusOr<std::shared_ptr<const ShippedPackSet>> set = ReadSet(dir);
  if (set.ok()) return set;
  if (auto exhausted = OutOfResourcesIn(set.status(), "reading the shipped rule packs")) {
    return *exhausted;
  }
  return set.status();
}

}  // namespace

std::optional<size_t> ShippedPackSet::Find(std::string_view id) const {
  const auto it = std::find(ids.begin(), ids.end(), id);
  if (it == ids.end()) return std::nullopt;
  return static_cast<size_t>(it - ids.begin());
}

absl::Status ShippedPackSet::CheckNotReserved(const rules::RulePack& pack,
                                              std::string_view file) const {
  for (size_t i = 0; i < ids.size(); ++i) {
    if (pack.name == ids[i] || pack.name == packs.packs[i]->name) {
      return absl::InvalidArgumentError(
          StrCat(file, ": pack name '", pack.name, "' is reserved for the shipped pack ",
                 kRulePackNamePrefix, ids[i], "; give the pack a name of its own"));
    }
  }
  return absl::OkStatus();
}

std::string DescribePackProblems(const std::vector<rules::Diagnostic>& diagnostics) {
  if (diagnostics.empty()) return "no problem";
  std::string text = diagnostics.front().ToString();
  if (diagnostics.size() > 1) StrAppend(text, " (and ", diagnostics.size() - 1, " more)");
  return text;
}

absl::StatusOr<std::unique_ptr<ShippedPacks>> ShippedPacks::Load(const std::string& dir) {
  absl::StatusOr<std::shared_ptr<const ShippedPackSet>> set = ReadSetBlamingTheServer(dir);
  if (!set.ok()) return set.status();
  return std::unique_ptr<ShippedPacks>(new ShippedPacks(dir, *std::move(set)));
}

std::shared_ptr<const ShippedPackSet> ShippedPacks::Current() const {
  std::lock_guard<std::mutex> lock(mu_);
  return current_;
}

absl::Status ShippedPacks::Reload() {
  std::lock_guard<std::mutex> reloading(reload_mu_);
  absl::StatusOr<std::shared_ptr<const ShippedPackSet>> set = ReadSetBlamingTheServer(dir_);
  if (!set.ok()) return set.status();
  std::shared_ptr<const ShippedPackSet> previous;
  {
    std::lock_guard<std::mutex> lock(mu_);
    previous = std::exchange(current_, *std::move(set));
  }
  // `previous` is freed here, outside the lock, unless calls still hold it.
  return absl::OkStatus();
}

}  // namespace tiersight::services
