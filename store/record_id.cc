#include "store/record_id.h"

#include <openssl/rand.h>

#include <array>

#include "absl/status/status.h"
#include "base/hex.h"

namespace tiersight::store {

constexpr size_t kIdBytes = 16;

absl::StatusOr<std::string> NewRecordId() {
  std::array<unsigned char, kIdBytes> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    return absl::UnavailableError("cannot draw a random record id: the system CSPRNG failed");
  }
  return base::HexEncode(std::string_view(reinterpret_cast<const char*>(bytes.data()), kIdBytes));
}

bool IsWellFormedRecordId(std::string_view id) {
  if (id.size() != kIdBytes * 2) return false;
  for (char c : id) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace tiersight::store
