// The columns of a bundle's three CSV files, declared once for every reader
// and writer of the format (the bundle reader, the store's staged uploads,
// the C++ client, the generator): their names in the format's order, which
// is the order writers write them in and the record messages of the API
// number their fields in, and which of them a file must have. Constants
// only; thread-safe.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace tiersight::graph {

struct BundleColumn {
  std::string_view name;
  // A file without this column is refused; the others may be left out.
  bool required = false;
};

inline constexpr std::array<BundleColumn, 7> kAgentColumns = {{
    {"agent_id", true},
    {"sponsor_id", true},
    {"tier"},
    {"joined_at"},
    {"left_at"},
    {"region"},
    {"name"},
}};

inline constexpr std::array<BundleColumn, 8> kOrderColumns = {{
    {"order_id", true},
    {"date", true},
    {"seller_id", true},
    {"buyer_id", true},
    {"sku"},
    {"quantity", true},
    {"amount", true},
    {"kind"},
}};

inline constexpr std::array<BundleColumn, 6> kPaymentColumns = {{
    {"payment_id", true},
    {"date", true},
    {"payer_id", true},
    {"payee_id", true},
    {"amount", true},
    {"kind", true},
}};

// The names alone, in the same order: a header row.
template <size_t N>
constexpr std::array<std::string_view, N> ColumnNames(const std::array<BundleColumn, N>& columns) {
  std::array<std::string_view, N> names{};
  for (size_t i = 0; i < N; ++i) names[i] = columns[i].name;
  return names;
}

inline constexpr std::array<std::string_view, kAgentColumns.size()> kAgentColumnNames =
    ColumnNames(kAgentColumns);
inline constexpr std::array<std::string_view, kOrderColumns.size()> kOrderColumnNames =
    ColumnNames(kOrderColumns);
inline constexpr std::array<std::string_view, kPaymentColumns.size()> kPaymentColumnNames =
    ColumnNames(kPaymentColumns);

}  // namespace tiersight::graph
