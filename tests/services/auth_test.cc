#include "services/auth.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace tiersight::services {
namespace {

using Metadata = std::multimap<grpc::string_ref, grpc::string_ref>;

class AuthTest : public ::testing::Test {
 protected:
  Authenticator auth_{{{"alpha-secret", "alpha-ci", "alpha"}, {"beta-secret", "beta-ci", "beta"}}};
};

TEST_F(AuthTest, RightTokenResolvesToTenantAndName) {
  const std::string header = "Bearer beta-secret";
  Metadata md{{"authorization", header}};
  absl::StatusOr<Caller> caller = auth_.Authenticate(md);
  ASSERT_TRUE(caller.ok()) << caller.status();
  EXPECT_EQ(caller->tenant, "beta");
  EXPECT_EQ(caller->token_name, "beta-ci");
}

TEST_F(AuthTest, SchemeIsCaseInsensitive) {
  std::optional<Caller> c = auth_.Resolve("bearer alpha-secret");
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->tenant, "alpha");
}

TEST_F(AuthTest, MissingTokenIsUnauthenticated) {
  Metadata md{{"x-other", "v"}};
  EXPECT_TRUE(absl::IsUnauthenticated(auth_.Authenticate(md).status()));
}

TEST_F(AuthTest, WrongTokensAreUnauthenticatedWithoutNamingTokens) {
  for (const std::string header : {"Bearer alpha-secre", "Bearer alpha-secretX", "Bearer ",
                                   "Basic alpha-secret", "alpha-secret", "Bearer beta-ci", ""}) {
    Metadata md{{"authorization", header}};
    const absl::Status s = auth_.Authenticate(md).status();
    EXPECT_TRUE(absl::IsUnauthenticated(s)) << header << ": " << s;
    EXPECT_EQ(s.message().find("alpha"), std::string::npos) << header;
    EXPECT_EQ(s.message().find("beta"), std::string::npos) << header;
  }
}

TEST_F(AuthTest, AuthorizationGivenTwiceIsUnauthenticated) {
  const std::string a = "Bearer alpha-secret";
  const std::string b = "Bearer beta-secret";
  Metadata md{{"authorization", a}, {"authorization", b}};
  EXPECT_TRUE(absl::IsUnauthenticated(auth_.Authenticate(md).status()));
}

}  // namespace
}  // namespace tiersight::services
