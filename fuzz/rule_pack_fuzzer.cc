// Fuzzes rule pack files: the input is a pack's YAML text, read with
// rules::ReadRulePackText and compiled as an inline pack sent to the server
// or a pack file given to the CLI is; a pack that compiles is then run over
// the fixed bundle (fuzz/bundle/) as an audit runs it. A pack refused
// without a diagnostic, or one that compiles but cannot run, is a failure.
#include "fuzz/fuzz_support.h"

TIERSIGHT_FUZZ_TARGET(tiersight::fuzz::NoInit, tiersight::fuzz::FuzzPackText)
