#include "graph/bundle_reader.h"

#include <spdlog/spdlog.h>

#include <charconv>
#include <filesystem>
#include <optional>
#include <thread>
#include <utility>

#include "base/file_read.h"
#include "base/str_cat.h"
#include "graph/agent_roster.h"
#include "graph/bundle_columns.h"
#include "graph/bundle_digest.h"
#include "graph/bundle_files.h"
#include "graph/csv_table.h"
#include "graph/flow_reader.h"
#include "graph/network_config.h"

namespace tiersight::graph {
namespace {

namespace fs = std::filesystem;

bool ParseInt(std::string_view s, int64_t& out) {
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size();
}

// Turns a located message ("file:line[:column]: reason") into a load issue.
LoadIssue IssueFromStatus(const absl::Status& status, std::string_view file,
                          std::string_view full_path = {}) {
  const std::string text(status.message());
  std::string_view message = text;
  // base/ names the file by its full path: the issue names it by the
  // bundle's file name, so no directory (a server's staging path) shows.
  if (!full_path.empty() && message.starts_with(full_path) &&
      message.substr(full_path.size()).starts_with(": ")) {
    message.remove_prefix(full_path.size() + 2);
    return LoadIssue{.file = std::string(file), .line = 0, .reason = std::string(message)};
  }
  LoadIssue issue{.file = std::string(file), .line = 0, .reason = std::string(message)};
  if (message.substr(0, file.size()) != file || message.size() <= file.size() ||
      message[file.size()] != ':') {
    return issue;
  }
  std::string_view rest = message.substr(file.size() + 1);
  const size_t colon = rest.find(':');
  int64_t line = 0;
  if (colon == std::string_view::npos || !ParseInt(rest.substr(0, colon), line)) {
    return issue;
  }
  rest = rest.substr(colon + 1);
  std::string column_prefix;
  if (const size_t c2 = rest.find(':'); c2 != std::string_view::npos) {
    int64_t column = 0;
    if (ParseInt(rest.substr(0, c2), column)) {
      column_prefix = StrCat("column ", column, ": ");
      rest = rest.substr(c2 + 1);
    }
  }
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  issue.line = line;
  issue.reason = StrCat(column_prefix, rest);
  return issue;
}

void Refuse(LoadReport& report, LoadIssue issue) {
  report.refused = true;
  report.errors.push_back(std::move(issue));
}

// Numbers the accepted agents 0..n-1 in file order and builds the tree.
std::unique_ptr<Network> BuildNetwork(AgentRoster& roster, NetworkConfig config) {
  auto net = std::make_unique<Network>();
  net->config = std::move(config);
  net->agent_of.assign(roster.slots(), kNoAgent);
  for (uint32_t slot : roster.rows) {
    if (roster.state[slot] != SlotState::kAccepted) continue;
    net->agent_of[slot] = static_cast<uint32_t>(net->slot_of.size());
    net->slot_of.push_back(slot);
  }
  const size_t n = net->slot_of.size();
  net->sponsor.resize(n);
  net->tier.resize(n);
  net->joined.resize(n);
  net->left.resize(n);
  std::vector<std::pair<uint32_t, uint32_t>> edges;
  edges.reserve(n);
  for (uint32_t a = 0; a < n; ++a) {
    const uint32_t slot = net->slot_of[a];
    const uint32_t s = roster.sponsor[slot];
    net->sponsor[a] = s == kNoSlot ? kNoAgent : net->agent_of[s];
    if (net->sponsor[a] != kNoAgent) edges.emplace_back(net->sponsor[a], a);
    net->tier[a] = roster.tier[slot];
    net->joined[a] = roster.joined[slot];
    net->left[a] = roster.left[slot];
  }
  net->tree = SponsorTree(boost::edges_are_unsorted_multi_pass, edges.begin(), edges.end(), n);
  net->ids = std::move(roster.ids);
  net->tier_labels = std::move(roster.tier_labels);
  net->flows.Resize(n);
  return net;
}

// Report order of the tiers; labels missing from network.yaml's list are
// warned about once each, at the line of their first appearance.
void OrderTiers(Network& net, const AgentRoster& roster, LoadReport& report) {
  std::vector<bool> placed;
  auto place = [&](uint32_t label) {
    if (label >= placed.size()) placed.resize(label + 1, false);
    if (placed[label]) return false;
    placed[label] = true;
    net.tier_order.push_back(label);
    return true;
  };
  const std::optional<std::vector<std::string>>& listed = net.config.tiers;
  if (listed) {
    for (const std::string& name : *listed) place(net.tier_labels.Intern(name).first);
  }
  const uint32_t empty = net.tier_labels.Intern("").first;
  bool any_empty = false;
  for (uint32_t a = 0; a < net.size(); ++a) {
    const uint32_t label = net.tier[a];
    if (label == empty) {
      any_empty = true;
      continue;
    }
    if (place(label) && listed) {
      report.warnings.push_back(LoadIssue{
          .file = std::string(kAgentsFile),
          .line = roster.line[net.slot_of[a]],
          .reason = StrCat("tier '", net.tier_labels.Get(label),
                           "' is not listed in network.yaml's tiers; reported after them")});
    }
  }
  if (any_empty) place(empty);
}

}  // namespace

LoadedBundle LoadBundle(const std::string& dir, const LoadOptions& options) {
  LoadedBundle out;
  LoadReport& report = out.report;
  report.lenient = options.lenient;
  for (std::string_view name : kBundleFiles) {
    FileCounts& counts = report.CountsFor(std::string(name));
    // Present even when it cannot be read: opening it names the cause.
    counts.present = base::PathPresent((fs::path(dir) / name).string());
  }
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    Refuse(report, LoadIssue{.file = dir, .reason = "not a bundle directory (no such directory)"});
    return out;
  }
  auto path = [&](std::string_view name) { return (fs::path(dir) / name).string(); };

  absl::StatusOr<NetworkConfig> config = ReadNetworkConfig(path(kNetworkFile), report.warnings);
  if (!config.ok()) {
    Refuse(report, IssueFromStatus(config.status(), kNetworkFile, path(kNetworkFile)));
    return out;
  }
  if (!report.CountsFor(std::string(kAgentsFile)).present) {
    Refuse(report, LoadIssue{.file = std::string(kAgentsFile),
                             .reason = "required file is missing from the bundle"});
    return out;
  }

  // Open every table first so that a file-level defect refuses the bundle
  // before any long pass.
  absl::StatusOr<CsvTable> agents =
      CsvTable::Open(path(kAgentsFile), std::string(kAgentsFile), config->encoding, kAgentColumns,
                     report.warnings);
  std::optional<CsvTable> orders, payments;
  std::vector<LoadIssue> refusals;
  if (!agents.ok())
    refusals.push_back(IssueFromStatus(agents.status(), kAgentsFile, path(kAgentsFile)));
  if (report.CountsFor(std::string(kOrdersFile)).present) {
    absl::StatusOr<CsvTable> t = CsvTable::Open(path(kOrdersFile), std::string(kOrdersFile),
                                                config->encoding, kOrderColumns, report.warnings);
    if (t.ok())
      orders.emplace(std::move(*t));
    else
      refusals.push_back(IssueFromStatus(t.status(), kOrdersFile, path(kOrdersFile)));
  }
  if (report.CountsFor(std::string(kPaymentsFile)).present) {
    absl::StatusOr<CsvTable> t = CsvTable::Open(path(kPaymentsFile), std::string(kPaymentsFile),
                                                config->encoding, kPaymentColumns, report.warnings);
    if (t.ok())
      payments.emplace(std::move(*t));
    else
      refusals.push_back(IssueFromStatus(t.status(), kPaymentsFile, path(kPaymentsFile)));
  }
  if (!refusals.empty()) {
    for (LoadIssue& issue : refusals) Refuse(report, std::move(issue));
    report.SortIssues();
    return out;
  }
  for (std::string_view name : {kAgentsFile, kOrdersFile, kPaymentsFile}) {
    const CsvTable* table = name == kAgentsFile   ? &*agents
                            : name == kOrdersFile ? (orders ? &*orders : nullptr)
                                                  : (payments ? &*payments : nullptr);
    if (table != nullptr) report.CountsFor(std::string(name)).encoding = table->encoding();
  }

  auto stopped = [&] {
    if (!options.stop || !options.stop()) return false;
    out.stopped = true;
    out.network.reset();
    return true;
  };
  if (stopped()) return out;
  AgentRoster roster;
  ReadAgents(*agents, config->as_of, roster, report);
  ResolveSponsors(*agents, roster, report);
  spdlog::debug("agents.csv: {} agents accepted",
                report.CountsFor(std::string(kAgentsFile)).loaded);

  if (stopped()) return out;
  out.network = BuildNetwork(roster, *config);
  Network& net = *out.network;
  // The two files are independent until their tallies are merged: read
  // payments on a second thread while this one reads orders.
  FlowTally order_tally(net.size()), payment_tally(net.size());
  LoadReport payment_report;
  FlowReadContext order_context{roster, net, config->as_of, order_tally, report};
  FlowReadContext payment_context{roster, net, config->as_of, payment_tally, payment_report};
  std::thread payment_reader([&] {
    if (payments) ReadPayments(*payments, payment_context);
  });
  if (orders) ReadOrders(*orders, order_context);
  payment_reader.join();
  if (stopped()) return out;
  MergeTallies(order_tally, payment_tally, net.flows, net.money);
  if (!orders) net.stock_value.assign(net.size(), 0);
  FileCounts& payment_counts = report.CountsFor(std::string(kPaymentsFile));
  const FileCounts& counted = payment_report.CountsFor(std::string(kPaymentsFile));
  payment_counts.loaded = counted.loaded;
  payment_counts.rejected = counted.rejected;
  payment_counts.ignored = counted.ignored;
  for (LoadIssue& e : payment_report.errors) report.errors.push_back(std::move(e));
  OrderTiers(net, roster, report);
  base::Day latest = roster.latest_day;
  for (base::Day d : {order_tally.latest_day, payment_tally.latest_day}) {
    if (d != base::kNoDay && (latest == base::kNoDay || d > latest)) latest = d;
  }

  net.as_of = config->as_of ? *config->as_of : latest;
  report.as_of_declared = config->as_of.has_value();
  report.as_of = net.as_of == base::kNoDay ? "" : base::FormatDay(net.as_of);
  FileCounts& yaml = report.CountsFor(std::string(kNetworkFile));
  if (yaml.present) yaml.loaded = 1;
  report.SortIssues();
  std::vector<FileSha256> hashed = {{kAgentsFile, agents->sha256()}};
  if (orders) hashed.emplace_back(kOrdersFile, orders->sha256());
  if (payments) hashed.emplace_back(kPaymentsFile, payments->sha256());
  if (config->present) hashed.emplace_back(kNetworkFile, config->sha256);
  for (const auto& [name, sha256] : hashed) report.CountsFor(std::string(name)).sha256 = sha256;
  out.digest = BundleDigestOf(hashed);
  return out;
}

}  // namespace tiersight::graph
