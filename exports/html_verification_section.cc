// 7. How a recipient checks the report: who signed it (the key's id and
// fingerprint, as the signature block states them), the digests, the exact
// commands, and the report id that every printed page carries in its
// footer so that a paper copy is tied to its signed original.
#include <string_view>

#include "base/str_cat.h"
#include "exports/html_blocks.h"
#include "exports/html_escape.h"
#include "exports/html_sections.h"
#include "report/report_signature.h"

namespace tiersight::exports {
namespace {

namespace v1 = tiersight::v1;

std::string Command(std::string_view text) {
  return StrCat("<pre><code>", EscapeHtml(text), "</code></pre>\n");
}

// The bundle files the digest covers, in the format's order.
std::vector<const v1::FileLoadCounts*> HashedFiles(const v1::AuditReport& report) {
  std::vector<const v1::FileLoadCounts*> files;
  for (const v1::FileLoadCounts& f : report.load().files()) {
    if (f.present() && !f.sha256().empty()) files.push_back(&f);
  }
  return files;
}

}  // namespace

std::string VerificationSection(const Context& ctx, std::string_view signed_json) {
  const ReportLabels& l = ctx.labels;
  const v1::AuditReport& r = ctx.report;
  std::string out = OpenSection("verify", 9, l.verify);
  Facts facts;
  if (!r.provenance().report_id().empty())
    facts.emplace_back(l.report_id, r.provenance().report_id());
  if (!signed_json.empty()) {
    const report::SignatureClaims claims = report::SignatureClaimsOf(signed_json);
    facts.emplace_back(l.signer_key_id, claims.key_id);
    if (!claims.public_key_sha256.empty()) {
      facts.emplace_back(l.signer_fingerprint, claims.public_key_sha256);
    }
  }
  facts.emplace_back(l.bundle_digest, r.bundle().digest());
  const std::vector<const v1::FileLoadCounts*> files = HashedFiles(r);
  for (const v1::FileLoadCounts* f : files) {
    facts.emplace_back(StrCat("SHA-256 ", f->file()), f->sha256());
  }
  out += RenderFacts(facts);

  if (!signed_json.empty()) {
    out += StrCat("<p>", EscapeHtml(l.verify_signature_step), "</p>\n",
                  Command("tiersight verify report.html --pubkey brand.pub"));
  } else {
    out += StrCat("<p>", EscapeHtml(l.no_embedded_json), "</p>\n");
  }
  if (!files.empty()) {
    std::string names;
    for (const v1::FileLoadCounts* f : files) StrAppend(names, " ", f->file());
    out += StrCat("<p>", EscapeHtml(l.verify_digest_step), "</p>\n",
                  Command(StrCat("sha256sum", names, " | sha256sum")));
  }
  out += StrCat(
      "<p>", EscapeHtml(l.verify_bundle_step), "</p>\n",
      Command(StrCat("tiersight verify ", signed_json.empty() ? "report.json" : "report.html",
                     " --pubkey brand.pub --bundle BUNDLE")),
      "<p class=\"note\">", EscapeHtml(l.verify_key_note), "</p>\n</section>\n");
  return out;
}

std::string PrintFooterText(const Context& ctx) {
  const v1::AuditReport& r = ctx.report;
  std::string out;
  if (!r.provenance().report_id().empty()) {
    out = StrCat(ctx.labels.report_id, " ", r.provenance().report_id(), " · ");
  }
  return StrCat(out, ctx.labels.bundle_digest, " ", r.bundle().digest());
}

}  // namespace tiersight::exports
