#include "base/yaml_errors.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace tiersight::base {
namespace {

using ::testing::HasSubstr;

TEST(YamlDocumentTest, LoadsOneDocument) {
  absl::StatusOr<YAML::Node> node = LoadYamlDocument("a: 1\nb: [x, y]\n", "f.yaml");
  ASSERT_TRUE(node.ok()) << node.status();
  EXPECT_EQ((*node)["a"].Scalar(), "1");
}

TEST(YamlDocumentTest, Defect20_RefusesWhatYamlCppWouldAcceptSilently) {
  struct Case {
    std::string text;
    std::string expected;
  };
  const Case cases[] = {
      {std::string("name: a\0b\n", 10), "f.yaml:1:8: a NUL byte"},
      {"a: 1\na: 2\n", "f.yaml:2:1: `a` is given twice"},
      {"a: 1\n---\nb: 2\n", "a second YAML document"},
      {std::string(100, '[') + std::string(100, ']'), "nested deeper than 64"},
      {"a: [1, 2\n", "f.yaml:"},
  };
  for (const Case& c : cases) {
    absl::StatusOr<YAML::Node> node = LoadYamlDocument(c.text, "f.yaml");
    ASSERT_FALSE(node.ok()) << c.text;
    EXPECT_EQ(node.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(node.status().message(), HasSubstr(c.expected)) << c.text;
  }
}

TEST(YamlDocumentTest, Defect20_ASecondDocumentIsRefusedWhereItStarts) {
  absl::StatusOr<YAML::Node> node = LoadYamlDocument("a: 1\n---\nb: 2\n", "f.yaml");
  EXPECT_THAT(node.status().message(), HasSubstr("f.yaml:3:1: a second YAML document"));
}

TEST(YamlFaultTest, TakesALoadErrorApartIntoPlaceAndMessage) {
  // A file name with colons and digits must not be mistaken for the place.
  const std::string file = "packs/v1:2:3.yaml";
  absl::StatusOr<YAML::Node> node = LoadYamlDocument("a: 1\nb: 2\nb: 3\n", file);
  std::optional<YamlFault> fault = YamlFaultOf(node.status());
  ASSERT_TRUE(fault.has_value()) << node.status();
  EXPECT_EQ(fault->place.file, file);
  EXPECT_EQ(fault->place.line, 3);
  EXPECT_EQ(fault->place.column, 1);
  EXPECT_EQ(fault->message, "`b` is given twice");
  EXPECT_EQ(Located(fault->place, fault->message), std::string(node.status().message()));
}

TEST(YamlFaultTest, KeepsAnUnknownPlaceAndIgnoresOtherErrors) {
  std::optional<YamlFault> fault = YamlFaultOf(YamlError(YamlPlace{"f.yaml", 0, 0}, "empty"));
  ASSERT_TRUE(fault.has_value());
  EXPECT_EQ(fault->place.line, 0);
  EXPECT_EQ(fault->message, "empty");
  EXPECT_FALSE(YamlFaultOf(absl::InvalidArgumentError("f.yaml:1:1: not from YamlError")));
  EXPECT_FALSE(YamlFaultOf(absl::OkStatus()));
}

TEST(YamlDocumentTest, ReadsScalarsWithTheCoreSchema) {
  YAML::Node n = *LoadYamlDocument("t: true\ny: yes\ni: 42\nz: 01\nf: 0.8\nn: -3\n", "f");
  EXPECT_EQ(CoreBool(n["t"]), true);
  EXPECT_EQ(CoreBool(n["y"]), std::nullopt) << "`yes` is text in YAML 1.2";
  EXPECT_EQ(CoreInt(n["i"]), 42);
  EXPECT_EQ(CoreInt(n["n"]), -3);
  EXPECT_EQ(CoreInt(n["z"]), std::nullopt) << "`01` is not a core-schema integer";
  EXPECT_EQ(CoreFloat(n["f"]), 0.8);
  EXPECT_EQ(CoreFloat(n["y"]), std::nullopt);
}

}  // namespace
}  // namespace tiersight::base
