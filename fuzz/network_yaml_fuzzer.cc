// Fuzzes network.yaml: the input is written as the network.yaml of the fixed bundle
// (fuzz/bundle/), which is then loaded strictly and audited leniently with
// every shipped pack.
#include "fuzz/fuzz_support.h"

namespace {

void FuzzFile(std::string_view bytes) { tiersight::fuzz::FuzzBundleFile("network.yaml", bytes); }

}  // namespace

TIERSIGHT_FUZZ_TARGET(tiersight::fuzz::NoInit, FuzzFile)
