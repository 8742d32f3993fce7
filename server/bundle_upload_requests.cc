#include "server/bundle_upload_requests.h"

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <tuple>
#include <vector>

#include "graph/bundle_files.h"
#include "graph/csv_table.h"
#include "graph/str_cat.h"
#include "graph/text_encoding.h"
#include "store/records.h"

namespace tiersight::server {
namespace {

namespace v1 = tiersight::v1;

struct Header {
  v1::UploadNetworkRequest request;
  graph::TextEncoding encoding = graph::TextEncoding::kUnspecified;
};

absl::StatusOr<Header> ReadHeader(const std::string& dir) {
  Header out;
  v1::NetworkFacts* facts = out.request.mutable_header()->mutable_facts();
  const std::string path = StrCat(dir, "/", graph::kNetworkFile);
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return out;
  try {
    const YAML::Node root = YAML::LoadFile(path);
    auto text = [&](const char* key) {
      return root[key] && root[key].IsScalar() ? root[key].Scalar() : std::string();
    };
    facts->set_name(text("name"));
    facts->set_currency(text("currency"));
    facts->set_as_of(text("as_of"));
    if (root["tiers"] && root["tiers"].IsSequence()) {
      for (const YAML::Node& tier : root["tiers"]) facts->add_tiers(tier.Scalar());
    }
    if (!text("encoding").empty()) {
      absl::StatusOr<graph::TextEncoding> encoding = graph::ParseEncodingName(text("encoding"));
      if (!encoding.ok()) return encoding.status();
      out.encoding = *encoding;
    }
  } catch (const YAML::Exception& e) {
    return absl::InvalidArgumentError(StrCat(path, ":", e.mark.line + 1, ": ", e.msg));
  }
  return out;
}

template <size_t N>
absl::Status SendFile(const std::string& dir, std::string_view file,
                      const std::array<std::string_view, N>& columns, graph::TextEncoding encoding,
                      int batch_rows,
                      const std::function<void(v1::UploadNetworkBatch&, const std::vector<std::string_view>&)>& add,
                      const std::function<bool(const v1::UploadNetworkRequest&)>& send) {
  const std::string path = StrCat(dir, "/", file);
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return absl::OkStatus();
  std::vector<graph::LoadIssue> warnings;
  absl::StatusOr<graph::CsvTable> table = std::apply(
      [&](auto... column) {
        return graph::CsvTable::Open(path, std::string(file), encoding, {column...}, {}, warnings);
      },
      columns);
  if (!table.ok()) return table.status();
  std::vector<int> index;
  for (std::string_view c : columns) index.push_back(table->Column(c));
  v1::UploadNetworkRequest request;
  std::vector<std::string_view> fields(N);
  graph::CsvRecord record;
  int in_batch = 0;
  auto flush = [&] {
    const bool sent = send(request);
    request.Clear();
    in_batch = 0;
    return sent;
  };
  while (table->Next(record)) {
    for (size_t i = 0; i < N; ++i) {
      const int c = index[i];
      fields[i] = c >= 0 && static_cast<size_t>(c) < record.fields.size()
                      ? record.fields[static_cast<size_t>(c)]
                      : std::string_view();
    }
    add(*request.mutable_batch(), fields);
    if (++in_batch == batch_rows && !flush()) return absl::CancelledError("upload stopped");
  }
  if (in_batch > 0 && !flush()) return absl::CancelledError("upload stopped");
  return absl::OkStatus();
}

std::string S(std::string_view v) { return std::string(v); }

}  // namespace

absl::Status ForEachUploadRequest(const std::string& bundle_dir, int batch_rows,
                                  const std::function<bool(const v1::UploadNetworkRequest&)>& send) {
  absl::StatusOr<Header> header = ReadHeader(bundle_dir);
  if (!header.ok()) return header.status();
  if (!send(header->request)) return absl::CancelledError("upload stopped");
  absl::Status sent = SendFile(
      bundle_dir, graph::kAgentsFile, store::kAgentColumns, header->encoding, batch_rows,
      [](v1::UploadNetworkBatch& b, const std::vector<std::string_view>& f) {
        v1::Agent* a = b.add_agents();
        a->set_agent_id(S(f[0]));
        a->set_sponsor_id(S(f[1]));
        a->set_tier(S(f[2]));
        a->set_joined_at(S(f[3]));
        a->set_left_at(S(f[4]));
        a->set_region(S(f[5]));
        a->set_name(S(f[6]));
      },
      send);
  if (!sent.ok()) return sent;
  sent = SendFile(
      bundle_dir, graph::kOrdersFile, store::kOrderColumns, header->encoding, batch_rows,
      [](v1::UploadNetworkBatch& b, const std::vector<std::string_view>& f) {
        v1::Order* o = b.add_orders();
        o->set_order_id(S(f[0]));
        o->set_date(S(f[1]));
        o->set_seller_id(S(f[2]));
        o->set_buyer_id(S(f[3]));
        o->set_sku(S(f[4]));
        o->set_quantity(S(f[5]));
        o->set_amount(S(f[6]));
        o->set_kind(S(f[7]));
      },
      send);
  if (!sent.ok()) return sent;
  return SendFile(
      bundle_dir, graph::kPaymentsFile, store::kPaymentColumns, header->encoding, batch_rows,
      [](v1::UploadNetworkBatch& b, const std::vector<std::string_view>& f) {
        v1::Payment* p = b.add_payments();
        p->set_payment_id(S(f[0]));
        p->set_date(S(f[1]));
        p->set_payer_id(S(f[2]));
        p->set_payee_id(S(f[3]));
        p->set_amount(S(f[4]));
        p->set_kind(S(f[5]));
      },
      send);
}

}  // namespace tiersight::server
