#include "services/upload_admission.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "base/str_cat.h"
#include "services/call_log.h"
#include "services/fd_budget.h"

namespace tiersight::services {
namespace {

int64_t Nanos(UploadAdmission::Clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

}  // namespace

UploadAdmission::Ticket::Ticket(UploadAdmission& admission, std::string tenant,
                                grpc::ServerContext& context)
    : admission_(admission),
      tenant_(std::move(tenant)),
      context_(context),
      last_message_ns_(Nanos(started_)) {}

UploadAdmission::Ticket::~Ticket() { admission_.Release(this); }

void UploadAdmission::Ticket::Touch() {
  last_message_ns_.store(Nanos(Clock::now()), std::memory_order_relaxed);
}

void UploadAdmission::Ticket::Received() {
  std::lock_guard<std::mutex> lock(admission_.mu_);
  receiving_ = false;
}

std::optional<absl::Status> UploadAdmission::Ticket::WhyCancelled() const {
  std::lock_guard<std::mutex> lock(admission_.mu_);
  return cancelled_;
}

UploadAdmission::UploadAdmission(UploadStreamOptions options)
    : options_(options),
      idle_timeout_(options.idle_timeout_seconds),
      stream_deadline_(options.stream_deadline_seconds) {
  watchdog_ = std::thread([this] { Watch(); });
}

UploadAdmission::~UploadAdmission() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  watchdog_.join();
}

absl::StatusOr<std::unique_ptr<UploadAdmission::Ticket>> UploadAdmission::Admit(
    const std::string& tenant, grpc::ServerContext& context) {
  // Counted before the lock: listing descriptors is a system call or two.
  const std::optional<int64_t> free_fds = FreeFileDescriptors();
  if (free_fds && *free_fds < options_.reserved_file_descriptors) {
    return absl::ResourceExhaustedError(
        StrCat("the server is short of file descriptors (", *free_fds, " free, ",
               options_.reserved_file_descriptors,
               " kept for audits and reads); no upload is taken now, retry later"));
  }
  std::unique_ptr<Ticket> ticket(new Ticket(*this, tenant, context));
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (static_cast<int64_t>(tickets_.size()) >= options_.max_in_flight) {
      return absl::ResourceExhaustedError(StrCat("the server already receives ",
                                                 options_.max_in_flight,
                                                 " uploads (uploads.max_in_flight); retry later"));
    }
    int64_t& tenants = per_tenant_[tenant];
    if (tenants >= options_.max_in_flight_per_tenant) {
      return absl::ResourceExhaustedError(
          StrCat("tenant ", tenant, " already has ", tenants,
                 " uploads in flight (uploads.max_in_flight_per_tenant); retry when one ends"));
    }
    ++tenants;
    tickets_.insert(ticket.get());
  }
  wake_.notify_all();
  return ticket;
}

void UploadAdmission::Release(Ticket* ticket) {
  std::lock_guard<std::mutex> lock(mu_);
  // A ticket refused in Admit was never counted.
  if (tickets_.erase(ticket) == 0) return;
  auto it = per_tenant_.find(ticket->tenant_);
  if (it != per_tenant_.end() && --it->second == 0) per_tenant_.erase(it);
}

void UploadAdmission::Watch() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    const Clock::time_point next = CancelExpired(Clock::now());
    wake_.wait_until(lock, next);
  }
}

UploadAdmission::Clock::time_point UploadAdmission::CancelExpired(Clock::time_point now) {
  // With no stream receiving, look again after the shorter timeout at the
  // latest: a new ticket also wakes the watchdog.
  Clock::time_point next = now + std::min(idle_timeout_, stream_deadline_);
  for (Ticket* ticket : tickets_) {
    if (!ticket->receiving_) continue;
    const Clock::time_point last_message{std::chrono::duration_cast<Clock::duration>(
        std::chrono::nanoseconds(ticket->last_message_ns_.load(std::memory_order_relaxed)))};
    const Clock::time_point idle_end = last_message + idle_timeout_;
    const Clock::time_point stream_end = ticket->started_ + stream_deadline_;
    if (now < idle_end && now < stream_end) {
      next = std::min({next, idle_end, stream_end});
      continue;
    }
    ticket->cancelled_ =
        now >= stream_end
            ? absl::DeadlineExceededError(StrCat(
                  "the upload stream was not complete within ", options_.stream_deadline_seconds,
                  " s (uploads.stream_deadline_seconds); nothing is stored"))
            : absl::DeadlineExceededError(
                  StrCat("no upload message arrived for ", options_.idle_timeout_seconds,
                         " s (uploads.idle_timeout_seconds); nothing is stored"));
    ticket->receiving_ = false;
    RpcLogger()->warn("cancelling an upload of tenant {}: {}", ticket->tenant_,
                      std::string(ticket->cancelled_->message()));
    // Ends the handler's blocked Read; the client sees CANCELLED.
    ticket->context_.TryCancel();
  }
  return next;
}

}  // namespace tiersight::services
