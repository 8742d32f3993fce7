// The bundle digest of the format: SHA-256 of the text `sha256sum` prints for
// agents.csv, orders.csv, payments.csv and network.yaml (absent files
// skipped), so that anyone can recompute it with
// `sha256sum agents.csv orders.csv payments.csv network.yaml | sha256sum`.
// The bundle reader hashes each file as it reads it (LoadedBundle::digest);
// BundleDigest is for files nothing else reads (a stored or received
// bundle), streamed, never read whole. Sha256 is thread-compatible; the
// functions are thread-safe.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"

struct evp_md_ctx_st;

namespace tiersight::graph {

// An incremental SHA-256 (OpenSSL EVP). Move-only.
class Sha256 {
 public:
  Sha256();
  void Update(std::string_view bytes);
  // Lower-case hex of everything updated so far; the hash is spent after.
  std::string HexDigest();

 private:
  struct CtxFree {
    void operator()(evp_md_ctx_st* ctx) const;
  };
  std::unique_ptr<evp_md_ctx_st, CtxFree> ctx_;
};

// Lower-case hex SHA-256 of one file.
absl::StatusOr<std::string> Sha256OfFile(const std::string& path);

// Lower-case hex SHA-256 of a byte string.
std::string Sha256OfText(std::string_view text);

// A bundle file's name and the hex SHA-256 of its bytes.
using FileSha256 = std::pair<std::string_view, std::string>;

// The bundle digest of the present files, given in the format's order.
std::string BundleDigestOf(const std::vector<FileSha256>& files);

// The digest of the bundle in directory `dir`, reading every file.
absl::StatusOr<std::string> BundleDigest(const std::string& dir);

}  // namespace tiersight::graph
