#include "services/pack_library.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "rules/pack_reader.h"

namespace tiersight::services {

namespace fs = std::filesystem;

std::string ShippedPacksDir() {
  if (const char* env = std::getenv("TIERSIGHT_PACKS_DIR"); env != nullptr && *env != '\0') {
    return env;
  }
  return TIERSIGHT_SHIPPED_PACKS_DIR;
}

std::vector<std::string> ShippedPackPaths() {
  std::vector<std::string> paths;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(ShippedPacksDir(), ec)) {
    if (entry.path().extension() == ".yaml") paths.push_back(entry.path().string());
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

std::string ResolvePack(const std::string& name_or_path) {
  std::error_code ec;
  if (name_or_path.find('/') != std::string::npos || fs::exists(name_or_path, ec)) {
    return name_or_path;
  }
  return (fs::path(ShippedPacksDir()) / (name_or_path + ".yaml")).string();
}

LoadedPacks LoadPacks(const std::vector<std::string>& names_or_paths) {
  LoadedPacks out;
  std::vector<std::string> paths;
  if (names_or_paths.empty()) {
    paths = ShippedPackPaths();
  } else {
    for (const std::string& p : names_or_paths) paths.push_back(ResolvePack(p));
  }
  for (const std::string& path : paths) {
    std::optional<rules::RulePack> pack = rules::ReadRulePack(path, out.diagnostics);
    if (!pack) continue;
    for (const auto& other : out.packs) {
      if (other->name == pack->name) {
        out.diagnostics.push_back({rules::Location{path, 1, 1}, "",
                                   "pack '" + pack->name + "' is given twice"});
      }
    }
    out.packs.push_back(std::make_unique<rules::RulePack>(std::move(*pack)));
  }
  for (const auto& pack : out.packs) {
    std::optional<rules::CompiledPack> compiled = rules::CompilePack(*pack, out.diagnostics);
    if (compiled) out.compiled.push_back(std::move(*compiled));
  }
  return out;
}

}  // namespace tiersight::services
