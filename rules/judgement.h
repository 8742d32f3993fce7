// What the findings amount to: a verdict per jurisdiction in words that
// state legal elements, not guilt ("CN: elements of 传销 met — criminal
// threshold reached by 12 organisers"), and a risk index in [0, 1] per
// jurisdiction, for the network and for each organiser, combined from the
// indicators the packs declare (each indicator's contribution listed).
//
// The index is tiersight's own [HEURISTIC] one, shaped after the 重庆
// monitoring platform's (bands at 0.3, 0.5 and 0.7) but not that index; a
// pack may move the bands with the parameters risk_priority,
// risk_suspected and risk_highest. Thread-compatible.
#pragma once

#include <string>
#include <vector>

#include "graph/figure_table.h"
#include "rules/evaluator.h"
#include "rules/finding.h"
#include "rules/rule_compiler.h"

namespace tiersight::rules {

struct RiskScore {
  std::string pack;
  std::string id;
  std::string title;
  double weight = 0;
  double score = 0;         // in [0, 1]
  double contribution = 0;  // weight * score / total weight
};

struct Risk {
  double index = 0;
  std::string band;  // general, priority, suspected or highest
  std::vector<RiskScore> indicators;
};

struct JurisdictionVerdict {
  std::string jurisdiction;  // cn, us, eu, ... or any
  std::vector<std::string> packs;
  std::string text;
  bool elements_met = false;
  std::vector<std::string> elements;
  std::vector<std::string> notes;
  Risk risk;
};

struct OrganiserRisk {
  uint32_t agent = 0;
  std::string agent_id;
  std::string jurisdiction;
  Risk risk;
};

struct Judgement {
  // The network's own jurisdiction first, then the others by code, `any`
  // last.
  std::vector<JurisdictionVerdict> verdicts;
  Risk risk;  // the network's jurisdiction's, else the highest
  std::vector<OrganiserRisk> organisers;
};

// `findings` are those Evaluate gave for `packs` over `table`, with
// `params` (ResolveParams). `network_jurisdiction` may be empty.
Judgement Judge(const std::vector<CompiledPack>& packs, const std::vector<Finding>& findings,
                graph::FigureTable& table, const PackParamValues& params,
                const std::string& network_jurisdiction);

// The jurisdiction a pack's findings are judged under: the first it
// declares ("any" for packs that run everywhere).
std::string JurisdictionOf(const RulePack& pack);

}  // namespace tiersight::rules
