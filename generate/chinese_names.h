// Plausible, deterministic Chinese personal names for generated agents.
#ifndef TIERSIGHT_GENERATE_CHINESE_NAMES_H_
#define TIERSIGHT_GENERATE_CHINESE_NAMES_H_

#include <cstdint>
#include <string>

namespace tiersight::generate {

// A name drawn from `hash`: a surname weighted by frequency plus one or two
// given-name characters. About 1 in 500 names carries a quoted nickname
// (王芳 "芳芳"), so CSV writers must quote it; about 1 in 500 is empty
// (the brand's export lacks it). Replaces the contents of `out`.
void MakePersonName(uint64_t hash, std::string& out);

}  // namespace tiersight::generate

#endif  // TIERSIGHT_GENERATE_CHINESE_NAMES_H_
