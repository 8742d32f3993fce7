#include "services/rule_pack_service_impl.h"

#include <grpcpp/server_context.h>

#include <algorithm>
#include <optional>
#include <vector>

#include "base/file_read.h"
#include "base/str_cat.h"
#include "core/pack_library.h"
#include "rules/rule_compiler.h"
#include "services/pack_names.h"
#include "store/page_token.h"

namespace tiersight::services {
namespace {

namespace v1 = tiersight::v1;

constexpr std::string_view kNamePrefix = kRulePackNamePrefix;

absl::Status Invalid(const std::string& message) { return absl::InvalidArgumentError(message); }

// Page tokens carry the last pack returned.
constexpr std::string_view kPageQuery = "rulePacks";

void ToProto(const rules::RulePack& pack, v1::RulePack* out) {
  out->set_pack(pack.name);
  out->set_version(pack.version);
  out->set_title(pack.title);
  out->set_description(pack.description);
  out->set_requires_engine(pack.requires_engine);
  out->set_sha256(pack.sha256);
  for (const rules::NamedCondition& condition : pack.conditions) {
    v1::Condition* c = out->add_conditions();
    c->set_name(condition.name);
    c->set_expression(condition.expression);
  }
  for (const rules::RuleSpec& r : pack.rules) {
    v1::Rule* rule = out->add_rules();
    rule->set_id(r.id);
    rule->set_title(r.title);
    rule->set_scope(std::string(rules::ScopeName(r.scope)));
    rule->set_when(r.when);
    rule->set_severity(std::string(rules::SeverityName(r.severity)));
    for (const std::string& tag : r.tags) rule->add_tags(tag);
    rule->set_cite(r.cite);
    rule->set_message(r.message);
    if (r.scope == rules::Scope::kAgent) {
      rule->set_top(r.top);
      rule->set_rank_by(r.rank_by);
      rule->set_min_matches(r.min_matches);
      rule->set_min_share(r.min_share);
      rule->set_highest_only(r.highest_only);
    }
  }
}

}  // namespace

RulePackServiceImpl::RulePackServiceImpl(const Authenticator& auth,
                                         const ShippedPacks& shipped_packs, Options options)
    : edge_(auth, PathRedactor(/*data_dir=*/"", shipped_packs.dir())),
      shipped_packs_(shipped_packs),
      options_(std::move(options)) {}

grpc::Status RulePackServiceImpl::ListRulePacks(grpc::ServerContext* context,
                                                const v1::ListRulePacksRequest* request,
                                                v1::ListRulePacksResponse* response) {
  return edge_.Serve("RulePackService/ListRulePacks", *context,
                     [&](const Caller&) { return List(request, response); });
}

grpc::Status RulePackServiceImpl::GetRulePack(grpc::ServerContext* context,
                                              const v1::GetRulePackRequest* request,
                                              v1::GetRulePackResponse* response) {
  return edge_.Serve("RulePackService/GetRulePack", *context,
                     [&](const Caller&) { return Get(request, response); });
}

grpc::Status RulePackServiceImpl::ValidateRulePack(grpc::ServerContext* context,
                                                   const v1::ValidateRulePackRequest* request,
                                                   v1::ValidateRulePackResponse* response) {
  return edge_.Serve("RulePackService/ValidateRulePack", *context,
                     [&](const Caller&) { return Validate(request, response); });
}

absl::Status RulePackServiceImpl::List(const v1::ListRulePacksRequest* request,
                                       v1::ListRulePacksResponse* response) const {
  if (request->page_size() < 0) return Invalid("page_size must not be negative");
  const int page_size = request->page_size() == 0
                            ? options_.default_page_size
                            : std::min(request->page_size(), options_.max_page_size);
  std::optional<std::string> after;
  if (!request->page_token().empty()) {
    absl::StatusOr<std::string> key = store::DecodeKeyPageToken(request->page_token(), kPageQuery);
    if (!key.ok() || !IsPackId(*key)) {
      return Invalid("page_token is not one this server returned");
    }
    after = *std::move(key);
  }

  const std::shared_ptr<const ShippedPackSet> shipped = shipped_packs_.Current();
  // Pages go by pack id, whatever order the set keeps.
  std::vector<size_t> order;
  for (size_t i = 0; i < shipped->ids.size(); ++i) {
    if (IsPackId(shipped->ids[i])) order.push_back(i);
  }
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return shipped->ids[a] < shipped->ids[b]; });

  std::string last;
  bool more = false;
  for (size_t i : order) {
    const std::string& id = shipped->ids[i];
    if (after && id <= *after) continue;
    if (response->rule_packs_size() == page_size) {
      more = true;
      break;
    }
    v1::RulePack* out = response->add_rule_packs();
    out->set_name(StrCat(kNamePrefix, id));
    ToProto(*shipped->packs.packs[i], out);
    last = id;
  }
  if (more && !last.empty())
    response->set_next_page_token(store::EncodeKeyPageToken(last, kPageQuery));
  return absl::OkStatus();
}

absl::Status RulePackServiceImpl::Get(const v1::GetRulePackRequest* request,
                                      v1::GetRulePackResponse* response) const {
  absl::StatusOr<std::string> id = ParsePackName(request->name(), "name");
  if (!id.ok()) return id.status();
  const std::shared_ptr<const ShippedPackSet> shipped = shipped_packs_.Current();
  const std::optional<size_t> index = shipped->Find(*id);
  if (!index) return absl::NotFoundError(StrCat("no rule pack ", request->name()));
  v1::RulePack* out = response->mutable_rule_pack();
  out->set_name(request->name());
  ToProto(*shipped->packs.packs[*index], out);
  out->set_yaml(shipped->yaml[*index]);
  return absl::OkStatus();
}

absl::Status RulePackServiceImpl::Validate(const v1::ValidateRulePackRequest* request,
                                           v1::ValidateRulePackResponse* response) const {
  const std::string file = request->file().empty() ? "inline.yaml" : request->file();

  std::vector<rules::Diagnostic> diagnostics;
  std::optional<rules::RulePack> pack = core::ReadInlinePack({file, request->yaml()}, diagnostics);
  if (pack) {
    absl::Status own_name = shipped_packs_.Current()->CheckNotReserved(*pack, file);
    if (!own_name.ok()) return own_name;
  }
  if (pack) rules::CompilePack(*pack, diagnostics);
  std::stable_sort(diagnostics.begin(), diagnostics.end(),
                   [](const rules::Diagnostic& a, const rules::Diagnostic& b) {
                     return std::pair(a.where.line, a.where.column) <
                            std::pair(b.where.line, b.where.column);
                   });

  for (const rules::Diagnostic& d : diagnostics) {
    v1::Diagnostic* out = response->add_diagnostics();
    out->set_file(file);
    out->set_line(d.where.line);
    out->set_column(d.where.column);
    out->set_rule_id(d.rule_id);
    out->set_message(d.message);
  }
  response->set_valid(pack.has_value() && diagnostics.empty());
  if (response->valid()) ToProto(*pack, response->mutable_rule_pack());
  return absl::OkStatus();
}

}  // namespace tiersight::services
