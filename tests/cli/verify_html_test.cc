// `tiersight verify` of signed HTML reports: a page of this build's renderer
// is re-rendered and must be identical; a page of another renderer version,
// or in a language this build lacks, is said to be unchecked (exit 3) and
// never called edited.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "base/str_cat.h"
#include "cli/report_commands.h"
#include "exports/html_report.h"
#include "exports/report_export.h"
#include "exports/report_json.h"
#include "exports/report_languages.h"
#include "report/ed25519_keys.h"
#include "report/report_signature.h"
#include "tests/graph/bundle_test_util.h"

namespace tiersight::cli {
namespace {

namespace v1 = tiersight::v1;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr int kPageNotRechecked = 3;

v1::AuditReport SmallReport() {
  v1::AuditReport r;
  r.mutable_bundle()->set_name("Brand Q3");
  r.mutable_bundle()->set_currency("CNY");
  r.mutable_bundle()->set_as_of("2026-09-30");
  r.mutable_network()->set_participants(12);
  v1::LevelFigures* level = r.add_levels();
  level->set_depth(1);
  level->set_agents(12);
  level->set_units_on_hand(340);
  r.mutable_provenance()->set_engine_version("0.5.0");
  r.mutable_provenance()->set_as_of("2026-09-30");
  return r;
}

struct Verified {
  int exit = -1;
  std::string out;
  std::string err;
};

class VerifyHtmlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<report::Ed25519PrivateKey> key = report::GenerateEd25519Key();
    ASSERT_TRUE(key.ok()) << key.status();
    key_ = *key;
    ASSERT_TRUE(report::WriteKeyPair(key_, dir_.path("brand")).ok());
  }

  // The page `tiersight audit --out x.html --sign-key` writes today.
  std::string CurrentPage(const std::string& lang) {
    absl::StatusOr<std::vector<exports::ExportedFile>> files =
        exports::ExportReport(SmallReport(), {.format = exports::ExportFormat::kHtml,
                                              .lang = lang,
                                              .include_personal_data = true,
                                              .reproducible = true,
                                              .signing_key = &key_});
    EXPECT_TRUE(files.ok()) << files.status();
    return files.ok() ? files->front().data : std::string();
  }

  // A signed page as a build whose renderer has `version` would have made
  // it (none: a build from before pages named their renderer).
  std::string PageOfRenderer(std::optional<std::string> version) {
    v1::AuditReport report = SmallReport();
    report.mutable_provenance()->set_personal_data("included");
    if (version) report.mutable_provenance()->set_html_renderer(*version);
    absl::StatusOr<std::string> json = report::SignReport(exports::ReportJson(report), key_);
    EXPECT_TRUE(json.ok()) << json.status();
    absl::StatusOr<std::string> html =
        exports::RenderHtmlReport(report, {.lang = "zh", .signed_json = *json + "\n"});
    EXPECT_TRUE(html.ok()) << html.status();
    return html.ok() ? *html : std::string();
  }

  Verified Verify(const std::string& html) {
    dir_.Write("report.html", html);
    Verified v;
    ::testing::internal::CaptureStdout();
    ::testing::internal::CaptureStderr();
    v.exit = RunVerifyCommand(dir_.path("report.html"), dir_.path("brand.pub"), "");
    v.out = ::testing::internal::GetCapturedStdout();
    v.err = ::testing::internal::GetCapturedStderr();
    return v;
  }

  testing::TempBundle dir_;  // keys and pages
  report::Ed25519PrivateKey key_;
};

// Replaces the first `from` in `html` by `to`.
std::string Edited(std::string html, std::string_view from, std::string_view to) {
  const size_t at = html.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) html.replace(at, from.size(), to);
  return html;
}

TEST_F(VerifyHtmlTest, APageOfEveryLanguageIsReRenderedAndMatches) {
  for (const std::string& lang : exports::ReportLanguages()) {
    const Verified v = Verify(CurrentPage(lang));
    EXPECT_EQ(v.exit, 0) << lang << "\n" << v.out << v.err;
    EXPECT_THAT(v.out, HasSubstr("signature: signature valid")) << lang;
    EXPECT_THAT(v.out, HasSubstr("page: identical to what its signed JSON renders to")) << lang;
  }
}

TEST_F(VerifyHtmlTest, AnEditedPageOfThisRendererFails) {
  const Verified v = Verify(Edited(CurrentPage("en"), "<dd>12</dd>", "<dd>13</dd>"));
  EXPECT_EQ(v.exit, 1);
  EXPECT_THAT(v.err, HasSubstr("edited after it was exported"));
}

TEST_F(VerifyHtmlTest, APageOfAnotherRendererIsNotReCheckedAndNotCalledEdited) {
  // Another renderer lays the page out otherwise: its bytes are not this
  // build's, which must not read as an edit.
  const Verified v = Verify(Edited(PageOfRenderer("0"), "<main>", "<main class=\"v0\">"));
  EXPECT_EQ(v.exit, kPageNotRechecked) << v.out << v.err;
  EXPECT_THAT(v.out, HasSubstr("signature: signature valid"));
  EXPECT_THAT(v.out, HasSubstr(StrCat("page: not re-checked: this build renders version ",
                                      exports::kHtmlRendererVersion,
                                      " of the HTML report's pages and cannot re-render a page "
                                      "of version 0, so the page's text and charts were not "
                                      "compared")));
  EXPECT_THAT(v.out + v.err, Not(HasSubstr("edited")));
}

TEST_F(VerifyHtmlTest, APageFromBeforeRendererVersionsIsNotReChecked) {
  const Verified v = Verify(PageOfRenderer(std::nullopt));
  EXPECT_EQ(v.exit, kPageNotRechecked) << v.out << v.err;
  EXPECT_THAT(v.out, HasSubstr("cannot re-render a page made before pages named their renderer"));
  EXPECT_THAT(v.out + v.err, Not(HasSubstr("edited")));
}

TEST_F(VerifyHtmlTest, AnotherRenderersPageWithABrokenSignatureFails) {
  const Verified v =
      Verify(Edited(PageOfRenderer("0"), "\"participants\":12", "\"participants\":13"));
  EXPECT_EQ(v.exit, 1) << v.out << v.err;
  EXPECT_THAT(v.out, HasSubstr("changed after signing"));
  EXPECT_THAT(v.out, HasSubstr("page: not re-checked"));
}

TEST_F(VerifyHtmlTest, APageInALanguageThisBuildLacksIsNotReChecked) {
  const std::string page = CurrentPage("zh");
  const Verified v = Verify(Edited(page, "<html lang=\"zh-CN\">", "<html lang=\"fr\">"));
  EXPECT_EQ(v.exit, kPageNotRechecked) << v.out << v.err;
  EXPECT_THAT(v.out, HasSubstr("page: not re-checked: the page is in language \"fr\""));
  for (const std::string& lang : exports::ReportLanguages()) EXPECT_THAT(v.out, HasSubstr(lang));
  EXPECT_THAT(v.out + v.err, Not(HasSubstr("edited")));
}

}  // namespace
}  // namespace tiersight::cli
