#include "services/network_details.h"

#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/time_util.h>

#include "absl/status/status.h"
#include "base/str_cat.h"
#include "core/figures_proto.h"
#include "services/resource_names.h"

namespace tiersight::services {

namespace v1 = tiersight::v1;

v1::LoadReport KeptLoadReport(const graph::LoadReport& report) {
  v1::LoadReport out = core::LoadReportToProto(report);
  if (out.errors_size() > kMaxKeptLoadIssues) {
    out.mutable_errors()->DeleteSubrange(kMaxKeptLoadIssues,
                                         out.errors_size() - kMaxKeptLoadIssues);
  }
  if (out.warnings_size() > kMaxKeptLoadIssues) {
    out.mutable_warnings()->DeleteSubrange(kMaxKeptLoadIssues,
                                           out.warnings_size() - kMaxKeptLoadIssues);
  }
  return out;
}

std::string NetworkDetailsJson(const v1::UploadNetworkHeader& header, const v1::LoadReport& load) {
  v1::Network details;
  *details.mutable_facts() = header.facts();
  details.set_display_name(header.display_name().empty() ? header.facts().name()
                                                         : header.display_name());
  *details.mutable_load() = load;
  std::string json;
  // Serialising a well-formed message cannot fail.
  (void)google::protobuf::util::MessageToJsonString(details, &json);
  return json;
}

absl::StatusOr<v1::Network> NetworkToProto(const store::NetworkRecord& record) {
  v1::Network network;
  if (!record.details.empty()) {
    google::protobuf::util::JsonParseOptions options;
    options.ignore_unknown_fields = true;  // details written by a later version
    auto parsed = google::protobuf::util::JsonStringToMessage(record.details, &network, options);
    if (!parsed.ok()) {
      return absl::InternalError(
          StrCat("the stored details of network ", record.id, " do not parse"));
    }
  }
  network.set_name(NetworkName(record.id));
  if (network.display_name().empty()) network.set_display_name(record.name);
  network.set_digest(record.digest);
  *network.mutable_create_time() = google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(
      absl::ToUnixMicros(record.created_at));
  network.set_agent_count(record.agent_rows);
  network.set_order_count(record.order_rows);
  network.set_payment_count(record.payment_rows);
  return network;
}

}  // namespace tiersight::services
