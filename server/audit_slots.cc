#include "server/audit_slots.h"

namespace tiersight::server {

AuditSlots::Slot::~Slot() {
  if (pool_ == nullptr) return;
  std::lock_guard lock(pool_->mu_);
  --pool_->in_use_;
}

std::optional<AuditSlots::Slot> AuditSlots::TryAcquire() {
  std::lock_guard lock(mu_);
  if (in_use_ >= capacity_) return std::nullopt;
  ++in_use_;
  return Slot(this);
}

int64_t AuditSlots::in_use() const {
  std::lock_guard lock(mu_);
  return in_use_;
}

}  // namespace tiersight::server
