#include "services/network_cache.h"

#include <spdlog/spdlog.h>

#include <chrono>

#include "core/figures_proto.h"
#include "services/call_log.h"

namespace tiersight::services {

CachedNetwork::CachedNetwork(std::string bundle_dir, core::LoadedWithDigest loaded,
                             graph::Figures figures)
    : bundle_dir_(std::move(bundle_dir)),
      loaded_(std::move(loaded)),
      figures_(std::move(figures)),
      records_(absl::UnknownError("not built yet")) {
  report_ = core::FiguresReportToProto(loaded_.bundle.network.get(), &figures_,
                                       loaded_.bundle.report, loaded_.digest);
}

absl::StatusOr<const AgentRecords*> CachedNetwork::Records() const {
  std::call_once(records_once_, [this] {
    const auto start = std::chrono::steady_clock::now();
    records_ = AgentRecords::Index(bundle_dir_, network());
    RpcLogger()->info(
        "agents.csv of {} indexed in {:.2f} s", bundle_dir_,
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  });
  if (!records_.ok()) return records_.status();
  return records_->get();
}

std::shared_ptr<const CachedNetwork> NetworkCache::Find(const NetworkCacheKey& key) {
  std::lock_guard lock(mu_);
  for (auto it = entries_.begin(); it != entries_.end(); ++it) {
    if (it->first == key) {
      entries_.splice(entries_.begin(), entries_, it);
      return entries_.front().second;
    }
  }
  return nullptr;
}

void NetworkCache::Insert(NetworkCacheKey key, std::shared_ptr<const CachedNetwork> network) {
  std::shared_ptr<const CachedNetwork> evicted;  // freed outside the lock
  std::lock_guard lock(mu_);
  entries_.remove_if([&](const Entry& e) { return e.first == key; });
  entries_.emplace_front(std::move(key), std::move(network));
  while (entries_.size() > capacity_) {
    evicted = std::move(entries_.back().second);
    entries_.pop_back();
  }
}

void NetworkCache::Erase(const std::string& tenant, const std::string& network_id) {
  std::lock_guard lock(mu_);
  entries_.remove_if(
      [&](const Entry& e) { return e.first.tenant == tenant && e.first.network_id == network_id; });
}

size_t NetworkCache::size() const {
  std::lock_guard lock(mu_);
  return entries_.size();
}

}  // namespace tiersight::services
