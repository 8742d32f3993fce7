// The `audit` verb and the `rules` verbs (list, lint, test, figures, tags).
#pragma once

#include <string>
#include <vector>

#include "exports/report_languages.h"

namespace tiersight::cli {

struct AuditCommandOptions {
  std::string bundle;
  // Names or paths; empty: every shipped pack, chosen by the network's
  // jurisdiction; {"all"}: every shipped pack (see audit_choice.h).
  std::vector<std::string> packs;
  std::string jurisdiction;         // --jurisdiction CODE; empty: network.yaml's
  std::vector<std::string> params;  // --param PACK.NAME=VALUE, as given
  std::string format = "text";
  std::string fail_on;  // a severity; empty: never
  std::string rejects_csv;
  bool lenient = false;

  // Exports (report.json, report.html, a .csv folder or .zip).
  std::string out;
  std::string out_format;  // json, html or csv; empty: from --out's extension
  std::string lang = std::string(exports::kDefaultReportLanguage);
  bool reproducible = false;
  bool include_personal_data = false;
  std::string sign_key;       // private key file: sign the exported JSON
  std::string pseudonym_key;  // key file for pseudonyms (default: see docs)

  // Remote audit of a stored network (`--server HOST:PORT --network ID`).
  std::string server;
  std::string network;
  std::string token_file;  // default: $TIERSIGHT_TOKEN
};

// Exit codes: 0 ran, 1 bad bundle or pack file, 2 an unknown pack name,
// jurisdiction or parameter, or a parameter value of the wrong type or out
// of range (before the bundle is read, so nothing is written), 3 a finding
// reached --fail-on.
int RunAuditCommand(const AuditCommandOptions& options);

// Each shipped pack with its jurisdictions, parameters (default, unit,
// heuristic or not) and rules.
int RunRulesListCommand();
// Exit 0 when every pack is valid, 1 otherwise.
int RunRulesLintCommand(const std::vector<std::string>& files);
// Runs the packs' own test cases; exit 0 when all pass.
int RunRulesTestCommand(const std::vector<std::string>& paths);
int RunRulesFiguresCommand(const std::string& scope);
int RunRulesTagsCommand();

}  // namespace tiersight::cli
