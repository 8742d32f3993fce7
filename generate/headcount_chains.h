// The headcount-chains corpus: trees constructed around the criminal
// threshold of the 2013 两高一部 opinion (30 people over 3 levels, the
// organiser and its level counted; 情节严重 from 120 people), each a top
// recruited by the company, everyone paying an entry fee and every sponsor
// paid per recruit. The seed varies the trees' shapes, order and dates, never
// the cases. Deterministic; thread-safe (no shared state).
#ifndef TIERSIGHT_GENERATE_HEADCOUNT_CHAINS_H_
#define TIERSIGHT_GENERATE_HEADCOUNT_CHAINS_H_

#include <cstdint>
#include <vector>

#include "generate/corpus_brand.h"
#include "generate/ground_truth.h"
#include "generate/ledger.h"

namespace tiersight::generate {

// 30 + 29 + 30 + up to 60 for the nested tree, and 120 for the serious one.
inline constexpr uint32_t kMinChainsAgents = 30 + 29 + 30 + 60 + 120;

struct ChainsResult {
  Ledger ledger;
  std::vector<TruthTree> trees;  // in the order the cases are listed above
  FeePlan fee;
};

// `agents` >= kMinChainsAgents; the serious tree takes what the others leave.
ChainsResult BuildHeadcountChains(uint32_t agents, uint64_t seed, int span);

}  // namespace tiersight::generate

#endif  // TIERSIGHT_GENERATE_HEADCOUNT_CHAINS_H_
