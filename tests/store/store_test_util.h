// A fresh data directory per test and a small network to upload into it, with
// the exact bytes the stored bundle files must have.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "store/network_store.h"

namespace tiersight::store::testing {

// The rows of the sample network, as fields and as the CSV text they must be
// stored as (quotes and commas included, so escaping is exercised).
struct SampleNetwork {
  std::vector<std::vector<std::string>> agents, orders, payments;
  std::string network_yaml;
  std::string agents_csv, orders_csv, payments_csv;  // expected file contents
};
const SampleNetwork& Sample();

// Names every file under `dir`, relative to it, sorted; for "nothing is left" checks.
std::vector<std::string> ListTree(const std::filesystem::path& dir);

std::string ReadFile(const std::filesystem::path& path);

class StoreTest : public ::testing::Test {
 protected:
  StoreTest();
  ~StoreTest() override;

  // Opens the store in data_dir(); fails the test if it cannot.
  std::unique_ptr<NetworkStore> Open();
  // Uploads Sample() for `tenant` and commits it under `name`.
  NetworkRecord Upload(NetworkStore& store, const std::string& tenant,
                       const std::string& name = "Sample Brand");
  // Records an audit of `network_id` with `report` as its bytes.
  AuditRecord Audit(NetworkStore& store, const std::string& tenant, const std::string& network_id,
                    const std::string& report);

  const std::filesystem::path& data_dir() const { return data_dir_; }

 private:
  std::filesystem::path data_dir_;
};

}  // namespace tiersight::store::testing
