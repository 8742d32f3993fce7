#include "services/upload_receiver.h"

#include <grpcpp/impl/codegen/proto_utils.h>

#include <array>
#include <optional>
#include <string_view>

#include "absl/status/status.h"
#include "base/str_cat.h"
#include "graph/bundle_columns.h"
#include "services/display_name.h"
#include "services/network_yaml.h"

namespace tiersight::services {
namespace {

namespace v1 = tiersight::v1;
using store::RowKind;

// Fields in the column order of graph/bundle_columns.h.
std::array<std::string_view, graph::kAgentColumns.size()> Fields(const v1::Agent& a) {
  return {a.agent_id(), a.sponsor_id(), a.tier(), a.joined_at(), a.left_at(), a.region(), a.name()};
}
std::array<std::string_view, graph::kOrderColumns.size()> Fields(const v1::Order& o) {
  return {o.order_id(), o.date(),     o.seller_id(), o.buyer_id(),
          o.sku(),      o.quantity(), o.amount(),    o.kind()};
}
std::array<std::string_view, graph::kPaymentColumns.size()> Fields(const v1::Payment& p) {
  return {p.payment_id(), p.date(), p.payer_id(), p.payee_id(), p.amount(), p.kind()};
}

int64_t TotalRows(const store::UploadWriter& writer) {
  return writer.rows(RowKind::kAgent) + writer.rows(RowKind::kOrder) +
         writer.rows(RowKind::kPayment);
}

template <typename Records>
absl::Status AppendAll(const Records& records, RowKind kind, store::UploadWriter& writer) {
  for (const auto& record : records) {
    const auto fields = Fields(record);
    absl::Status appended = writer.AppendRow(kind, std::span<const std::string_view>(fields));
    if (!appended.ok()) return appended;
  }
  return absl::OkStatus();
}

// What the tenant stores so far: the bundle files and the display name.
absl::Status CheckBytes(const store::UploadWriter& writer, int64_t display_name_bytes,
                        int64_t message_index, const UploadLimits& limits) {
  if (writer.bytes_written() + display_name_bytes > limits.max_bytes) {
    return absl::ResourceExhaustedError(StrCat("upload message ", message_index,
                                               " takes the upload past its limit of ",
                                               limits.max_bytes, " bytes"));
  }
  return absl::OkStatus();
}

absl::Status AppendBatch(const v1::UploadNetworkBatch& batch, int64_t message_index,
                         const UploadLimits& limits, int64_t display_name_bytes,
                         store::UploadWriter& writer) {
  const int64_t incoming = batch.agents_size() + batch.orders_size() + batch.payments_size();
  if (TotalRows(writer) + incoming > limits.max_rows) {
    return absl::ResourceExhaustedError(StrCat("upload message ", message_index,
                                               " takes the upload past its limit of ",
                                               limits.max_rows, " rows"));
  }
  absl::Status appended = AppendAll(batch.agents(), RowKind::kAgent, writer);
  if (appended.ok()) appended = AppendAll(batch.orders(), RowKind::kOrder, writer);
  if (appended.ok()) appended = AppendAll(batch.payments(), RowKind::kPayment, writer);
  if (!appended.ok()) return appended;
  return CheckBytes(writer, display_name_bytes, message_index, limits);
}

absl::Status AcceptHeader(v1::UploadNetworkHeader& header, const UploadLimits& limits,
                          store::UploadWriter& writer) {
  absl::Status name = CheckDisplayName(header.display_name(), "header.display_name");
  if (!name.ok())
    return absl::InvalidArgumentError(StrCat("upload message 1: ", std::string(name.message())));
  absl::StatusOr<std::string> yaml = NetworkYamlFromFacts(header.facts());
  if (!yaml.ok()) return yaml.status();
  if (!yaml->empty()) {
    absl::Status set = writer.SetNetworkYaml(*std::move(yaml));
    if (!set.ok()) return set;
  }
  return CheckBytes(writer, static_cast<int64_t>(StoredDisplayName(header).size()), 1, limits);
}

// The counts message against what arrived before it: the first that differs.
absl::Status CheckCounts(const v1::UploadNetworkCounts& counts, int64_t index,
                         const store::UploadWriter& writer) {
  const std::array<std::pair<std::string_view, std::pair<int64_t, int64_t>>, 4> checks = {{
      {"messages", {counts.messages(), index - 1}},
      {"agents", {counts.agents(), writer.rows(RowKind::kAgent)}},
      {"orders", {counts.orders(), writer.rows(RowKind::kOrder)}},
      {"payments", {counts.payments(), writer.rows(RowKind::kPayment)}},
  }};
  for (const auto& [field, sent_and_received] : checks) {
    const auto [sent, received] = sent_and_received;
    if (sent != received) {
      return absl::InvalidArgumentError(StrCat("upload message ", index, ": `counts.", field,
                                               "` says ", sent, " were sent, but ", received,
                                               " arrived; nothing is stored"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

const std::string& StoredDisplayName(const v1::UploadNetworkHeader& header) {
  return header.display_name().empty() ? header.facts().name() : header.display_name();
}

absl::StatusOr<v1::UploadNetworkHeader> ReceiveUpload(ReadUploadMessage read,
                                                      const std::function<bool()>& cancelled,
                                                      const UploadLimits& limits,
                                                      store::UploadWriter& writer) {
  grpc::ByteBuffer bytes;
  v1::UploadNetworkRequest message;
  std::optional<v1::UploadNetworkHeader> header;
  int64_t display_name_bytes = 0;
  bool counted = false;
  // 1-based, as a client counts the messages it sent.
  for (int64_t index = 1; read(&bytes); ++index) {
    message.Clear();
    if (!grpc::SerializationTraits<v1::UploadNetworkRequest>::Deserialize(&bytes, &message).ok()) {
      return absl::InvalidArgumentError(
          StrCat("upload message ", index,
                 " does not parse as a tiersight.v1.UploadNetworkRequest (a string field that "
                 "is not valid UTF-8, or bytes that are not the message); nothing is stored"));
    }
    if (counted) {
      return absl::InvalidArgumentError(
          StrCat("upload message ", index, " follows the counts, which must be the last message"));
    }
    switch (message.content_case()) {
      case v1::UploadNetworkRequest::kHeader: {
        if (header) {
          return absl::InvalidArgumentError(
              StrCat("upload message ", index, " is a second header; only the first may be one"));
        }
        header = std::move(*message.mutable_header());
        absl::Status accepted = AcceptHeader(*header, limits, writer);
        if (!accepted.ok()) return accepted;
        display_name_bytes = static_cast<int64_t>(StoredDisplayName(*header).size());
        break;
      }
      case v1::UploadNetworkRequest::kBatch: {
        if (!header) {
          return absl::InvalidArgumentError(StrCat(
              "upload message ", index, " is a batch, but the first message must be the header"));
        }
        absl::Status appended =
            AppendBatch(message.batch(), index, limits, display_name_bytes, writer);
        if (!appended.ok()) return appended;
        break;
      }
      case v1::UploadNetworkRequest::kCounts: {
        absl::Status matched = CheckCounts(message.counts(), index, writer);
        if (!matched.ok()) return matched;
        counted = true;
        break;
      }
      case v1::UploadNetworkRequest::CONTENT_NOT_SET:
        return absl::InvalidArgumentError(
            StrCat("upload message ", index, " has neither a header, a batch nor the counts"));
    }
  }
  // Read ends both on a half-close and on a broken or cancelled call.
  if (cancelled && cancelled()) return absl::CancelledError("the upload was cancelled");
  if (!header) return absl::InvalidArgumentError("the upload sent no header");
  return *std::move(header);
}

}  // namespace tiersight::services
