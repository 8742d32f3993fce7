// Recovery on open: removes what an interrupted upload, audit or delete left
// behind. The catalogue row is every record's commit point, so anything in
// the data directory without a row was never committed (or was deleted) and
// no reader can have been told about it. Runs before the store serves any
// call, under the data directory's lock.
#pragma once

#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "store/data_dir.h"

namespace tiersight::store {

struct SweepResult {
  int staging_removed = 0;   // uploads that were never committed
  int networks_removed = 0;  // bundles moved into place without a row, or deleted
  int audits_removed = 0;    // reports without a row, and temporary report files
};

absl::StatusOr<SweepResult> SweepLeftovers(const DataDirLayout& layout,
                                           const absl::flat_hash_set<std::string>& network_ids,
                                           const absl::flat_hash_set<std::string>& audit_ids);

}  // namespace tiersight::store
