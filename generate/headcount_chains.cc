#include "generate/headcount_chains.h"

#include <algorithm>
#include <array>
#include <numeric>

#include "generate/random.h"

namespace tiersight::generate {
namespace {

constexpr uint64_t kChainsSalt = 31;
constexpr int64_t kCny = 100;
constexpr int kMaxRandomTreeLevels = 6;
constexpr int kMaxRecruitDelayDays = 20;

// A tree as each member's parent (-1 for the top), parents before children.
using Shape = std::vector<int>;

// `top`'s recruits, then the rest spread as their recruits: exactly `size`
// people over exactly 3 levels.
void AddThreeLevels(Shape& shape, int top, int size, Rng& rng) {
  const int children = static_cast<int>(rng.Between(3, 8));
  const int first = static_cast<int>(shape.size());
  for (int i = 0; i < children; ++i) shape.push_back(top);
  for (int i = 0; i < size - 1 - children; ++i) {
    shape.push_back(first + static_cast<int>(rng.Below(children)));
  }
}

Shape ThreeLevels(int size, Rng& rng) {
  Shape shape = {-1};
  AddThreeLevels(shape, 0, size, rng);
  return shape;
}

Shape TwoLevels(int size) {
  Shape shape = {-1};
  shape.resize(size, 0);
  return shape;
}

// A top whose team of `size` (45 or more) spans 4 levels through one recruit
// heading exactly 30 people over 3 levels; its other recruits' teams stay
// small.
Shape Nested(int size, Rng& rng) {
  Shape shape = {-1, 0};
  AddThreeLevels(shape, 1, 30, rng);
  const int others = size - 31;
  const int children = static_cast<int>(rng.Between(3, 6));
  const int first = static_cast<int>(shape.size());
  for (int i = 0; i < children; ++i) shape.push_back(0);
  for (int i = 0; i < others - children; ++i) {
    shape.push_back(first + static_cast<int>(rng.Below(children)));
  }
  return shape;
}

// A grown tree: each member recruited by the later of two earlier members,
// up to kMaxRandomTreeLevels levels.
Shape Grown(int size, Rng& rng) {
  Shape shape = {-1};
  std::vector<int> level = {1};
  for (int i = 1; i < size; ++i) {
    int parent = static_cast<int>(std::max(rng.Below(i), rng.Below(i)));
    while (level[parent] >= kMaxRandomTreeLevels) parent = shape[parent];
    shape.push_back(parent);
    level.push_back(level[parent] + 1);
  }
  return shape;
}

struct Member {
  int day = 0;
  int tree = 0;
  int index = 0;  // within its tree's shape
};

}  // namespace

ChainsResult BuildHeadcountChains(uint32_t agents, uint64_t seed, int span) {
  Rng rng(HashOf(seed, kChainsSalt, 0));
  ChainsResult result;
  result.fee = {.entry_fee_cents = std::array<int64_t, 3>{980, 1280, 1980}[rng.Below(3)] * kCny,
                .sponsor_share_cents = 200 * kCny,
                .sponsor_share_probability = 0.2,
                .recruitment_bonus_cents = 300 * kCny,
                .second_level_bonus_cents = 0};

  const int nested_size = static_cast<int>(rng.Between(45, 60));
  const int serious_size = static_cast<int>(agents) - 30 - 29 - 30 - nested_size;
  std::vector<Shape> shapes = {ThreeLevels(30, rng), ThreeLevels(29, rng), TwoLevels(30),
                               Nested(nested_size, rng), Grown(serious_size, rng)};
  const std::vector<std::string> notes = {
      "30 people over 3 levels: the threshold is reached",
      "29 people over 3 levels: one person short of the threshold",
      "30 people over 2 levels: one level short of the threshold",
      "45 or more people over 4 levels; its recruit heads exactly 30 people over 3 levels",
      "120 or more people: 情节严重 by head-count",
  };

  // Each member joins days after its recruiter; ids follow joining across
  // all trees, so they say nothing of the tree.
  std::vector<Member> members;
  std::vector<std::vector<int>> days(shapes.size());
  for (size_t t = 0; t < shapes.size(); ++t) {
    for (size_t i = 0; i < shapes[t].size(); ++i) {
      const int parent = shapes[t][i];
      const int day = parent < 0 ? static_cast<int>(rng.Below(span / 3 + 1))
                                 : std::min(span, days[t][parent] + static_cast<int>(rng.Between(
                                                                        1, kMaxRecruitDelayDays)));
      days[t].push_back(day);
      members.push_back({day, static_cast<int>(t), static_cast<int>(i)});
    }
  }
  std::stable_sort(members.begin(), members.end(),
                   [](const Member& a, const Member& b) { return a.day < b.day; });
  std::vector<std::vector<uint32_t>> id_of(shapes.size());
  for (size_t t = 0; t < shapes.size(); ++t) id_of[t].resize(shapes[t].size());
  for (uint32_t g = 0; g < members.size(); ++g) id_of[members[g].tree][members[g].index] = g;

  Ledger& ledger = result.ledger;
  ledger.agents.resize(members.size());
  for (uint32_t g = 0; g < members.size(); ++g) {
    const Member& m = members[g];
    const int parent = shapes[m.tree][m.index];
    LedgerAgent& agent = ledger.agents[g];
    agent.joined = m.day;
    agent.sponsor = parent < 0 ? kNoParty : id_of[m.tree][parent];
    agent.tier = parent < 0 ? 0 : kTierCount - 1;
  }
  for (uint32_t g = 0; g < members.size(); ++g) {
    JoinByFee(ledger, g, ledger.agents[g].joined, result.fee, rng);
  }
  AssignRegions(ledger, seed);
  for (size_t t = 0; t < shapes.size(); ++t) result.trees.push_back({id_of[t][0], notes[t]});
  return result;
}

}  // namespace tiersight::generate
