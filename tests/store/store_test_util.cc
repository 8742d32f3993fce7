#include "tests/store/store_test_util.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <iterator>

namespace tiersight::store::testing {
namespace fs = std::filesystem;

const SampleNetwork& Sample() {
  static const SampleNetwork* sample = [] {
    auto* s = new SampleNetwork;
    s->agents = {
        {"T1", "", "总代", "2026-01-01", "", "Zhejiang", "Top One"},
        {"A", "T1", "一级代理", "2026-01-10", "", "Guangdong, Shenzhen", "Agent \"A\""},
        {"B", "T1", "特约", "2026-02-01", "2026-06-01", "Hunan", "two\nlines"},
    };
    s->orders = {
        {"O1", "2026-01-01", "", "T1", "MASK", "100", "1000.00", "sale"},
        {"O2", "2026-01-12", "T1", "A", "MASK", "30", "450.00", "sale"},
    };
    s->payments = {{"P1", "2026-01-10", "A", "", "99", "entry_fee"}};
    s->network_yaml = "name: Sample Brand\ncurrency: CNY\ntiers: [总代, 一级代理, 特约]\n";
    s->agents_csv =
        "agent_id,sponsor_id,tier,joined_at,left_at,region,name\n"
        "T1,,总代,2026-01-01,,Zhejiang,Top One\n"
        "A,T1,一级代理,2026-01-10,,\"Guangdong, Shenzhen\",\"Agent \"\"A\"\"\"\n"
        "B,T1,特约,2026-02-01,2026-06-01,Hunan,\"two\nlines\"\n";
    s->orders_csv =
        "order_id,date,seller_id,buyer_id,sku,quantity,amount,kind\n"
        "O1,2026-01-01,,T1,MASK,100,1000.00,sale\n"
        "O2,2026-01-12,T1,A,MASK,30,450.00,sale\n";
    s->payments_csv =
        "payment_id,date,payer_id,payee_id,amount,kind\n"
        "P1,2026-01-10,A,,99,entry_fee\n";
    return s;
  }();
  return *sample;
}

std::vector<std::string> ListTree(const fs::path& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    out.push_back(fs::relative(it->path(), dir).string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

StoreTest::StoreTest() {
  static std::atomic<int> counter{0};
  data_dir_ = fs::temp_directory_path() / ("tiersight-store-test-" + std::to_string(::getpid()) +
                                           "-" + std::to_string(counter++));
  fs::remove_all(data_dir_);
}

StoreTest::~StoreTest() {
  std::error_code ec;
  fs::remove_all(data_dir_, ec);
}

std::unique_ptr<NetworkStore> StoreTest::Open() {
  absl::StatusOr<std::unique_ptr<NetworkStore>> store = OpenSqliteStore(data_dir_.string());
  EXPECT_TRUE(store.ok()) << store.status();
  return store.ok() ? *std::move(store) : nullptr;
}

NetworkRecord StoreTest::Upload(NetworkStore& store, const std::string& tenant,
                                const std::string& name) {
  absl::StatusOr<std::unique_ptr<UploadWriter>> writer = store.BeginUpload(tenant);
  EXPECT_TRUE(writer.ok()) << writer.status();
  if (!writer.ok()) return {};
  const SampleNetwork& s = Sample();
  for (const auto& row : s.agents) EXPECT_TRUE((*writer)->AppendRow(RowKind::kAgent, row).ok());
  for (const auto& row : s.orders) EXPECT_TRUE((*writer)->AppendRow(RowKind::kOrder, row).ok());
  for (const auto& row : s.payments) {
    EXPECT_TRUE((*writer)->AppendRow(RowKind::kPayment, row).ok());
  }
  EXPECT_TRUE((*writer)->SetNetworkYaml(s.network_yaml).ok());
  absl::StatusOr<NetworkRecord> record = (*writer)->Commit(name);
  EXPECT_TRUE(record.ok()) << record.status();
  return record.ok() ? *std::move(record) : NetworkRecord{};
}

AuditRecord StoreTest::Audit(NetworkStore& store, const std::string& tenant,
                             const std::string& network_id, const std::string& report) {
  NewAudit audit;
  audit.network_id = network_id;
  audit.packs = {{"cn", "2026.1", std::string(64, 'a')},
                 {"inventory", "1.0", std::string(64, 'b')}};
  audit.token_name = "compliance-laptop";
  audit.report_json = report;
  audit.details = "{\"findings\": 2}";
  absl::StatusOr<AuditRecord> record = store.RecordAudit(tenant, audit);
  EXPECT_TRUE(record.ok()) << record.status();
  return record.ok() ? *std::move(record) : AuditRecord{};
}

}  // namespace tiersight::store::testing
