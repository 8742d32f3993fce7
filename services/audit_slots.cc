#include "services/audit_slots.h"

#include <chrono>

namespace tiersight::services {

AuditSlots::Slot::~Slot() {
  if (pool_ == nullptr) return;
  {
    std::lock_guard lock(pool_->mu_);
    --pool_->in_use_;
  }
  pool_->freed_.notify_one();
}

std::optional<AuditSlots::Slot> AuditSlots::TryAcquire() {
  std::lock_guard lock(mu_);
  if (in_use_ >= capacity_) return std::nullopt;
  ++in_use_;
  return Slot(this);
}

std::optional<AuditSlots::Slot> AuditSlots::Acquire(const std::function<bool()>& cancelled) {
  std::unique_lock lock(mu_);
  while (in_use_ >= capacity_) {
    if (cancelled()) return std::nullopt;
    freed_.wait_for(lock, std::chrono::milliseconds(20));
  }
  ++in_use_;
  return Slot(this);
}

int64_t AuditSlots::in_use() const {
  std::lock_guard lock(mu_);
  return in_use_;
}

}  // namespace tiersight::services
