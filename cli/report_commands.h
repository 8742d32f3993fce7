// The `keygen`, `sign` and `verify` verbs: a brand signs the audit report it
// sends to a regulator, and the regulator checks the signature and, given
// the bundle, that the figures and findings are what tiersight computes.
#pragma once

#include <string>

namespace tiersight::cli {

// Writes NAME.key (private, mode 0600) and NAME.pub. Exit 0, or 1.
int RunKeygenCommand(const std::string& name);

// Signs REPORT (JSON) in place, or into `out`. Exit 0, or 1.
int RunSignCommand(const std::string& report, const std::string& key, const std::string& out);

// Exit 0 only if the signature is valid and, when `bundle` is given, the
// bundle digest, the pack digests, the figures, the findings and the
// judgement (verdicts, risk, organisers' risks) all match a fresh audit
// that applies what the report's provenance records: its packs, their
// parameter values, its jurisdiction and how it chose the packs. Every
// difference is printed, also when the signature fails.
// A pseudonymised report is compared without its agent ids unless
// `pseudonym_key` (the key file it was pseudonymised with) is given. An HTML
// report must also be what its signed JSON renders to (exit 1 when edited);
// one this build cannot re-render (another renderer version or language)
// exits 3 when all else is valid.
int RunVerifyCommand(const std::string& report, const std::string& pubkey,
                     const std::string& bundle, const std::string& pseudonym_key = "");

}  // namespace tiersight::cli
