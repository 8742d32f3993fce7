// The rule engine's version, the only place it lives. Bump the minor version
// when the rule language or the figure catalogue gains something a pack may
// use, the major version when a pack written for the old engine could change
// meaning. A pack states the version it needs and is refused by older engines.
#pragma once

namespace tiersight::rules {

inline constexpr int kEngineMajor = 1;
inline constexpr int kEngineMinor = 1;
inline constexpr int kEnginePatch = 0;
inline constexpr char kEngineVersion[] = "1.1.0";

}  // namespace tiersight::rules
