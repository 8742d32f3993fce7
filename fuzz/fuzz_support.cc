#include "fuzz/fuzz_support.h"

#include <openssl/evp.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>

#include "core/audit_runner.h"
#include "exports/report_json.h"
#include "graph/bundle_files.h"
#include "graph/bundle_reader.h"
#include "graph/csv_reader.h"
#include "rules/pack_reader.h"
#include "rules/rule_compiler.h"

namespace tiersight::fuzz {
namespace {

namespace fs = std::filesystem;

std::string ReadWhole(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "fuzz: cannot read %s\n", path.c_str());
    std::abort();
  }
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The whole text through the record reader on its own, as CsvTable reads
// it once the encoding is known (it never sees a byte-order mark).
void ReadAllRecords(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  graph::CsvReader reader(text);
  graph::CsvRecord record;
  int64_t last_line = 0;
  while (reader.Next(record)) {
    TIERSIGHT_FUZZ_CHECK(record.line > last_line);
    TIERSIGHT_FUZZ_CHECK(reader.offset() <= text.size());
    last_line = record.line;
  }
}

}  // namespace

void CheckFailed(const char* condition, const char* file, int line) {
  std::fprintf(stderr, "%s:%d: fuzz invariant failed: %s\n", file, line, condition);
  std::abort();
}

void QuietLogs() { spdlog::set_level(spdlog::level::off); }

fs::path SourceDir() { return TIERSIGHT_SOURCE_DIR; }

const fs::path& ScratchDir() {
  static const fs::path* dir = [] {
    std::error_code ec;
    fs::path base = fs::is_directory("/dev/shm", ec) && access("/dev/shm", W_OK) == 0
                        ? fs::path("/dev/shm")
                        : fs::temp_directory_path();
    std::string pattern = (base / "tiersight-fuzz-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
      std::perror("fuzz: mkdtemp");
      std::abort();
    }
    auto* path = new fs::path(pattern);
    std::atexit([] {
      std::error_code ignored;
      fs::remove_all(*dir, ignored);
    });
    return path;
  }();
  return *dir;
}

void WriteFile(const fs::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) {
    std::fprintf(stderr, "fuzz: cannot write %s\n", path.c_str());
    std::abort();
  }
}

const core::LoadedPacks& ShippedPacks() {
  static const core::LoadedPacks* packs = [] {
    auto* loaded = new core::LoadedPacks(
        core::LoadPacks(core::PackPathsIn((SourceDir() / "rules" / "packs").string())));
    if (!loaded->ok() || loaded->compiled.empty()) {
      std::fprintf(stderr, "fuzz: the shipped packs do not compile\n");
      std::abort();
    }
    return loaded;
  }();
  return *packs;
}

const report::Ed25519PrivateKey& FuzzKey() {
  static const report::Ed25519PrivateKey* key = [] {
    // PKCS#8 of an Ed25519 seed: a fixed DER prefix, then the 32 bytes.
    std::string der("\x30\x2e\x02\x01\x00\x30\x05\x06\x03\x2b\x65\x70\x04\x22\x04\x20", 16);
    for (char b = 1; b <= 32; ++b) der += b;
    std::string pem(4 * ((der.size() + 2) / 3) + 1, '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(pem.data()),
                                  reinterpret_cast<const unsigned char*>(der.data()),
                                  static_cast<int>(der.size()));
    pem.resize(static_cast<size_t>(n));
    const fs::path path = ScratchDir() / "fuzz.key";
    WriteFile(path, "-----BEGIN PRIVATE KEY-----\n" + pem + "\n-----END PRIVATE KEY-----\n");
    // The key reader refuses a private key others can read.
    fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write);
    absl::StatusOr<report::Ed25519PrivateKey> read = report::ReadPrivateKey(path.string());
    if (!read.ok()) {
      std::fprintf(stderr, "fuzz: %s\n", std::string(read.status().message()).c_str());
      std::abort();
    }
    return new report::Ed25519PrivateKey(*read);
  }();
  return *key;
}

const fs::path& FixedBundleDir() {
  static const fs::path* dir = [] {
    auto* path = new fs::path(ScratchDir() / "bundle");
    fs::create_directories(*path);
    for (std::string_view name : graph::kBundleFiles) {
      WriteFile(*path / name, ReadWhole(SourceDir() / "fuzz" / "bundle" / name));
    }
    return path;
  }();
  return *dir;
}

void FuzzBundleFile(std::string_view file, std::string_view bytes) {
  const fs::path& dir = FixedBundleDir();
  if (file != graph::kNetworkFile) ReadAllRecords(bytes);
  WriteFile(dir / file, bytes);

  const graph::LoadedBundle strict =
      graph::LoadBundle(dir.string(), graph::LoadOptions{.lenient = false});
  TIERSIGHT_FUZZ_CHECK(strict.report.refused == (strict.network == nullptr));
  TIERSIGHT_FUZZ_CHECK(strict.report.refused == strict.digest.empty());
  // A refusal always says why.
  TIERSIGHT_FUZZ_CHECK(!strict.report.refused || !strict.report.errors.empty());

  const core::AuditRun run =
      core::RunAudit(dir.string(), ShippedPacks(), core::AuditRunOptions{.lenient = true});
  const graph::LoadReport& lenient = run.loaded.bundle.report;
  TIERSIGHT_FUZZ_CHECK(lenient.refused == strict.report.refused);
  TIERSIGHT_FUZZ_CHECK(run.loaded.digest == strict.digest);
  // Whatever a strict load accepts, a lenient one accepts too.
  if (strict.report.Usable()) {
    TIERSIGHT_FUZZ_CHECK(lenient.TotalRejected() == 0);
    TIERSIGHT_FUZZ_CHECK(lenient.TotalLoaded() == strict.report.TotalLoaded());
  }
  if (run.status.ok()) {
    // An exported report reads back as the same report (what verify reads).
    const std::string json = exports::ReportJson(run.report);
    absl::StatusOr<tiersight::v1::AuditReport> parsed = exports::ParseReportJson(json);
    TIERSIGHT_FUZZ_CHECK(parsed.ok());
    TIERSIGHT_FUZZ_CHECK(exports::ReportJson(*parsed) == json);
  }
}

void FuzzPackText(std::string_view yaml) {
  std::vector<rules::Diagnostic> diagnostics;
  std::optional<rules::RulePack> pack = rules::ReadRulePackText(yaml, "fuzz.yaml", diagnostics);
  if (!pack) {
    TIERSIGHT_FUZZ_CHECK(!diagnostics.empty());
    for (const rules::Diagnostic& d : diagnostics) (void)d.ToString();
    return;
  }
  auto shared = std::make_shared<const rules::RulePack>(*std::move(pack));
  std::optional<rules::CompiledPack> compiled = rules::CompilePack(shared, diagnostics);
  if (!compiled) {
    TIERSIGHT_FUZZ_CHECK(!diagnostics.empty());
    return;
  }
  core::LoadedPacks packs;
  packs.packs.push_back(shared);
  packs.compiled.push_back(*std::move(compiled));
  const core::AuditRun run =
      core::RunAudit(FixedBundleDir().string(), packs, core::AuditRunOptions{});
  TIERSIGHT_FUZZ_CHECK(run.status.ok());
}

}  // namespace tiersight::fuzz
