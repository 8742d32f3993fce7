// Finds English left on an HTML page that should have none (a report page
// in Chinese), for tests: each run of English words in the page's text that
// is none of the kinds a page in another language may carry.
//
// What is read: every text node and the aria-label, alt and title
// attributes, inline SVG included. What is not: <script> and <style> (the
// embedded JSON among them), comments, and the content of <code>, <pre>
// and of any element marked lang="en..." (citations of foreign law).
//
// A run is a stretch of ASCII text between non-ASCII characters (CJK text
// and full-width punctuation end it). After the allowed strings are taken
// out, each of its tokens with two letters in a row must be one of:
// an allowed token (ids, pack names, the product's name), an id of an
// element of the page, a code in capitals ("CNY", "SHA-256", "JSON"), hex
// digits (digests, key ids) alone or after a capital prefix
// ("P-8a9c93bd915a9f87"), or a file name ("report.json"); any other makes
// the run an offending one. Thread-safe.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "tiersight/v1/findings.pb.h"

namespace tiersight::testing {

struct EnglishRunAllowList {
  // Taken out of the text wherever they occur: the brand's own text
  // (network name, tiers, regions, SKUs), agent ids, dates, versions.
  std::set<std::string> strings;
  // Allowed as whole tokens: rule ids, pack names, "tiersight".
  std::set<std::string> tokens;
};

// The brand's strings and the ids a page of `report` may show: the network's
// name, currency and tiers, the agents named (subjects of agent and branch
// findings, evidence, organisers, branch tops), months, the provenance's
// digests, versions, times and pack files; tokens: the rule ids and pack
// names, and "tiersight".
EnglishRunAllowList AllowListOf(const tiersight::v1::AuditReport& report);

// The text a reader sees of `html` (see the file comment), one entry per
// text node or attribute, character references decoded.
std::vector<std::string> VisibleTexts(std::string_view html);

// Each offending run of `html`, trimmed, once, in the page's order.
std::vector<std::string> EnglishRuns(std::string_view html, const EnglishRunAllowList& allow);

}  // namespace tiersight::testing
