// The rows of orders.csv or payments.csv that a load accepted, read again.
//
// The load keeps sums, not rows, since rows would cost memory in proportion
// to the bundle. What needs a few rows back (the dated spends of an
// organiser's team, the records behind a finding) reads the file once more
// and skips what the load skipped: the lines it rejected, and the rows dated
// after a declared as_of, which it ignored. The file must be the one loaded:
// its SHA-256 and the count of rows accepted are checked. Thread-safe (no
// shared state).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "base/civil_date.h"
#include "graph/bundle_columns.h"
#include "graph/csv_table.h"
#include "graph/load_report.h"
#include "graph/network.h"
#include "graph/text_encoding.h"

namespace tiersight::graph {

// What a load made of one file: enough to pick again the rows it accepted.
struct AcceptedRows {
  std::string_view file;  // kOrdersFile or kPaymentsFile
  TextEncoding encoding = TextEncoding::kUnspecified;
  // Hex SHA-256 of the file as loaded; empty: not checked.
  std::string sha256;
  int64_t loaded = 0;
  std::vector<int64_t> rejected_lines;  // any order
  // A declared as_of: rows dated after it were ignored.
  std::optional<base::Day> as_of;
};

// What LoadBundle recorded for `file` when it gave `network` and `load`.
AcceptedRows AcceptedRowsOf(const Network& network, const LoadReport& load, std::string_view file);

// Handed each accepted row with its day; returns false when the row no
// longer reads as the load read it.
using AcceptedRowVisitor =
    std::function<bool(const CsvTable& table, const CsvRecord& record, base::Day day)>;

// Reads `rows.file` in `dir` again, a file of `columns`, and hands each row
// the load accepted to `row`, in file order. FAILED_PRECONDITION naming the
// file (and line) when it cannot be read again or is no longer the file
// that was loaded.
absl::Status ForEachAcceptedRow(const std::string& dir, const AcceptedRows& rows,
                                std::span<const BundleColumn> columns,
                                const AcceptedRowVisitor& row);

}  // namespace tiersight::graph
