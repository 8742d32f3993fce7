// What the libFuzzer targets of fuzz/ share: a scratch directory of their
// own, quiet logs, the shipped packs compiled once, the fixed bundle the CSV
// and network.yaml targets replace one file of, and a check that stops the
// run on a broken invariant (a crash libFuzzer saves the input of).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/pack_library.h"
#include "report/ed25519_keys.h"

// Aborts, naming the invariant, when `condition` is false: a wrong answer
// found by a fuzzer is kept and reported like a crash.
#define TIERSIGHT_FUZZ_CHECK(condition)                                               \
  do {                                                                                \
    if (!(condition)) ::tiersight::fuzz::CheckFailed(#condition, __FILE__, __LINE__); \
  } while (false)

// Defines a target's libFuzzer entry points: logs are silenced and `init`
// (a callable, run once) prepares what every input shares; `one_input`
// takes each input as a std::string_view.
#define TIERSIGHT_FUZZ_TARGET(init, one_input)                              \
  extern "C" int LLVMFuzzerInitialize(int*, char***) {                      \
    ::tiersight::fuzz::QuietLogs();                                         \
    (init)();                                                               \
    return 0;                                                               \
  }                                                                         \
  extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) { \
    (one_input)(::tiersight::fuzz::Bytes(data, size));                      \
    return 0;                                                               \
  }

namespace tiersight::fuzz {

inline void NoInit() {}

[[noreturn]] void CheckFailed(const char* condition, const char* file, int line);

inline std::string_view Bytes(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Silences spdlog: a fuzzer logs millions of refused inputs otherwise.
void QuietLogs();

// The source tree, for the fixed bundle and the shipped packs.
std::filesystem::path SourceDir();

// A directory of this process, on tmpfs when there is one (the targets
// write a file per input), removed when the process exits normally.
const std::filesystem::path& ScratchDir();

void WriteFile(const std::filesystem::path& path, std::string_view bytes);

// The shipped rule packs (rules/packs/), read and compiled on first use.
const core::LoadedPacks& ShippedPacks();

// The fuzz signing key: the Ed25519 key whose RFC 8032 seed is the bytes
// 1, 2, ..., 32 (fuzz/make-seeds.sh signs the seed reports with it), so
// that mutated signed reports reach the signature check itself. It is
// public by construction and signs nothing but fuzz inputs.
const report::Ed25519PrivateKey& FuzzKey();

// A copy of the fixed bundle (fuzz/bundle/) in the scratch directory, made
// on first use. A target replaces at most one of its files, always the same.
const std::filesystem::path& FixedBundleDir();

// Writes `bytes` as `file` (agents.csv, orders.csv, payments.csv or
// network.yaml) of the fixed bundle, then does what the CLI and the server
// do with a bundle: a strict load, and a lenient audit with every shipped
// pack (load, figures, rules, judgement, report). Checks that the two modes
// agree on what is refused and on the digest.
void FuzzBundleFile(std::string_view file, std::string_view bytes);

// Reads `yaml` as a rule pack file (rules::ReadRulePackText), compiles it
// and, when it compiles, runs it over the fixed bundle as an audit does.
// Checks that a refused pack has a diagnostic and a compiled one runs.
void FuzzPackText(std::string_view yaml);

}  // namespace tiersight::fuzz
