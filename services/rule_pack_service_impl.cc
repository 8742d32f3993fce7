#include "services/rule_pack_service_impl.h"

#include <grpcpp/server_context.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <vector>

#include "base/file_read.h"
#include "base/str_cat.h"
#include "rules/pack_reader.h"
#include "rules/rule_compiler.h"
#include "services/call_log.h"
#include "services/pack_names.h"
#include "core/pack_library.h"
#include "store/page_token.h"

namespace tiersight::services {
namespace {

namespace fs = std::filesystem;
namespace v1 = tiersight::v1;

constexpr std::string_view kNamePrefix = kRulePackNamePrefix;

absl::Status Invalid(const std::string& message) {
  return absl::InvalidArgumentError(message);
}

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

RulePackServiceImpl::RulePackServiceImpl(const Authenticator& auth, Options options)
    : edge_(auth), options_(std::move(options)) {
  if (options_.packs_dir.empty()) options_.packs_dir = core::ShippedPacksDir();
}

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

  std::vector<fs::path> paths;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(options_.packs_dir, ec)) {
    if (entry.path().extension() == ".yaml" && IsPackId(entry.path().stem().string())) {
      paths.push_back(entry.path());
    }
  }
  std::sort(paths.begin(), paths.end(),
            [](const fs::path& a, const fs::path& b) { return a.stem() < b.stem(); });

  std::string last;
  bool more = false;
  for (const fs::path& path : paths) {
    const std::string id = path.stem().string();
    if (after && id <= *after) continue;
    if (response->rule_packs_size() == page_size) {
      more = true;
      break;
    }
    std::vector<rules::Diagnostic> diagnostics;
    std::optional<rules::RulePack> pack = rules::ReadRulePack(path.string(), diagnostics);
    if (!pack) {
      // A broken shipped pack is the operator's problem, not the caller's.
      RpcLogger()->error("shipped pack {} does not read: {}", path.string(),
                         diagnostics.empty() ? std::string() : diagnostics.front().ToString());
      continue;
    }
    v1::RulePack* out = response->add_rule_packs();
    out->set_name(StrCat(kNamePrefix, id));
    ToProto(*pack, out);
    last = id;
  }
  if (more && !last.empty()) response->set_next_page_token(store::EncodeKeyPageToken(last, kPageQuery));
  return absl::OkStatus();
}

absl::Status RulePackServiceImpl::Get(const v1::GetRulePackRequest* request,
                                      v1::GetRulePackResponse* response) const {
  const std::string& name = request->name();
  if (!name.starts_with(kNamePrefix) || !IsPackId(std::string_view(name).substr(kNamePrefix.size()))) {
    return Invalid("name must be \"rulePacks/{pack}\", e.g. \"rulePacks/us-ftc\"");
  }
  const std::string id = name.substr(kNamePrefix.size());
  const fs::path path = fs::path(options_.packs_dir) / (id + ".yaml");
  absl::StatusOr<std::string> text =
      base::ReadRegularFile(path.string(), base::kMaxPackFileBytes, "a rule pack");
  if (!text.ok()) {
    return absl::NotFoundError(StrCat("no rule pack ", name));
  }
  std::vector<rules::Diagnostic> diagnostics;
  std::optional<rules::RulePack> pack = rules::ReadRulePack(path.string(), diagnostics);
  if (!pack) {
    RpcLogger()->error("shipped pack {} does not read: {}", path.string(),
                       diagnostics.empty() ? std::string() : diagnostics.front().ToString());
    return absl::InternalError(StrCat("shipped rule pack ", name, " does not read"));
  }
  v1::RulePack* out = response->mutable_rule_pack();
  out->set_name(name);
  ToProto(*pack, out);
  out->set_yaml(std::move(*text));
  return absl::OkStatus();
}

absl::Status RulePackServiceImpl::Validate(const v1::ValidateRulePackRequest* request,
                                           v1::ValidateRulePackResponse* response) const {
  const std::string file = request->file().empty() ? "inline.yaml" : request->file();

  std::vector<rules::Diagnostic> diagnostics;
  std::optional<rules::RulePack> pack =
      core::ReadInlinePack({file, request->yaml()}, diagnostics);
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
