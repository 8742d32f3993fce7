#include "services/auth.h"

#include <openssl/crypto.h>
#include <openssl/sha.h>

namespace tiersight::services {
namespace {

// Hashing first makes every comparison the same length, so neither the
// token's length nor its bytes leak through timing.
std::array<unsigned char, 32> Digest(std::string_view token) {
  std::array<unsigned char, 32> out{};
  SHA256(reinterpret_cast<const unsigned char*>(token.data()), token.size(), out.data());
  return out;
}

bool StartsWithBearer(std::string_view header) {
  constexpr std::string_view kScheme = "bearer ";
  if (header.size() < kScheme.size()) return false;
  for (size_t i = 0; i < kScheme.size(); ++i) {
    char c = header[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != kScheme[i]) return false;
  }
  return true;
}

}  // namespace

Authenticator::Authenticator(const std::vector<TokenOptions>& tokens) {
  entries_.reserve(tokens.size());
  for (const TokenOptions& t : tokens) {
    entries_.push_back({Digest(t.token), Caller{t.tenant, t.token_name}});
  }
}

std::optional<Caller> Authenticator::Resolve(std::string_view header) const {
  if (!StartsWithBearer(header)) return std::nullopt;
  std::string_view token = header.substr(7);
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
  if (token.empty()) return std::nullopt;
  const std::array<unsigned char, 32> digest = Digest(token);
  // Every entry is compared, whichever matches.
  const Entry* match = nullptr;
  for (const Entry& e : entries_) {
    if (CRYPTO_memcmp(e.digest.data(), digest.data(), digest.size()) == 0) match = &e;
  }
  if (match == nullptr) return std::nullopt;
  return match->caller;
}

absl::StatusOr<Caller> Authenticator::Authenticate(
    const std::multimap<grpc::string_ref, grpc::string_ref>& metadata) const {
  const auto [begin, end] = metadata.equal_range("authorization");
  if (begin == end) {
    return absl::UnauthenticatedError("missing `authorization: Bearer <token>` metadata");
  }
  if (std::next(begin) != end) {
    return absl::UnauthenticatedError("`authorization` metadata given more than once");
  }
  std::optional<Caller> found =
      Resolve(std::string_view(begin->second.data(), begin->second.size()));
  if (!found) return absl::UnauthenticatedError("invalid bearer token");
  return *std::move(found);
}

}  // namespace tiersight::services
