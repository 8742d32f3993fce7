// The CSV form of an audit report: one file per table, for spreadsheets.
//
// Every file is UTF-8 with a byte-order mark (spreadsheet programs in China
// otherwise open UTF-8 as GBK), RFC 4180: CRLF line ends, a header row, and
// fields quoted when they hold a comma, quote, CR or LF (quotes doubled).
// Numbers print as in the JSON (shortest text that reads back exactly).
// Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "tiersight/v1/findings.pb.h"

namespace tiersight::exports {

struct CsvTable {
  std::string name;  // "findings.csv", ...
  std::string data;  // BOM, header, rows
};

// provenance.csv, network.csv, levels.csv, tiers.csv, branches.csv,
// recruits_by_month.csv, net_cash_percentiles.csv, verdicts.csv,
// findings.csv, finding_subjects.csv, organisers.csv, organiser_teams.csv
// and flagged_agents.csv, in that order. Columns: docs/reports.md.
// `evidence_records`, when not empty, is what provenance.csv says of the
// evidence annex (exports/evidence_records.h) beside the tables.
std::vector<CsvTable> ReportCsvTables(const tiersight::v1::AuditReport& report,
                                      std::string_view evidence_records = {});

}  // namespace tiersight::exports
