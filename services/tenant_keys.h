// Per-tenant pseudonym keys for exported reports, kept in the data directory
// (data_dir/pseudonym-keys/<hex of tenant>.key) so that the same agent gets
// the same pseudonym in every report of that tenant, across restarts. A key
// is 32 random bytes, created on first use with mode 0600 and published
// atomically: a crash leaves either no key or the whole key, and two calls
// racing to create one end up with the same key. Thread-safe.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "absl/status/statusor.h"
#include "report/pseudonymizer.h"

namespace tiersight::services {

class TenantKeys {
 public:
  // Removes the temporary files of keys whose creation a crash cut short:
  // the data directory's lock guarantees that no other process is making one.
  explicit TenantKeys(std::string data_dir);

  // The tenant's pseudonymizer, its key created if the tenant has none yet.
  absl::StatusOr<std::shared_ptr<const report::Pseudonymizer>> For(const std::string& tenant);

  // Where the tenant's key is kept.
  std::string KeyFile(const std::string& tenant) const;

 private:
  absl::Status CreateKey(const std::string& path) const;

  const std::string dir_;
  std::mutex mu_;
  std::map<std::string, std::shared_ptr<const report::Pseudonymizer>> loaded_;
};

}  // namespace tiersight::services
