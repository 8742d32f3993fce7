// Chinese provincial-level regions for generated agents.
#ifndef TIERSIGHT_GENERATE_REGIONS_H_
#define TIERSIGHT_GENERATE_REGIONS_H_

#include <cstdint>
#include <string>

namespace tiersight::generate {

// Number of regions; region codes are 0 .. kRegionCount - 1.
inline constexpr int kRegionCount = 31;

// A region drawn by population from `hash`.
uint8_t PickRegion(uint64_t hash);

// The region's text for agents.csv. Usually the province name (广东省); about
// 1 in 150 rows names a city too, "广东省, 深圳市", which needs CSV quoting.
// `hash` chooses the variant. Replaces the contents of `out`.
void MakeRegionText(uint8_t region, uint64_t hash, std::string& out);

}  // namespace tiersight::generate

#endif  // TIERSIGHT_GENERATE_REGIONS_H_
