#include "services/report_commands.h"

#include <fmt/format.h>
#include <google/protobuf/struct.pb.h>

#include <fstream>
#include <sstream>
#include <vector>

#include "graph/bundle_digest.h"
#include "report/canonical_json.h"
#include "report/ed25519_keys.h"
#include "report/report_signature.h"
#include "rules/evaluator.h"
#include "services/atomic_file.h"
#include "services/audit_proto.h"
#include "services/bundle_session.h"
#include "services/figures_proto.h"
#include "services/pack_library.h"

namespace tiersight::services {
namespace {

namespace pb = google::protobuf;

bool ReadFile(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream s;
  s << in.rdbuf();
  out = s.str();
  return true;
}

const pb::Value* Member(const pb::Value& object, const std::string& key) {
  if (object.kind_case() != pb::Value::kStructValue) return nullptr;
  const auto& fields = object.struct_value().fields();
  auto it = fields.find(key);
  return it == fields.end() ? nullptr : &it->second;
}

std::string Text(const pb::Value* v) {
  return v != nullptr && v->kind_case() == pb::Value::kStringValue ? v->string_value() : "";
}

// Says how two findings lists differ, or "" when they are the same.
std::string CompareFindings(const pb::Value* stated, const pb::Value* fresh) {
  const int n_stated = stated ? stated->list_value().values_size() : 0;
  const int n_fresh = fresh ? fresh->list_value().values_size() : 0;
  for (int i = 0; i < std::min(n_stated, n_fresh); ++i) {
    const pb::Value& a = stated->list_value().values(i);
    const pb::Value& b = fresh->list_value().values(i);
    if (report::CanonicalJson(a) == report::CanonicalJson(b)) continue;
    const std::string id = Text(Member(b, "rule_id"));
    for (const char* field : {"rule_id", "subjects", "message", "values", "severity", "evidence"}) {
      const pb::Value* x = Member(a, field);
      const pb::Value* y = Member(b, field);
      if ((x == nullptr) != (y == nullptr) ||
          (x != nullptr && report::CanonicalJson(*x) != report::CanonicalJson(*y))) {
        return fmt::format("finding {} ({}) differs in `{}`", i + 1, id, field);
      }
    }
    return fmt::format("finding {} ({}) differs", i + 1, id);
  }
  if (n_stated != n_fresh) {
    return fmt::format("the report has {} findings; a fresh audit gives {}", n_stated, n_fresh);
  }
  return "";
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
  if (!ReadFile(report_path, json)) {
    fmt::print(stderr, "tiersight: cannot read {}\n", report_path);
    return 1;
  }
  absl::StatusOr<report::Ed25519PrivateKey> key = report::ReadPrivateKey(key_path);
  absl::StatusOr<std::string> signed_json =
      key.ok() ? report::SignReport(json, *key) : absl::StatusOr<std::string>(key.status());
  if (!signed_json.ok()) {
    fmt::print(stderr, "tiersight: {}: {}\n", report_path, std::string(signed_json.status().message()));
    return 1;
  }
  AtomicFile file(out.empty() ? report_path : out);
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
                     const std::string& bundle) {
  std::string json;
  if (!ReadFile(report_path, json)) {
    fmt::print(stderr, "tiersight: cannot read {}\n", report_path);
    return 1;
  }
  absl::StatusOr<report::Ed25519PublicKey> key = report::ReadPublicKey(pubkey_path);
  if (!key.ok()) {
    fmt::print(stderr, "tiersight: {}\n", std::string(key.status().message()));
    return 1;
  }
  const report::ReportVerification v = report::VerifyReport(json, *key);
  PrintStdout(fmt::format("signature: {}\n", v.message));
  if (!v.ok()) return 1;
  if (bundle.empty()) return 0;

  absl::StatusOr<pb::Value> stated = report::ParseJson(json);
  if (!stated.ok()) return 1;
  std::vector<std::string> differences;
  const pb::Value* provenance = Member(*stated, "provenance");
  absl::StatusOr<std::string> digest = graph::BundleDigest(bundle);
  if (!digest.ok()) {
    fmt::print(stderr, "tiersight: {}\n", std::string(digest.status().message()));
    return 1;
  }
  if (Text(Member(*provenance, "bundle_digest")) != *digest) {
    differences.push_back(fmt::format("bundle digest: the report names {}, the bundle is {}",
                                      Text(Member(*provenance, "bundle_digest")), *digest));
  }
  // Rerun the audit with the packs the report names, checking their digests.
  std::vector<std::string> pack_names;
  if (const pb::Value* packs = Member(*provenance, "packs")) {
    for (const pb::Value& p : packs->list_value().values()) pack_names.push_back(Text(Member(p, "name")));
  }
  LoadedPacks packs = LoadPacks(pack_names);
  for (const auto& pack : packs.packs) {
    for (const pb::Value& p : Member(*provenance, "packs")->list_value().values()) {
      if (Text(Member(p, "name")) == pack->name && Text(Member(p, "sha256")) != pack->sha256) {
        differences.push_back(fmt::format("rule pack {}: the report used SHA-256 {}, this one is {}",
                                          pack->name, Text(Member(p, "sha256")), pack->sha256));
      }
    }
  }
  const pb::Value* load = Member(*stated, "load");
  const bool lenient = load != nullptr && Member(*load, "lenient") != nullptr &&
                       Member(*load, "lenient")->bool_value();
  LoadedWithDigest loaded = LoadWithDigest(bundle, lenient);
  if (!packs.ok() || !loaded.bundle.report.Usable()) {
    differences.push_back("the bundle or the packs cannot be audited again");
  } else {
    std::optional<graph::Figures> figures = ComputeFiguresOrExplain(*loaded.bundle.network);
    if (!figures) return 1;
    std::vector<rules::Finding> findings =
        rules::Evaluate(packs.compiled, *loaded.bundle.network, *figures);
    absl::StatusOr<pb::Value> fresh = report::ParseJson(ToJson(AuditReportToProto(
        FiguresReportToProto(loaded.bundle.network.get(), &*figures, loaded.bundle.report,
                             loaded.digest),
        findings, packs)));
    if (!fresh.ok()) return 1;
    for (const char* section : {"network", "levels", "tiers"}) {
      const pb::Value* a = Member(*stated, section);
      const pb::Value* b = Member(*fresh, section);
      if (a == nullptr || b == nullptr || report::CanonicalJson(*a) != report::CanonicalJson(*b)) {
        differences.push_back(fmt::format("the `{}` figures differ from a fresh computation", section));
      }
    }
    if (std::string d = CompareFindings(Member(*stated, "findings"), Member(*fresh, "findings"));
        !d.empty()) {
      differences.push_back(d);
    }
  }
  for (const std::string& d : differences) PrintStdout(fmt::format("differs: {}\n", d));
  if (differences.empty()) PrintStdout("bundle, figures and findings: match a fresh audit\n");
  return differences.empty() ? 0 : 1;
}

}  // namespace tiersight::services
