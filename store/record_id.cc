#include "store/record_id.h"

#include <openssl/rand.h>

#include <array>

#include "absl/status/status.h"

namespace tiersight::store {

constexpr size_t kIdBytes = 16;

absl::StatusOr<std::string> NewRecordId() {
  std::array<unsigned char, kIdBytes> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    return absl::UnavailableError("cannot draw a random record id: the system CSPRNG failed");
  }
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string id(kIdBytes * 2, '0');
  for (size_t i = 0; i < kIdBytes; ++i) {
    id[2 * i] = kDigits[bytes[i] >> 4];
    id[2 * i + 1] = kDigits[bytes[i] & 15];
  }
  return id;
}

bool IsWellFormedRecordId(std::string_view id) {
  if (id.size() != kIdBytes * 2) return false;
  for (char c : id) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace tiersight::store
