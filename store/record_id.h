// Ids of stored networks and audits: 128 random bits as 32 lower-case hex
// digits. Opaque to clients, safe in URLs and file names, unguessable (so an
// id reveals nothing about other records), and never reused: the catalogue
// keeps every id it handed out. Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace tiersight::store {

// A fresh id from the system's CSPRNG.
absl::StatusOr<std::string> NewRecordId();

// Whether `id` has the form NewRecordId produces. Anything else can be
// answered NotFound without a lookup, and is never joined into a path.
bool IsWellFormedRecordId(std::string_view id);

}  // namespace tiersight::store
