// Seeded pseudo-random numbers whose output is the same on every platform.
//
// std::uniform_*_distribution is implementation-defined, so ranges are derived
// here from raw 64-bit words: Lemire's multiply-shift for integers below n and
// the top 53 bits for a double in [0, 1).
#ifndef TIERSIGHT_GENERATE_RANDOM_H_
#define TIERSIGHT_GENERATE_RANDOM_H_

#include <array>
#include <cstddef>
#include <cstdint>

namespace tiersight::generate {

__extension__ using Uint128 = unsigned __int128;

// One step of splitmix64: advances `state` and returns a well-mixed word.
inline uint64_t SplitMix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// A stateless hash of (seed, salt, index), for per-agent attributes that must
// not depend on the order in which they are drawn.
inline uint64_t HashOf(uint64_t seed, uint64_t salt, uint64_t index) {
  uint64_t state = seed ^ (salt * 0xD6E8FEB86659FD93ull);
  SplitMix64(state);
  state ^= index * 0x9E3779B97F4A7C15ull;
  return SplitMix64(state);
}

// An integer in [0, n) from a uniform 64-bit word; n > 0.
inline uint64_t ScaleBelow(uint64_t word, uint64_t n) {
  return static_cast<uint64_t>((static_cast<Uint128>(word) * n) >> 64);
}

// A double in [0, 1) from a uniform 64-bit word.
inline double ScaleUnit(uint64_t word) { return static_cast<double>(word >> 11) * 0x1.0p-53; }

// xoshiro256** seeded through splitmix64.
class Rng {
 public:
  explicit Rng(uint64_t seed) {
    uint64_t state = seed;
    for (uint64_t& word : s_) word = SplitMix64(state);
  }

  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, n); n > 0.
  uint64_t Below(uint64_t n) { return ScaleBelow(Next(), n); }
  // Uniform in [lo, hi]; lo <= hi.
  uint64_t Between(uint64_t lo, uint64_t hi) { return lo + Below(hi - lo + 1); }
  // Uniform in [0, 1).
  double Unit() { return ScaleUnit(Next()); }
  // True with probability p (p <= 0: never, p >= 1: always).
  bool Chance(double p) { return Unit() < p; }
  // floor(x) or floor(x) + 1, with expectation x (x >= 0).
  uint64_t RoundRandomly(double x) {
    const auto whole = static_cast<uint64_t>(x);
    return whole + (Unit() < x - static_cast<double>(whole) ? 1 : 0);
  }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

// An index drawn with probability proportional to `weights` (not all zero).
template <size_t N>
int PickWeighted(Rng& rng, const std::array<uint32_t, N>& weights) {
  uint32_t total = 0;
  for (uint32_t w : weights) total += w;
  uint64_t pick = rng.Below(total);
  for (size_t i = 0; i < N; ++i) {
    if (pick < weights[i]) return static_cast<int>(i);
    pick -= weights[i];
  }
  return static_cast<int>(N - 1);
}

}  // namespace tiersight::generate

#endif  // TIERSIGHT_GENERATE_RANDOM_H_
