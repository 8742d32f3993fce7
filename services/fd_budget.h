// File descriptors as a budget: the server raises its own limit at start and
// keeps a reserve for the catalogue, audits and reads of stored networks, so
// that open uploads cannot starve them. Thread-safe (reads process state).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "graph/load_report.h"

namespace tiersight::services {

// Raises the soft RLIMIT_NOFILE to the hard one and returns the soft limit
// now in force (unchanged when it cannot be raised).
int64_t RaiseFileDescriptorLimit();

// Descriptors this process may still open: the soft limit less those open
// now; nullopt when that cannot be known (no /proc).
std::optional<int64_t> FreeFileDescriptors();

// True for the errno values that mean the server ran out of descriptors or
// memory rather than that a file is bad: EMFILE, ENFILE, ENOMEM.
bool IsOutOfResources(int err);

// RESOURCE_EXHAUSTED naming the real cause ("the server is out of file
// descriptors" or "out of memory"), while `doing` (e.g. "reading network
// X"); for an error that IsOutOfResources.
absl::Status OutOfResources(int err, const char* doing);
absl::Status OutOfResources(int err, const std::string& doing);

// When `status` is a file error of an IsOutOfResources kind (absl maps
// EMFILE, ENFILE and ENOMEM to RESOURCE_EXHAUSTED), that as OutOfResources
// says it; nullopt for any other status.
std::optional<absl::Status> OutOfResourcesIn(const absl::Status& status, const std::string& doing);

// The same for a load the bundle reader refused because a file of it could
// not be opened or mapped for want of descriptors or memory: the bundle was
// never judged, so it is not the bundle's fault.
std::optional<absl::Status> OutOfResourcesInLoad(const graph::LoadReport& report,
                                                 const std::string& doing);

}  // namespace tiersight::services
