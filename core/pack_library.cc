#include "core/pack_library.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "base/str_cat.h"
#include "rules/pack_reader.h"

namespace tiersight::core {

namespace fs = std::filesystem;

std::string ShippedPacksDir() {
  if (const char* env = std::getenv("TIERSIGHT_PACKS_DIR"); env != nullptr && *env != '\0') {
    return env;
  }
  return TIERSIGHT_SHIPPED_PACKS_DIR;
}

std::vector<std::string> ShippedPackPaths() { return PackPathsIn(ShippedPacksDir()); }

std::vector<std::string> PackPathsIn(const std::string& dir) {
  std::vector<std::string> paths;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".yaml") paths.push_back(entry.path().string());
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

bool IsPackPath(const std::string& name_or_path) {
  std::error_code ec;
  return name_or_path.find('/') != std::string::npos || fs::exists(name_or_path, ec);
}

std::string ResolvePack(const std::string& name_or_path) {
  if (IsPackPath(name_or_path)) return name_or_path;
  return (fs::path(ShippedPacksDir()) / (name_or_path + ".yaml")).string();
}

std::vector<std::string> ShippedPackNames() {
  std::vector<std::string> names;
  for (const std::string& path : ShippedPackPaths()) names.push_back(fs::path(path).stem());
  return names;
}

absl::Status CheckShippedPackNames(const std::vector<std::string>& names_or_paths) {
  for (const std::string& name : names_or_paths) {
    std::error_code ec;
    if (IsPackPath(name) || fs::is_regular_file(ResolvePack(name), ec)) continue;
    const std::vector<std::string> shipped = ShippedPackNames();
    return absl::NotFoundError(StrCat("unknown pack '", name, "': the shipped packs are ",
                                      shipped.empty() ? "none" : StrJoin(shipped, ", "),
                                      "; a pack file is given by its path"));
  }
  return absl::OkStatus();
}

namespace {

void AddPack(std::shared_ptr<const rules::RulePack> pack, LoadedPacks& out) {
  for (const auto& other : out.packs) {
    if (other->name == pack->name) {
      out.diagnostics.push_back(
          {rules::Location{pack->file, 1, 1}, "", "pack '" + pack->name + "' is given twice"});
    }
  }
  out.packs.push_back(std::move(pack));
}

void AddPack(std::optional<rules::RulePack> pack, LoadedPacks& out) {
  if (pack) AddPack(std::make_shared<const rules::RulePack>(std::move(*pack)), out);
}

// Compiles the packs from `first` on.
void CompileFrom(size_t first, LoadedPacks& out) {
  for (size_t i = first; i < out.packs.size(); ++i) {
    std::optional<rules::CompiledPack> compiled = rules::CompilePack(out.packs[i], out.diagnostics);
    if (compiled) out.compiled.push_back(std::move(*compiled));
  }
}

}  // namespace

std::optional<rules::RulePack> ReadInlinePack(const InlinePack& inline_pack,
                                              std::vector<rules::Diagnostic>& diagnostics) {
  const std::string file = inline_pack.file.empty() ? "inline.yaml" : inline_pack.file;
  std::optional<rules::RulePack> pack =
      rules::ReadRulePackText(inline_pack.yaml, file, diagnostics);
  // A test's bundle path is relative to a pack file that never existed.
  if (pack) pack->tests.clear();
  return pack;
}

LoadedPacks LoadPacks(const std::vector<std::string>& names_or_paths) {
  std::vector<std::string> paths;
  if (names_or_paths.empty()) {
    paths = ShippedPackPaths();
  } else {
    for (const std::string& p : names_or_paths) paths.push_back(ResolvePack(p));
  }
  return LoadPacks(paths, {});
}

LoadedPacks LoadPacks(const std::vector<std::string>& paths,
                      const std::vector<InlinePack>& inline_packs) {
  LoadedPacks out;
  for (const std::string& path : paths) AddPack(rules::ReadRulePack(path, out.diagnostics), out);
  for (const InlinePack& pack : inline_packs) AddPack(ReadInlinePack(pack, out.diagnostics), out);
  CompileFrom(0, out);
  return out;
}

LoadedPacks LoadPacks(const LoadedPacks& compiled, const std::vector<size_t>& picked,
                      const std::vector<InlinePack>& inline_packs) {
  LoadedPacks out;
  for (size_t i : picked) {
    AddPack(compiled.packs[i], out);
    out.compiled.push_back(compiled.compiled[i]);
  }
  const size_t first_inline = out.packs.size();
  for (const InlinePack& pack : inline_packs) AddPack(ReadInlinePack(pack, out.diagnostics), out);
  CompileFrom(first_inline, out);
  return out;
}

}  // namespace tiersight::core
