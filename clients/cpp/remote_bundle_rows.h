// Reads a bundle directory into the messages of an UploadNetwork stream:
// network.yaml into NetworkFacts, and every CSV row into an Agent, Order or
// Payment whose fields are the row's text. Files are opened with the
// bundle reader's own CsvTable, so encodings, quoting and column matching
// are those of a local load.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "graph/load_report.h"
#include "graph/text_encoding.h"
#include "tiersight/v1/audit_service.pb.h"

namespace tiersight::client {

struct BundleFacts {
  // The CSV text is sent as UTF-8 whatever the files' encoding, so
  // facts.encoding is left empty.
  tiersight::v1::NetworkFacts facts;
  // What network.yaml declares for reading the CSV files.
  graph::TextEncoding encoding = graph::TextEncoding::kUnspecified;
};

// network.yaml as facts. A missing file gives empty facts; a malformed one
// is INVALID_ARGUMENT naming network.yaml:line:column.
absl::StatusOr<BundleFacts> ReadNetworkFacts(const std::string& bundle_dir,
                                             std::vector<graph::LoadIssue>& warnings);

// Receives a batch when it holds about `batch_bytes` of fields, and the last
// one at the end. Returns false to stop reading (the call broke).
using BatchSink = std::function<bool(tiersight::v1::UploadNetworkBatch& batch)>;

struct BundleRowsResult {
  int64_t rows = 0;
  int64_t batches = 0;
  // The records handed to the sink, by kind.
  int64_t agents = 0;
  int64_t orders = 0;
  int64_t payments = 0;
  // Records the stream cannot carry: a CSV syntax error or a wrong field
  // count ("file:line: reason"). When any is found nothing more is sent.
  std::vector<std::string> malformed;
  bool stopped = false;  // the sink returned false
};

// Streams agents.csv, orders.csv and payments.csv (the last two when
// present) to `sink`. A file-level defect (missing agents.csv, a missing
// required column, an undecodable file) is INVALID_ARGUMENT naming the file
// and line, as a local load refuses it. Unknown columns and detected
// encodings are added to `warnings`.
absl::StatusOr<BundleRowsResult> StreamBundleRows(const std::string& bundle_dir,
                                                  graph::TextEncoding encoding, size_t batch_bytes,
                                                  std::vector<graph::LoadIssue>& warnings,
                                                  const BatchSink& sink);

// The upload's optional last message after the header and `sent`'s
// batches: the counts the server checks against what it received, so that
// a stream cut short can never be stored as a whole upload.
tiersight::v1::UploadNetworkRequest UploadCountsRequest(const BundleRowsResult& sent);

// The whole stream of a bundle for callers that send it as it is (tests,
// benchmarks): the header from network.yaml, then batches of about
// `batch_bytes`, then the counts. `send` returning false stops it with CANCELLED; a
// malformed record is INVALID_ARGUMENT naming it, before anything more is
// sent.
absl::Status ForEachUploadRequest(
    const std::string& bundle_dir, size_t batch_bytes,
    const std::function<bool(const tiersight::v1::UploadNetworkRequest&)>& send);

}  // namespace tiersight::client
