// A bundle directory as the messages of an UploadNetwork stream, for clients
// (benchmarks, tests, command-line uploads): the header from network.yaml,
// then batches of records in file order. Fields are taken by column name, so
// a bundle with its columns in any order, or without optional ones, uploads
// as the bundle reader would read it. Not thread-safe.
#pragma once

#include <functional>
#include <string>

#include "absl/status/status.h"
#include "tiersight/v1/audit_service.pb.h"

namespace tiersight::server {

// Calls `send` with the header, then with batches of at most `batch_rows`
// records (agents, then orders, then payments). Stops early, with CANCELLED,
// when `send` returns false. Errors name the file. The CSV files are decoded
// as the bundle reader decodes them (UTF-8, or GB18030 per network.yaml), and
// the header's encoding is left empty since the records travel as UTF-8.
absl::Status ForEachUploadRequest(
    const std::string& bundle_dir, int batch_rows,
    const std::function<bool(const tiersight::v1::UploadNetworkRequest&)>& send);

}  // namespace tiersight::server
