#include "services/upload_receiver.h"

#include <array>
#include <string_view>

#include "absl/status/status.h"
#include "base/str_cat.h"
#include "graph/bundle_columns.h"
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

absl::Status AppendBatch(const v1::UploadNetworkBatch& batch, int64_t message_index,
                         const UploadLimits& limits, store::UploadWriter& writer) {
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
  if (writer.bytes_written() > limits.max_bytes) {
    return absl::ResourceExhaustedError(StrCat("upload message ", message_index,
                                               " takes the upload past its limit of ",
                                               limits.max_bytes, " bytes"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<v1::UploadNetworkHeader> ReceiveUpload(
    grpc::ServerReaderInterface<v1::UploadNetworkRequest>& stream,
    const std::function<bool()>& cancelled, const UploadLimits& limits,
    store::UploadWriter& writer) {
  v1::UploadNetworkRequest message;
  std::optional<v1::UploadNetworkHeader> header;
  // 1-based, as a client counts the messages it sent.
  for (int64_t index = 1; stream.Read(&message); ++index) {
    switch (message.content_case()) {
      case v1::UploadNetworkRequest::kHeader: {
        if (header) {
          return absl::InvalidArgumentError(
              StrCat("upload message ", index, " is a second header; only the first may be one"));
        }
        header = std::move(*message.mutable_header());
        absl::StatusOr<std::string> yaml = NetworkYamlFromFacts(header->facts());
        if (!yaml.ok()) return yaml.status();
        if (!yaml->empty()) {
          absl::Status set = writer.SetNetworkYaml(*std::move(yaml));
          if (!set.ok()) return set;
        }
        break;
      }
      case v1::UploadNetworkRequest::kBatch: {
        if (!header) {
          return absl::InvalidArgumentError(StrCat(
              "upload message ", index, " is a batch, but the first message must be the header"));
        }
        absl::Status appended = AppendBatch(message.batch(), index, limits, writer);
        if (!appended.ok()) return appended;
        break;
      }
      case v1::UploadNetworkRequest::CONTENT_NOT_SET:
        return absl::InvalidArgumentError(
            StrCat("upload message ", index, " has neither a header nor a batch"));
    }
  }
  // Read ends both on a half-close and on a broken or cancelled call.
  if (cancelled && cancelled()) return absl::CancelledError("the upload was cancelled");
  if (!header) return absl::InvalidArgumentError("the upload sent no header");
  return *std::move(header);
}

}  // namespace tiersight::services
