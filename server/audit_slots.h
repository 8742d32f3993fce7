// A bounded pool of concurrent audits. A call that finds every slot taken is
// refused at once (RESOURCE_EXHAUSTED) rather than queued: an audit of a
// large network holds its memory for seconds, and a queue would only turn
// overload into deadlines expiring later. Thread-safe.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>

namespace tiersight::server {

class AuditSlots {
 public:
  explicit AuditSlots(int64_t capacity) : capacity_(capacity) {}
  AuditSlots(const AuditSlots&) = delete;
  AuditSlots& operator=(const AuditSlots&) = delete;

  // Held for the length of one audit; gives its slot back when destroyed.
  class Slot {
   public:
    Slot(Slot&& other) noexcept : pool_(other.pool_) { other.pool_ = nullptr; }
    Slot& operator=(Slot&&) = delete;
    ~Slot();

   private:
    friend class AuditSlots;
    explicit Slot(AuditSlots* pool) : pool_(pool) {}
    AuditSlots* pool_;
  };

  // A slot, or nullopt when all `capacity` are taken. Never blocks.
  std::optional<Slot> TryAcquire();

  int64_t capacity() const { return capacity_; }
  int64_t in_use() const;

 private:
  const int64_t capacity_;
  mutable std::mutex mu_;
  int64_t in_use_ = 0;
};

}  // namespace tiersight::server
