#include "services/path_redaction.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace tiersight::services {
namespace {

TEST(PathRedactionTest, Defect13_ServerPathsBecomeResourceNamesOrGo) {
  const PathRedactor r("/srv/tiersight/data", "/usr/share/tiersight/packs/");
  EXPECT_EQ(r.Redact("/usr/share/tiersight/packs/cn.yaml:1:1: pack 'cn' is given twice"),
            "rulePacks/cn:1:1: pack 'cn' is given twice");
  EXPECT_EQ(r.Redact("cannot create /srv/tiersight/data/staging/a1b2/agents.csv: Too many files"),
            "cannot create agents.csv: Too many files");
  EXPECT_EQ(r.Redact("cannot create staging directory /srv/tiersight/data/staging/a1b2: EMFILE"),
            "cannot create staging directory the upload: EMFILE");
  EXPECT_EQ(r.Redact("cannot read /srv/tiersight/data/networks/n1/agents.csv"),
            "cannot read networks/n1/agents.csv");
  EXPECT_EQ(r.Redact("cannot open /srv/tiersight/data/audits/a9.json to sync it"),
            "cannot open audits/a9 to sync it");
  EXPECT_EQ(r.Redact("cannot open catalogue /srv/tiersight/data/catalogue.db: locked"),
            "cannot open catalogue catalogue.db: locked");
  EXPECT_EQ(r.Redact("cannot sync /srv/tiersight/data"), "cannot sync the data directory");
  // Only whole paths: a longer name or another tree is left alone.
  EXPECT_EQ(r.Redact("/srv/tiersight/database"), "/srv/tiersight/database");
  EXPECT_EQ(r.Redact("/x/srv/tiersight/data/catalogue.db"), "/x/srv/tiersight/data/catalogue.db");
  EXPECT_EQ(PathRedactor().Redact("/srv/tiersight/data/LOCK"), "/srv/tiersight/data/LOCK");
}

TEST(PathRedactionTest, Defect13_ARelativeDirectoryIsMatchedByItsAbsolutePathToo) {
  const PathRedactor r("relative-data", "");
  const std::string absolute = std::filesystem::absolute("relative-data").string();
  EXPECT_EQ(r.Redact("cannot read " + absolute + "/networks/n1/orders.csv"),
            "cannot read networks/n1/orders.csv");
  // A bare relative name would match ordinary words: not redacted.
  EXPECT_EQ(r.Redact("relative-data is fine"), "relative-data is fine");
}

}  // namespace
}  // namespace tiersight::services
