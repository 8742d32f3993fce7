// A bounded pool of concurrent audits (and other whole-network loads, which
// cost as much memory). An audit that finds every slot taken is refused at
// once (RESOURCE_EXHAUSTED) rather than queued: it holds its memory for
// seconds, and a queue would only turn overload into deadlines expiring
// later. An upload, whose records have already arrived, waits for a slot to
// validate them instead. Thread-safe.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>

namespace tiersight::services {

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

  // Waits for a slot; nullopt once `cancelled` returns true (polled every
  // few milliseconds while waiting).
  std::optional<Slot> Acquire(const std::function<bool()>& cancelled);

  int64_t capacity() const { return capacity_; }
  int64_t in_use() const;

 private:
  const int64_t capacity_;
  mutable std::mutex mu_;
  std::condition_variable freed_;
  int64_t in_use_ = 0;
};

}  // namespace tiersight::services
