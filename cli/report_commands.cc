#include "cli/report_commands.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <map>
#include <optional>
#include <vector>

#include "base/durable_file.h"
#include "base/file_read.h"
#include "cli/html_page_check.h"
#include "cli/load_messages.h"
#include "core/audit_runner.h"
#include "core/bundle_session.h"
#include "core/pack_library.h"
#include "core/pack_selection.h"
#include "core/report_diff.h"
#include "exports/report_json.h"
#include "exports/report_pseudonyms.h"
#include "graph/bundle_digest.h"
#include "report/ed25519_keys.h"
#include "report/pseudonymizer.h"
#include "report/report_signature.h"

namespace tiersight::cli {
namespace {

// verify: everything that was checked is valid, but the HTML page could not
// be re-rendered, so the page itself was not checked.
constexpr int kPageNotRechecked = 3;

// The report (JSON or HTML) at `path`; false, once the reason is printed,
// when it cannot be read.
bool ReadReport(const std::string& path, std::string& out) {
  absl::StatusOr<std::string> text =
      base::ReadRegularFile(path, base::kMaxReportFileBytes, "a report");
  if (!text.ok()) {
    fmt::print(stderr, "tiersight: {}\n", std::string(text.status().message()));
    return false;
  }
  out = *std::move(text);
  return true;
}

bool LooksLikeHtml(std::string_view text) { return text.substr(0, 15) == "<!DOCTYPE html>"; }

// Makes the fresh report's agent ids comparable with the stated report's.
// Pseudonymised reports: with the pseudonym key, the fresh ids become the
// same pseudonyms; without it, the ids of both reports are masked, so that
// everything but the ids is still compared. Returns what to tell the user,
// or an error naming a key that is not the report's.
absl::StatusOr<std::string> AlignAgentIds(tiersight::v1::AuditReport& stated,
                                          tiersight::v1::AuditReport& fresh,
                                          const std::string& pseudonym_key) {
  const tiersight::v1::Provenance& p = stated.provenance();
  if (p.personal_data() != "pseudonymised") return std::string();
  if (pseudonym_key.empty()) {
    const auto mask = [](std::string_view) { return std::string("<agent>"); };
    exports::ReplaceAgentIds(stated, mask);
    exports::ReplaceAgentIds(fresh, mask);
    return fmt::format(
        "agent ids: pseudonymised (key id {}); everything but the ids was compared (give "
        "--pseudonym-key to compare the ids too)",
        p.pseudonym_key_id());
  }
  // A signing key file stands for the pseudonym key derived from it (the
  // audit's default when it was given --sign-key and no --pseudonym-key).
  absl::StatusOr<report::Ed25519PrivateKey> signing_key = report::ReadPrivateKey(pseudonym_key);
  absl::StatusOr<report::Pseudonymizer> pseudonymizer =
      signing_key.ok() ? report::Pseudonymizer::FromSigningKey(*signing_key)
                       : report::Pseudonymizer::FromKeyFile(pseudonym_key);
  if (!pseudonymizer.ok()) return pseudonymizer.status();
  if (pseudonymizer->KeyId() != p.pseudonym_key_id()) {
    return absl::InvalidArgumentError(fmt::format(
        "{}: this pseudonym key has key id {}; the report was pseudonymised with key id {}",
        pseudonym_key, pseudonymizer->KeyId(), p.pseudonym_key_id()));
  }
  exports::ReplaceAgentIds(fresh,
                           [&](std::string_view id) { return pseudonymizer->Pseudonym(id); });
  return fmt::format("agent ids: pseudonymised (key id {}); compared with the given pseudonym key",
                     p.pseudonym_key_id());
}

// How the report's audit chose its packs; a report made before audits said
// so ran exactly the packs it names.
absl::StatusOr<core::PackChoice> PackChoiceOf(const tiersight::v1::Provenance& provenance) {
  const std::string& name = provenance.pack_selection();
  if (name.empty()) return core::PackChoice::kNamed;
  for (core::PackChoice choice :
       {core::PackChoice::kByJurisdiction, core::PackChoice::kAll, core::PackChoice::kNamed}) {
    if (core::PackChoiceName(choice) == name) return choice;
  }
  return absl::InvalidArgumentError(
      fmt::format("the report's pack_selection \"{}\" is none this build knows", name));
}

// Everything the report's provenance says changed its findings, to run the
// audit again with: the lenient load, how the packs were chosen, the
// jurisdiction and every parameter's value (PackProvenance.params).
// INVALID_ARGUMENT naming what cannot be applied to `packs` again.
absl::StatusOr<core::AuditRunOptions> RerunOptionsOf(const tiersight::v1::AuditReport& stated,
                                                     const core::LoadedPacks& packs) {
  const tiersight::v1::Provenance& provenance = stated.provenance();
  absl::StatusOr<core::PackChoice> choice = PackChoiceOf(provenance);
  if (!choice.ok()) return choice.status();
  std::map<std::string, std::string> params;
  for (const tiersight::v1::PackProvenance& pack : provenance.packs()) {
    for (const tiersight::v1::ParamSetting& param : pack.params()) {
      // The shortest text that reads back to the same double.
      params[fmt::format("{}.{}", pack.name(), param.name())] = fmt::format("{}", param.value());
    }
  }
  if (absl::Status s = core::CheckParams(packs, params); !s.ok()) {
    return absl::InvalidArgumentError(fmt::format(
        "the report's parameters cannot be applied again: {}", std::string(s.message())));
  }
  return core::AuditRunOptions{.lenient = stated.load().lenient(),
                               .choice = *choice,
                               .jurisdiction = provenance.jurisdiction(),
                               .params = std::move(params)};
}

// "judge-cn.min_team=40 (default 3)" for each parameter the report's audit
// ran with another value than the pack's default: what verify applied that
// a plain audit would not.
std::vector<std::string> OverriddenParams(const tiersight::v1::Provenance& provenance) {
  std::vector<std::string> out;
  for (const tiersight::v1::PackProvenance& pack : provenance.packs()) {
    for (const tiersight::v1::ParamSetting& param : pack.params()) {
      if (param.value() == param.default_value()) continue;
      out.push_back(fmt::format("{}.{}={} (default {})", pack.name(), param.name(), param.value(),
                                param.default_value()));
    }
  }
  return out;
}

// What differs between `stated` and a fresh audit of `bundle` with the packs
// the report names (their digests checked too), their parameters, its
// jurisdiction and its choice of packs.
std::vector<std::string> CompareWithFreshAudit(tiersight::v1::AuditReport stated,
                                               const std::string& bundle,
                                               const std::string& pseudonym_key) {
  std::vector<std::string> differences;
  const tiersight::v1::Provenance& provenance = stated.provenance();
  std::vector<std::string> pack_names;
  for (const tiersight::v1::PackProvenance& p : provenance.packs()) pack_names.push_back(p.name());
  core::LoadedPacks packs = core::LoadPacks(pack_names);
  std::optional<core::AuditRun> run;
  // Why the audit cannot be run again, when it cannot.
  std::string not_rerun = "the rule packs the report names cannot be loaded again";
  if (packs.ok()) {
    absl::StatusOr<core::AuditRunOptions> options = RerunOptionsOf(stated, packs);
    if (options.ok()) {
      if (const std::vector<std::string> applied = OverriddenParams(provenance); !applied.empty()) {
        PrintStdout(
            fmt::format("parameters: rerun with the report's {}\n", fmt::join(applied, ", ")));
      }
      run = core::RunAudit(bundle, packs, *options);
    } else {
      not_rerun = std::string(options.status().message());
    }
  }
  // The fresh audit's load hashed the bundle as it read it; only a bundle no
  // audit read (refused, or no packs to run) is hashed on its own.
  std::string digest = run ? run->loaded.digest : "";
  if (digest.empty()) {
    absl::StatusOr<std::string> hashed = graph::BundleDigest(bundle);
    if (!hashed.ok()) return {std::string(hashed.status().message())};
    digest = *std::move(hashed);
  }
  if (provenance.bundle_digest() != digest) {
    differences.push_back(fmt::format("bundle digest: the report names {}, the bundle is {}",
                                      provenance.bundle_digest(), digest));
  }
  for (const auto& pack : packs.packs) {
    for (const tiersight::v1::PackProvenance& p : provenance.packs()) {
      if (p.name() == pack->name && p.sha256() != pack->sha256) {
        differences.push_back(
            fmt::format("rule pack {}: the report used SHA-256 {}, this one is {}", pack->name,
                        p.sha256(), pack->sha256));
      }
    }
  }
  if (!run) {
    differences.push_back(not_rerun);
    return differences;
  }
  if (!run->status.ok()) {
    differences.push_back(
        fmt::format("the bundle cannot be audited again: {}", std::string(run->status.message())));
    return differences;
  }
  absl::StatusOr<std::string> ids = AlignAgentIds(stated, run->report, pseudonym_key);
  if (!ids.ok()) {
    differences.push_back(std::string(ids.status().message()));
    return differences;
  }
  if (!ids->empty()) PrintStdout(*ids + "\n");
  for (std::string& d : core::DiffAuditReports(stated, run->report))
    differences.push_back(std::move(d));
  return differences;
}

}  // namespace

int RunKeygenCommand(const std::string& name) {
  absl::StatusOr<report::Ed25519PrivateKey> key = report::GenerateEd25519Key();
  absl::Status written = key.ok() ? report::WriteKeyPair(*key, name) : key.status();
  if (!written.ok()) {
    fmt::print(stderr, "tiersight: {}\n", std::string(written.message()));
    return 1;
  }
  PrintStdout(fmt::format("{}.key (private, keep it) and {}.pub written; key id {}\n", name, name,
                          report::KeyId(key->public_key)));
  return 0;
}

int RunSignCommand(const std::string& report_path, const std::string& key_path,
                   const std::string& out) {
  std::string json;
  if (!ReadReport(report_path, json)) return 1;
  absl::StatusOr<report::Ed25519PrivateKey> key = report::ReadPrivateKey(key_path);
  absl::StatusOr<std::string> signed_json =
      key.ok() ? report::SignReport(json, *key) : absl::StatusOr<std::string>(key.status());
  if (!signed_json.ok()) {
    fmt::print(stderr, "tiersight: {}: {}\n", report_path,
               std::string(signed_json.status().message()));
    return 1;
  }
  base::AtomicFile file(out.empty() ? report_path : out);
  absl::Status s = file.Open();
  if (s.ok()) {
    file.Write(*signed_json);
    file.Write("\n");
    s = file.Commit();
  }
  if (!s.ok()) {
    fmt::print(stderr, "tiersight: {}\n", std::string(s.message()));
    return 1;
  }
  return 0;
}

int RunVerifyCommand(const std::string& report_path, const std::string& pubkey_path,
                     const std::string& bundle, const std::string& pseudonym_key) {
  std::string json;
  if (!ReadReport(report_path, json)) return 1;
  absl::StatusOr<report::Ed25519PublicKey> key = report::ReadPublicKey(pubkey_path);
  if (!key.ok()) {
    fmt::print(stderr, "tiersight: {}\n", std::string(key.status().message()));
    return 1;
  }
  // An HTML report is checked through the signed JSON it embeds, and the
  // page must be exactly what that JSON renders to: nothing visible can have
  // been edited without the check failing. A page this build cannot render
  // is said to be unchecked, not edited.
  std::optional<HtmlPageCheck> page;
  if (LooksLikeHtml(json)) {
    absl::StatusOr<HtmlPageCheck> checked = CheckHtmlPage(json);
    if (!checked.ok()) {
      fmt::print(stderr, "tiersight: {}: {}\n", report_path,
                 std::string(checked.status().message()));
      return 1;
    }
    page = std::move(*checked);
    json = page->signed_json;
  }
  const report::ReportVerification v = report::VerifyReport(json, *key);
  PrintStdout(fmt::format("signature: {}\n", v.message));
  if (page) PrintStdout(fmt::format("page: {}\n", page->message));
  const int passed = page && !page->rechecked ? kPageNotRechecked : 0;
  if (bundle.empty()) return v.ok() ? passed : 1;

  // Compared even when the signature fails, to say what was changed.
  absl::StatusOr<tiersight::v1::AuditReport> stated = exports::ParseReportJson(json);
  if (!stated.ok()) {
    PrintStdout(fmt::format("differs: {} is not an audit report: {}\n", report_path,
                            std::string(stated.status().message())));
    return 1;
  }
  const std::vector<std::string> differences =
      CompareWithFreshAudit(std::move(*stated), bundle, pseudonym_key);
  for (const std::string& d : differences) PrintStdout(fmt::format("differs: {}\n", d));
  if (differences.empty()) {
    PrintStdout("bundle, figures, findings and judgement: match a fresh audit\n");
  }
  return v.ok() && differences.empty() ? passed : 1;
}

}  // namespace tiersight::cli
