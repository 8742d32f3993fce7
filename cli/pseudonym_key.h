// Which key pseudonymises the agent ids of an exported report.
//
// In order: the key file given with --pseudonym-key; else a key derived from
// the --sign-key (one file then gives both signatures and stable pseudonyms);
// else the file named by $TIERSIGHT_PSEUDONYM_KEY; else the user's own key
// file, $XDG_CONFIG_HOME/tiersight/pseudonym.key (~/.config/... when unset),
// created on first use with 32 random bytes (as hex) and mode 0600.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "report/ed25519_keys.h"
#include "report/pseudonymizer.h"

namespace tiersight::cli {

// `signing_key` may be null. Errors name the file; a key file that group or
// others may read is refused unless `key_access` allows it.
absl::StatusOr<report::Pseudonymizer> ResolvePseudonymizer(
    const std::string& key_file, const report::Ed25519PrivateKey* signing_key,
    base::KeyFileAccess key_access = base::KeyFileAccess::kOwnerOnly);

// Where the per-user key lives ("" when neither $XDG_CONFIG_HOME nor $HOME is set).
std::string DefaultPseudonymKeyPath();

}  // namespace tiersight::cli
