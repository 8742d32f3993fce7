// The corpus profiles: bundles whose right answers are known, each built in
// memory from a seed with its ground truth (ground_truth.h), for tests that
// keep the audit's judgements honest. See docs/corpora.md. Deterministic;
// thread-safe (no shared state).
#ifndef TIERSIGHT_GENERATE_CORPUS_PROFILES_H_
#define TIERSIGHT_GENERATE_CORPUS_PROFILES_H_

#include <cstdint>
#include <string_view>

#include "absl/status/statusor.h"
#include "base/civil_date.h"
#include "generate/bundle_generator.h"
#include "generate/ground_truth.h"
#include "generate/ledger.h"

namespace tiersight::generate {

// Bundles are built in memory (about 2.8 KB per lawful agent): test
// corpora, not benchmarks, which the streaming profiles serve.
inline constexpr uint32_t kMaxCorpusAgents = 200'000;

bool IsCorpusProfile(Profile profile);

// The fewest agents a corpus profile plants its patterns in.
uint32_t MinCorpusAgents(Profile profile);

struct CorpusBundle {
  Ledger ledger;
  GroundTruth truth;
};

// REQUIRES: IsCorpusProfile(profile), agents within MinCorpusAgents(profile)
// .. kMaxCorpusAgents. Day 0 is `first_day`, day `span` the last.
CorpusBundle BuildCorpus(Profile profile, uint32_t agents, uint64_t seed, base::Day first_day,
                         int span);

}  // namespace tiersight::generate

#endif  // TIERSIGHT_GENERATE_CORPUS_PROFILES_H_
