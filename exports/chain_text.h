// The deepest sponsor chain of a finding as one line of text, with the
// agents left out of its middle (Evidence.deepest_chain_omitted) said where
// they are. Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "tiersight/v1/findings.pb.h"

namespace tiersight::exports {

// `omitted` renders the count of agents left out, e.g. "... 12 more ...".
template <typename Omitted>
std::string ChainText(const tiersight::v1::Evidence& e, std::string_view separator,
                      const Omitted& omitted) {
  std::string out;
  const int half = (e.deepest_chain_size() + 1) / 2;
  for (int i = 0; i < e.deepest_chain_size(); ++i) {
    if (i > 0) out += separator;
    if (i == half && e.deepest_chain_omitted() > 0) {
      out += omitted(e.deepest_chain_omitted());
      out += separator;
    }
    out += e.deepest_chain(i);
  }
  return out;
}

}  // namespace tiersight::exports
