// One audit of a bundle directory with compiled packs: load, figures, rules,
// and the report message. The CLI's `audit` and the service's AuditNetwork
// both run it, so the same bundle and packs give the same report.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "core/bundle_session.h"
#include "core/pack_library.h"
#include "core/pack_selection.h"
#include "graph/figures.h"
#include "rules/finding.h"
#include "rules/judgement.h"
#include "tiersight/v1/findings.pb.h"

namespace tiersight::core {

struct AuditRunOptions {
  bool lenient = false;
  // Which of the packs run: by default exactly those given (kNamed); with
  // kByJurisdiction those of `jurisdiction` (or network.yaml's) and `any`.
  PackChoice choice = PackChoice::kNamed;
  // The caller's jurisdiction code, checked with CheckJurisdiction; empty:
  // network.yaml's, if any.
  std::string jurisdiction;
  // Parameter overrides "PACK.NAME" -> value, checked with CheckParams.
  std::map<std::string, std::string> params;
  // Polled between the load's passes (agents, orders and payments), before
  // the figures, before each rule and before the organisers' teams are
  // built (which reads orders and payments again); returning true stops the
  // run with CANCELLED. Empty: never cancelled.
  std::function<bool()> cancelled;
};

struct AuditRun {
  // OK; FAILED_PRECONDITION when the load is not usable (refused, or strict
  // with errors); CANCELLED; INTERNAL when figures cannot be computed.
  absl::Status status;
  LoadedWithDigest loaded;
  std::optional<graph::Figures> figures;  // when status is OK
  std::vector<rules::Finding> findings;   // when status is OK
  SelectedPacks selected;                 // the packs that ran, with their parameters
  rules::Judgement judgement;             // when status is OK
  // Filled whenever the load was read, so that a failed strict run still
  // reports every load error; without findings unless status is OK.
  tiersight::v1::AuditReport report;
};

// `packs` are only read: concurrent audits may share them.
AuditRun RunAudit(const std::string& bundle_dir, const LoadedPacks& packs,
                  const AuditRunOptions& options);

}  // namespace tiersight::core
