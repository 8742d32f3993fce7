// Writes small bundles from inline text into a fresh temporary directory, so
// that every test states its input next to its assertions.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "graph/bundle_reader.h"
#include "graph/figures.h"

namespace tiersight::testing {

class TempBundle {
 public:
  TempBundle();
  ~TempBundle();
  TempBundle(const TempBundle&) = delete;
  TempBundle& operator=(const TempBundle&) = delete;

  // Writes `content` byte for byte as `file` inside the bundle.
  TempBundle& Write(const std::string& file, const std::string& content);
  std::string dir() const { return dir_.string(); }
  std::string path(const std::string& file) const { return (dir_ / file).string(); }

 private:
  std::filesystem::path dir_;
};

// Loads the bundle; the result keeps the network alive.
graph::LoadedBundle Load(const TempBundle& bundle, bool lenient = false);

// Loads strictly, expects no error, and computes the figures.
struct Computed {
  graph::LoadedBundle loaded;
  graph::Figures figures;
  const graph::Network& network() const { return *loaded.network; }
  // One agent's figures by id; fails the test if the id is not loaded.
  graph::AgentFigureValues Agent(const std::string& id) const;
};
Computed ComputeOrFail(const TempBundle& bundle, bool lenient = false);

// "file:line: reason" for every error, for readable failure messages.
std::string DescribeErrors(const graph::LoadReport& report);

}  // namespace tiersight::testing
