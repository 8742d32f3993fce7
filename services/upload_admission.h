// Which upload streams may run, and for how long. Each upload holds a
// thread, open files and a connection for as long as its client keeps the
// stream open, so streams are capped in total and per tenant, refused when
// free descriptors fall under a reserve, and cancelled when a client stalls:
// no message within the idle timeout, or not the whole stream within the
// stream deadline. A watchdog thread does the cancelling, since a handler
// blocked in a synchronous Read cannot interrupt itself. Thread-safe.
#pragma once

#include <grpcpp/server_context.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "services/server_options.h"

namespace tiersight::services {

class UploadAdmission {
 public:
  using Clock = std::chrono::steady_clock;

  // One admitted upload; releases its place when destroyed. Not copyable.
  class Ticket {
   public:
    ~Ticket();
    Ticket(const Ticket&) = delete;
    Ticket& operator=(const Ticket&) = delete;

    // A message arrived: the idle timeout starts again.
    void Touch();
    // The whole stream has arrived: neither timeout applies any more.
    void Received();
    // Why the watchdog cancelled the call, if it did: DEADLINE_EXCEEDED
    // naming the timeout and its configuration key.
    std::optional<absl::Status> WhyCancelled() const;

   private:
    friend class UploadAdmission;
    Ticket(UploadAdmission& admission, std::string tenant, grpc::ServerContext& context);

    UploadAdmission& admission_;
    const std::string tenant_;
    grpc::ServerContext& context_;
    const Clock::time_point started_ = Clock::now();
    std::atomic<int64_t> last_message_ns_;
    // Guarded by admission_.mu_.
    bool receiving_ = true;
    std::optional<absl::Status> cancelled_;
  };

  explicit UploadAdmission(UploadStreamOptions options);
  ~UploadAdmission();  // stops the watchdog; no ticket may outlive it
  UploadAdmission(const UploadAdmission&) = delete;
  UploadAdmission& operator=(const UploadAdmission&) = delete;

  // A place for one more upload of `tenant` on the call `context`, or
  // RESOURCE_EXHAUSTED saying which cap or reserve refused it.
  absl::StatusOr<std::unique_ptr<Ticket>> Admit(const std::string& tenant,
                                                grpc::ServerContext& context);

 private:
  void Release(Ticket* ticket);
  void Watch();
  // Cancels the tickets past a timeout; returns when the next one expires.
  Clock::time_point CancelExpired(Clock::time_point now);

  const UploadStreamOptions options_;
  const std::chrono::seconds idle_timeout_;
  const std::chrono::seconds stream_deadline_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  std::set<Ticket*> tickets_;                  // guarded by mu_
  std::map<std::string, int64_t> per_tenant_;  // guarded by mu_
  bool stopping_ = false;                      // guarded by mu_
  std::thread watchdog_;
};

}  // namespace tiersight::services
