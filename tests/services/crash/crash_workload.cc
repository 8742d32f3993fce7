#include "tests/services/crash/crash_workload.h"

#include <atomic>
#include <iterator>
#include <mutex>
#include <random>
#include <thread>

#include "base/str_cat.h"
#include "tests/services/service_client_util.h"

namespace tiersight::services::testing {

namespace v1 = tiersight::v1;

std::string_view OperationName(Operation op) {
  switch (op) {
    case Operation::kUpload:
      return "upload";
    case Operation::kAudit:
      return "audit";
    case Operation::kDelete:
      return "delete";
    case Operation::kExportNetwork:
      return "export network";
    case Operation::kExportReport:
      return "export report";
  }
  return "unknown";
}

namespace {

// A call that hangs would hold the cycle: no call of these small bundles
// takes nearly this long.
constexpr std::chrono::seconds kCallDeadline(20);
constexpr int kNoCall = -1;
const char* const kReportFormats[] = {"json", "html", "csv"};

class CrashClient {
 public:
  CrashClient(int index, const std::string& address, const CycleOptions& options,
              CrashLedger& ledger, const std::atomic<bool>& killing, std::atomic<int>& in_flight,
              KillFigures& figures, std::mutex& figures_mu)
      : token_(options.tokens[static_cast<size_t>(index)]),
        options_(options),
        ledger_(ledger),
        killing_(killing),
        in_flight_(in_flight),
        figures_(figures),
        figures_mu_(figures_mu),
        random_(options.seed * 1009 + static_cast<uint64_t>(index)) {
    grpc::ChannelArguments args;
    args.SetInt("tiersight.crash_client", index);  // a connection of its own
    stub_ = v1::AuditService::NewStub(
        grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), args));
  }

  void Run() {
    while (!killing_.load()) {
      const std::map<std::string, std::string> networks = ledger_.Networks(token_);
      const std::vector<std::string> audits = ledger_.Audits(token_);
      const Operation op = Choose(networks.size(), !audits.empty());
      in_flight_.store(static_cast<int>(op));
      Perform(op, networks, audits);
      in_flight_.store(kNoCall);
    }
  }

 private:
  Operation Choose(size_t networks, bool audited) {
    if (networks == 0) return Operation::kUpload;
    const bool full = networks >= options_.max_networks;
    // In Operation's order: upload, audit, delete, export network, export report.
    std::discrete_distribution<int> pick(
        {full ? 0.0 : 30.0, 30.0, full ? 45.0 : 15.0, 15.0, audited ? 10.0 : 0.0});
    return static_cast<Operation>(pick(random_));
  }

  template <typename T>
  const T& Pick(const std::vector<T>& items) {
    return items[random_() % items.size()];
  }

  std::string PickNetwork(const std::map<std::string, std::string>& networks) {
    auto it = networks.begin();
    std::advance(it, static_cast<long>(random_() % networks.size()));
    return it->first;
  }

  void Perform(Operation op, const std::map<std::string, std::string>& networks,
               const std::vector<std::string>& audits) {
    switch (op) {
      case Operation::kUpload: {
        const CrashBundle& bundle = Pick(*options_.bundles);
        v1::UploadNetworkResponse response;
        const grpc::Status status =
            Upload(*stub_, bundle.requests, &response, token_, kCallDeadline);
        if (status.ok() && response.network().digest() != bundle.digest) {
          Fail(StrCat("the upload of a bundle with digest ", bundle.digest, " was answered ",
                      response.network().digest()));
        }
        if (status.ok()) ledger_.Uploaded(token_, response.network().name(), bundle.digest);
        if (Outcome(op, status)) ledger_.UploadCutShort(token_, bundle.digest);
        return;
      }
      case Operation::kAudit: {
        v1::AuditNetworkRequest request;
        request.set_network(PickNetwork(networks));
        v1::AuditNetworkResponse response;
        const grpc::Status status =
            stub_->AuditNetwork(Context(token_, kCallDeadline).get(), request, &response);
        if (status.ok()) ledger_.Audited(token_, response);
        if (status.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED) return;
        if (Outcome(op, status)) ledger_.AuditCutShort(token_);
        return;
      }
      case Operation::kDelete: {
        v1::DeleteNetworkRequest request;
        request.set_name(PickNetwork(networks));
        v1::DeleteNetworkResponse response;
        const grpc::Status status =
            stub_->DeleteNetwork(Context(token_, kCallDeadline).get(), request, &response);
        if (status.ok()) ledger_.Deleted(token_, request.name());
        if (Outcome(op, status)) ledger_.DeleteCutShort(token_, request.name());
        return;
      }
      case Operation::kExportNetwork: {
        const std::string name = PickNetwork(networks);
        grpc::Status status;
        const std::map<std::string, std::string> files =
            ExportNetworkFiles(*stub_, name, token_, &status);
        if (status.ok() && BundleDigestOfFiles(files) != networks.at(name)) {
          Fail(StrCat("the export of ", name, " recomputes to ", BundleDigestOfFiles(files),
                      ", not ", networks.at(name)));
        }
        Outcome(op, status);
        return;
      }
      case Operation::kExportReport: {
        const std::string& name = Pick(audits);
        const std::string format = kReportFormats[random_() % std::size(kReportFormats)];
        std::string bytes;
        const grpc::Status status = ExportReportBytes(*stub_, name, format, token_, &bytes);
        if (status.ok() && bytes.empty())
          Fail(StrCat("the ", format, " export of ", name, " is empty"));
        Outcome(op, status);
        return;
      }
    }
  }

  // Counts an acknowledged call; whether a failed one was cut short by the
  // kill (a failure of its own otherwise).
  bool Outcome(Operation op, const grpc::Status& status) {
    if (status.ok()) {
      std::lock_guard lock(figures_mu_);
      ++figures_.acknowledged;
      return false;
    }
    if (killing_.load()) return true;
    Fail(StrCat(OperationName(op), " failed while the server was up: ",
                StatusCodeName(status.error_code()), " (", status.error_message(), ")"));
    return false;
  }

  void Fail(std::string what) {
    std::lock_guard lock(figures_mu_);
    figures_.failures.push_back(StrCat(token_, ": ", what));
  }

  const std::string token_;
  const CycleOptions& options_;
  CrashLedger& ledger_;
  const std::atomic<bool>& killing_;
  std::atomic<int>& in_flight_;
  KillFigures& figures_;
  std::mutex& figures_mu_;
  std::mt19937_64 random_;
  std::unique_ptr<v1::AuditService::Stub> stub_;
};

}  // namespace

KillFigures RunCycle(TiersightdProcess& server, const CycleOptions& options, CrashLedger& ledger) {
  KillFigures figures;
  std::mutex figures_mu;
  std::atomic<bool> killing = false;
  std::vector<std::atomic<int>> in_flight(options.tokens.size());
  for (std::atomic<int>& f : in_flight) f.store(kNoCall);
  std::vector<std::thread> clients;
  for (size_t c = 0; c < options.tokens.size(); ++c) {
    clients.emplace_back([&, c] {
      CrashClient(static_cast<int>(c), server.address(), options, ledger, killing, in_flight[c],
                  figures, figures_mu)
          .Run();
    });
  }
  std::this_thread::sleep_for(options.kill_after);
  for (const std::atomic<int>& f : in_flight) {
    if (const int op = f.load(); op != kNoCall) ++figures.in_flight[static_cast<size_t>(op)];
  }
  killing.store(true);
  server.Kill();
  for (std::thread& t : clients) t.join();
  return figures;
}

}  // namespace tiersight::services::testing
