// The inputs the fuzz targets (fuzz/) found bugs with, kept byte for byte in
// tests/fuzz/inputs/TARGET/, each fed to the entry point its fuzzer drives;
// each test is named after what was found and asserts the behaviour of the
// fix.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>

#include "base/yaml_errors.h"
#include "graph/bundle_reader.h"
#include "rules/pack_reader.h"
#include "services/server_options.h"
#include "tests/graph/bundle_test_util.h"

namespace tiersight {
namespace {

using ::testing::HasSubstr;

std::string Input(const std::string& name) {
  std::ifstream in(std::string(TIERSIGHT_FUZZ_INPUTS_DIR) + "/" + name, std::ios::binary);
  EXPECT_TRUE(in) << name;
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// server_options found it: yaml-cpp 0.7 reads a `,` outside [ ] or { } as
// the start of one empty document after another, so YAML::LoadAll never
// returned and grew until memory ran out. Every YAML reader goes through
// base::LoadYamlDocument, which now refuses the `,` where it stands.
TEST(YamlFuzzRegression, CommaOutsideFlowCollectionIsRefusedWhereItStands) {
  const std::string found = Input("server_options/comma-outside-flow-collection");
  ASSERT_EQ(found, ",illis\b");
  absl::StatusOr<services::ServerOptions> options =
      services::ParseServerOptions(found, "tiersightd.yaml");
  ASSERT_FALSE(options.ok());
  EXPECT_EQ(options.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(options.status().message(),
              HasSubstr("tiersightd.yaml:1:1: a `,` outside a flow collection"));
}

TEST(YamlFuzzRegression, CommaAfterADocumentIsRefusedInEveryReader) {
  for (const std::string text : {",", " ,\n", "- a\n,", "\"a\",", "--- ,", "&a ,"}) {
    absl::StatusOr<YAML::Node> node = base::LoadYamlDocument(text, "f.yaml");
    ASSERT_FALSE(node.ok()) << text;
    EXPECT_THAT(node.status().message(), HasSubstr("a `,` outside a flow collection")) << text;
  }
  // A rule pack sent inline to the server.
  std::vector<rules::Diagnostic> diagnostics;
  EXPECT_FALSE(rules::ReadRulePackText("pack: p\n- a\n,", "inline.yaml", diagnostics));
  ASSERT_FALSE(diagnostics.empty());
  // network.yaml of a bundle.
  testing::TempBundle bundle;
  bundle.Write("agents.csv", "agent_id,sponsor_id\nA1,\n").Write("network.yaml", "- a\n,");
  graph::LoadedBundle loaded = testing::Load(bundle);
  EXPECT_TRUE(loaded.report.refused);
  ASSERT_FALSE(loaded.report.errors.empty());
  EXPECT_THAT(loaded.report.errors[0].reason, HasSubstr("a `,` outside a flow collection"));
}

// Commas inside flow collections and scalars are what they always were.
TEST(YamlFuzzRegression, CommasInsideFlowCollectionsAndScalarsStillRead) {
  absl::StatusOr<YAML::Node> node =
      base::LoadYamlDocument("a: [1, 2]\nb: {c: 3, d: 4}\ne: x, y\n", "f.yaml");
  ASSERT_TRUE(node.ok()) << node.status();
  EXPECT_EQ((*node)["a"].size(), 2u);
  EXPECT_EQ((*node)["e"].Scalar(), "x, y");
}

}  // namespace
}  // namespace tiersight
