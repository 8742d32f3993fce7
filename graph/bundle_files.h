// The files of a bundle, in the order the format lists them (and the digest
// hashes them).
#pragma once

#include <array>
#include <string_view>

namespace tiersight::graph {

inline constexpr std::string_view kAgentsFile = "agents.csv";
inline constexpr std::string_view kOrdersFile = "orders.csv";
inline constexpr std::string_view kPaymentsFile = "payments.csv";
inline constexpr std::string_view kNetworkFile = "network.yaml";

inline constexpr std::array<std::string_view, 4> kBundleFiles = {kAgentsFile, kOrdersFile,
                                                                 kPaymentsFile, kNetworkFile};

}  // namespace tiersight::graph
