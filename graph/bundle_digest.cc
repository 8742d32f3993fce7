#include "graph/bundle_digest.h"

#include <openssl/evp.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <vector>

#include "absl/status/status.h"
#include "base/hex.h"
#include "base/str_cat.h"
#include "graph/bundle_files.h"

namespace tiersight::graph {
namespace {

struct FileClose {
  void operator()(FILE* f) const { std::fclose(f); }
};

}  // namespace

void Sha256::CtxFree::operator()(evp_md_ctx_st* ctx) const { EVP_MD_CTX_free(ctx); }

Sha256::Sha256() : ctx_(EVP_MD_CTX_new()) { EVP_DigestInit_ex(ctx_.get(), EVP_sha256(), nullptr); }

void Sha256::Update(std::string_view bytes) {
  EVP_DigestUpdate(ctx_.get(), bytes.data(), bytes.size());
}

std::string Sha256::HexDigest() {
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned size = 0;
  EVP_DigestFinal_ex(ctx_.get(), md.data(), &size);
  return base::HexEncode(std::string_view(reinterpret_cast<const char*>(md.data()), size));
}

absl::StatusOr<std::string> Sha256OfFile(const std::string& path) {
  std::unique_ptr<FILE, FileClose> file(std::fopen(path.c_str(), "rb"));
  if (!file) return absl::ErrnoToStatus(errno, StrCat("cannot open ", path));
  Sha256 sha;
  std::vector<char> buffer(1 << 20);
  size_t got;
  while ((got = std::fread(buffer.data(), 1, buffer.size(), file.get())) > 0) {
    sha.Update(std::string_view(buffer.data(), got));
  }
  if (std::ferror(file.get())) return absl::ErrnoToStatus(errno, StrCat("cannot read ", path));
  return sha.HexDigest();
}

std::string Sha256OfText(std::string_view text) {
  Sha256 sha;
  sha.Update(text);
  return sha.HexDigest();
}

std::string BundleDigestOf(const std::vector<FileSha256>& files) {
  std::string listing;
  for (const auto& [name, sha256] : files) StrAppend(listing, sha256, "  ", name, "\n");
  return Sha256OfText(listing);
}

absl::StatusOr<std::string> BundleDigest(const std::string& dir) {
  std::vector<FileSha256> files;
  for (std::string_view name : kBundleFiles) {
    const std::string path = (std::filesystem::path(dir) / name).string();
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) continue;
    absl::StatusOr<std::string> digest = Sha256OfFile(path);
    if (!digest.ok()) return digest.status();
    files.emplace_back(name, *std::move(digest));
  }
  return BundleDigestOf(files);
}

}  // namespace tiersight::graph
