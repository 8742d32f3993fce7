// One field of a CSV file that people open in a spreadsheet.
//
// Every CSV tiersight writes for people (report tables, `--agents`,
// `--rejects`) carries brand-controlled text: tier and network names, agent
// ids, reasons quoting rows. A spreadsheet runs a cell that starts with `=`,
// `+`, `-` or `@` as a formula (`=HYPERLINK(...)`, `+cmd|...`), and a leading
// tab or CR can hide one. As OWASP's guidance on CSV injection recommends,
// such a cell is prefixed with `'`, which spreadsheets show as text. A cell
// that is a plain decimal number (`-12.50`) is left as it is: it cannot be a
// formula, and negative amounts must stay numbers.
//
// Bundle files written for tiersight itself (uploads, downloads, the
// generator) are not neutralised: they must round-trip byte for byte.
#pragma once

#include <string>
#include <string_view>

namespace tiersight::base {

// `field` as one RFC 4180 field, neutralised as above and quoted when it
// holds a comma, quote, CR or LF.
std::string CsvCell(std::string_view field);

}  // namespace tiersight::base
