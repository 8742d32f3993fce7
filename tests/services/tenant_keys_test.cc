// Per-tenant pseudonym keys: created once, the same across restarts, and no
// leftovers of a creation a crash cut short.
#include "services/tenant_keys.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/services/service_client_util.h"

namespace tiersight::services::testing {
namespace {

namespace fs = std::filesystem;

TEST(TenantKeysTest, AKeyCutShortByACrashIsRemovedAtStartAndThePublishedOnesKept) {
  TempDir dir;
  const fs::path keys = dir.path() / "pseudonym-keys";
  std::string key_id;
  {
    TenantKeys first(dir.path().string());
    auto made = first.For("alpha");
    ASSERT_TRUE(made.ok()) << made.status().message();
    key_id = (*made)->KeyId();
  }
  const fs::path leftover = keys / "62657461.key.tmp.4242.4243";
  std::ofstream(leftover) << "half a key";
  ASSERT_TRUE(fs::exists(leftover));

  TenantKeys restarted(dir.path().string());
  EXPECT_FALSE(fs::exists(leftover));
  auto again = restarted.For("alpha");
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ((*again)->KeyId(), key_id);
  EXPECT_EQ(std::distance(fs::directory_iterator(keys), fs::directory_iterator()), 1);
}

}  // namespace
}  // namespace tiersight::services::testing
