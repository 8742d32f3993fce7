#include "report/pseudonymizer.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <thread>
#include <vector>

#include "base/file_read.h"
#include "base/str_cat.h"

namespace tiersight::report {
namespace {

constexpr char kKeyA[] = "brand A pseudonym key, 32 bytes!";
constexpr char kKeyB[] = "brand B pseudonym key, 32 bytes!";

TEST(PseudonymizerTest, StablePerKeyDifferentAcrossKeys) {
  Pseudonymizer a(kKeyA);
  Pseudonymizer a_again(kKeyA);
  Pseudonymizer b(kKeyB);
  std::string p = a.Pseudonym("agent-00042");
  EXPECT_EQ(p, a.Pseudonym("agent-00042"));
  EXPECT_EQ(p, a_again.Pseudonym("agent-00042"));
  EXPECT_NE(p, b.Pseudonym("agent-00042"));
  EXPECT_NE(p, a.Pseudonym("agent-00043"));
  EXPECT_EQ(p.size(), 18u);
  EXPECT_EQ(p.substr(0, 2), "P-");
  EXPECT_EQ(p.find_first_not_of("0123456789abcdef", 2), std::string::npos);
}

TEST(PseudonymizerTest, KnownValue) {
  // HMAC-SHA256 test case 2 of RFC 4231: key "Jefe", data
  // "what do ya want for nothing?" -> 5bdcc146bf60754e...
  EXPECT_EQ(Pseudonymizer("Jefe").Pseudonym("what do ya want for nothing?"), "P-5bdcc146bf60754e");
}

TEST(PseudonymizerTest, KeyIdNamesTheKeyWithoutRevealingIt) {
  Pseudonymizer a(kKeyA);
  const std::string id = a.KeyId();
  EXPECT_EQ(id, Pseudonymizer(kKeyA).KeyId());
  EXPECT_NE(id, Pseudonymizer(kKeyB).KeyId());
  EXPECT_EQ(id.size(), 16u);
  EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos);
  // Not a pseudonym of anything a report could contain.
  EXPECT_NE("P-" + id, a.Pseudonym("tiersight pseudonym key id v1"));
}

TEST(PseudonymizerTest, TenThousandIdsDistinctAndNoRawIdInside) {
  Pseudonymizer a(kKeyA);
  std::set<std::string> seen;
  for (int i = 0; i < 10000; ++i) {
    std::string id = StrCat("agent-", i);
    std::string pseudonym = a.Pseudonym(id);
    EXPECT_EQ(pseudonym.find(id), std::string::npos) << id;
    EXPECT_EQ(pseudonym.find("agent"), std::string::npos) << id;
    seen.insert(pseudonym);
  }
  EXPECT_EQ(seen.size(), 10000u);
}

TEST(PseudonymizerTest, ConcurrentCallsAgree) {
  Pseudonymizer a(kKeyA);
  std::vector<std::string> expected;
  for (int i = 0; i < 2000; ++i) expected.push_back(a.Pseudonym(StrCat("id", i)));
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i) {
        if (a.Pseudonym(StrCat("id", i)) != expected[i]) ++mismatches[t];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int m : mismatches) EXPECT_EQ(m, 0);
}

TEST(PseudonymizerTest, FromSigningKeyIsStableAndKeyed) {
  auto key = GenerateEd25519Key();
  auto other = GenerateEd25519Key();
  ASSERT_TRUE(key.ok() && other.ok());
  std::string p = Pseudonymizer::FromSigningKey(*key).Pseudonym("agent-7");
  EXPECT_EQ(p, Pseudonymizer::FromSigningKey(*key).Pseudonym("agent-7"));
  EXPECT_NE(p, Pseudonymizer::FromSigningKey(*other).Pseudonym("agent-7"));
  // The derived key is not the seed itself.
  std::string seed(reinterpret_cast<const char*>(key->seed.data()), key->seed.size());
  EXPECT_NE(p, Pseudonymizer(seed).Pseudonym("agent-7"));
}

TEST(PseudonymizerTest, KeyFile) {
  auto dir = std::filesystem::path(::testing::TempDir()) /
             StrCat("pseudonym_", static_cast<int>(::getpid()));
  std::filesystem::create_directories(dir);
  std::string good = (dir / "good.key").string();
  std::ofstream(good, std::ios::binary) << kKeyA;
  std::filesystem::permissions(
      good, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  auto loaded = Pseudonymizer::FromKeyFile(good);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(loaded->Pseudonym("agent-1"), Pseudonymizer(kKeyA).Pseudonym("agent-1"));

  std::string short_key = (dir / "short.key").string();
  std::ofstream(short_key, std::ios::binary) << "tiny";
  std::filesystem::permissions(short_key, std::filesystem::perms::owner_read);
  auto rejected = Pseudonymizer::FromKeyFile(short_key);
  ASSERT_FALSE(rejected.ok());
  EXPECT_NE(rejected.status().message().find(short_key), std::string::npos);
  EXPECT_FALSE(Pseudonymizer::FromKeyFile((dir / "absent.key").string()).ok());

  // A key file is read within a cap and only when it is a regular file.
  const std::string huge = (dir / "huge.key").string();
  std::ofstream(huge, std::ios::binary) << std::string(base::kMaxKeyFileBytes + 1, 'k');
  std::filesystem::permissions(huge, std::filesystem::perms::owner_read);
  auto too_big = Pseudonymizer::FromKeyFile(huge);
  EXPECT_EQ(too_big.status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_NE(too_big.status().message().find(huge), std::string::npos);
  auto directory = Pseudonymizer::FromKeyFile(dir.string());
  EXPECT_EQ(directory.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(directory.status().message().find("is a directory"), std::string::npos);
}

TEST(PseudonymizerTest, Defect12_AKeyFileOthersMayReadIsRefusedUnlessAllowed) {
  auto dir = std::filesystem::path(::testing::TempDir()) /
             StrCat("pseudonym_mode_", static_cast<int>(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string key = (dir / "shared.key").string();
  std::ofstream(key, std::ios::binary) << kKeyA;
  std::filesystem::permissions(
      key, std::filesystem::perms::owner_read | std::filesystem::perms::group_read);
  auto refused = Pseudonymizer::FromKeyFile(key);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(refused.status().message().find(key + ": a pseudonym key"), std::string::npos)
      << refused.status();
  EXPECT_NE(refused.status().message().find("0440"), std::string::npos) << refused.status();
  EXPECT_TRUE(Pseudonymizer::FromKeyFile(key, base::KeyFileAccess::kAllowInsecure).ok());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace tiersight::report
