#include "report/ed25519_keys.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace tiersight::report {
namespace {

std::filesystem::path FreshDir(const std::string& name) {
  auto dir =
      std::filesystem::path(::testing::TempDir()) / (name + "_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

TEST(Ed25519KeysTest, SignVerifyRoundTrip) {
  auto key = GenerateEd25519Key();
  ASSERT_TRUE(key.ok()) << key.status();
  auto signature = Sign(*key, "the report");
  ASSERT_TRUE(signature.ok()) << signature.status();
  EXPECT_EQ(signature->size(), 64u);
  EXPECT_TRUE(Verify(key->public_key, "the report", *signature));
  EXPECT_FALSE(Verify(key->public_key, "the report!", *signature));
  std::string flipped = *signature;
  flipped[10] ^= 1;
  EXPECT_FALSE(Verify(key->public_key, "the report", flipped));
  EXPECT_FALSE(Verify(key->public_key, "the report", signature->substr(0, 63)));
  auto other = GenerateEd25519Key();
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(Verify(other->public_key, "the report", *signature));
}

TEST(Ed25519KeysTest, KeyIdIsSixteenHexAndDiffersPerKey) {
  auto a = GenerateEd25519Key();
  auto b = GenerateEd25519Key();
  ASSERT_TRUE(a.ok() && b.ok());
  std::string id = KeyId(a->public_key);
  EXPECT_EQ(id.size(), 16u);
  EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(id, KeyId(a->public_key));
  EXPECT_NE(id, KeyId(b->public_key));
}

TEST(Ed25519KeysTest, RFC8032TestVector1) {
  // RFC 8032 section 7.1, TEST 1: proves the key is used as pure Ed25519.
  auto unhex = [](std::string_view hex) {
    std::string out;
    for (size_t i = 0; i < hex.size(); i += 2) {
      out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
    }
    return out;
  };
  Ed25519PrivateKey key;
  std::string seed = unhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
  std::string pub = unhex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  std::copy(seed.begin(), seed.end(), key.seed.begin());
  std::copy(pub.begin(), pub.end(), key.public_key.raw.begin());
  auto signature = Sign(key, "");
  ASSERT_TRUE(signature.ok());
  EXPECT_EQ(*signature, unhex("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                              "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"));
}

TEST(Ed25519KeysTest, KeyFilesRoundTripWithPrivateMode0600) {
  auto dir = FreshDir("keys");
  auto key = GenerateEd25519Key();
  ASSERT_TRUE(key.ok());
  std::string name = (dir / "brand").string();
  ASSERT_TRUE(WriteKeyPair(*key, name).ok());

  struct stat info {};
  ASSERT_EQ(::stat((name + ".key").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat((name + ".pub").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0644u);

  auto private_key = ReadPrivateKey(name + ".key");
  ASSERT_TRUE(private_key.ok()) << private_key.status();
  EXPECT_EQ(private_key->seed, key->seed);
  EXPECT_EQ(private_key->public_key, key->public_key);
  auto public_key = ReadPublicKey(name + ".pub");
  ASSERT_TRUE(public_key.ok()) << public_key.status();
  EXPECT_EQ(*public_key, key->public_key);

  std::ifstream pem(name + ".key");
  std::string first_line;
  std::getline(pem, first_line);
  EXPECT_EQ(first_line, "-----BEGIN PRIVATE KEY-----");  // PKCS#8, unencrypted.
  std::ifstream pub(name + ".pub");
  std::getline(pub, first_line);
  EXPECT_EQ(first_line, "-----BEGIN PUBLIC KEY-----");
}

TEST(Ed25519KeysTest, RefusesToOverwriteAKeyPair) {
  auto dir = FreshDir("overwrite");
  auto key = GenerateEd25519Key();
  auto other = GenerateEd25519Key();
  ASSERT_TRUE(key.ok() && other.ok());
  std::string name = (dir / "brand").string();
  ASSERT_TRUE(WriteKeyPair(*key, name).ok());
  absl::Status second = WriteKeyPair(*other, name);
  EXPECT_EQ(second.code(), absl::StatusCode::kAlreadyExists);
  auto kept = ReadPrivateKey(name + ".key");
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(kept->seed, key->seed);
}

TEST(Ed25519KeysTest, ErrorsNameTheFile) {
  auto dir = FreshDir("errors");
  std::string missing = (dir / "missing.key").string();
  auto absent = ReadPrivateKey(missing);
  ASSERT_FALSE(absent.ok());
  EXPECT_NE(absent.status().message().find(missing), std::string::npos);

  std::string garbage = (dir / "garbage.pub").string();
  std::ofstream(garbage) << "not a key\n";
  auto bad = ReadPublicKey(garbage);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find(garbage), std::string::npos);
  auto bad_private = ReadPrivateKey(garbage);
  ASSERT_FALSE(bad_private.ok());
  EXPECT_NE(bad_private.status().message().find(garbage), std::string::npos);

  // A directory given as a key is named as one, not read as an empty key.
  auto directory = ReadPublicKey(dir.string());
  EXPECT_EQ(directory.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(directory.status().message().find(dir.string() + ": is a directory"),
            std::string::npos);
}

// A signing key others may read is no longer the brand's alone: refused,
// naming the file and its mode and how to fix it, unless allowed.
TEST(Ed25519KeysTest, Defect12_APrivateKeyOthersMayReadIsRefusedUnlessAllowed) {
  auto dir = FreshDir("insecure");
  auto key = GenerateEd25519Key();
  ASSERT_TRUE(key.ok());
  const std::string name = (dir / "brand").string();
  ASSERT_TRUE(WriteKeyPair(*key, name).ok());
  const std::string path = name + ".key";
  ASSERT_EQ(::chmod(path.c_str(), 0644), 0);
  auto refused = ReadPrivateKey(path);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  const std::string message(refused.status().message());
  EXPECT_NE(message.find(path), std::string::npos) << message;
  EXPECT_NE(message.find("0644"), std::string::npos) << message;
  EXPECT_NE(message.find("chmod 600 " + path), std::string::npos) << message;
  EXPECT_NE(message.find("--allow-insecure-key"), std::string::npos) << message;

  auto allowed = ReadPrivateKey(path, base::KeyFileAccess::kAllowInsecure);
  ASSERT_TRUE(allowed.ok()) << allowed.status();
  EXPECT_EQ(allowed->seed, key->seed);
  ASSERT_EQ(::chmod(path.c_str(), 0400), 0);
  EXPECT_TRUE(ReadPrivateKey(path).ok());
}

}  // namespace
}  // namespace tiersight::report
