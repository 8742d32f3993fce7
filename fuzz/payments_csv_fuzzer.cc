// Fuzzes payments.csv: the input is written as the payments.csv of the fixed bundle
// (fuzz/bundle/), which is then loaded strictly and audited leniently with
// every shipped pack. The text also goes through the CSV record reader on its
// own.
#include "fuzz/fuzz_support.h"

namespace {

void FuzzFile(std::string_view bytes) { tiersight::fuzz::FuzzBundleFile("payments.csv", bytes); }

}  // namespace

TIERSIGHT_FUZZ_TARGET(tiersight::fuzz::NoInit, FuzzFile)
