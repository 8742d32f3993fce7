// Fuzzes rule expressions: a `when`, named conditions, a grade and a risk
// indicator built from the input, either as raw text or as tokens drawn from
// the figures, parameters and conditions a pack can name (so that most
// inputs get past the name checks to the compiler's ordering of conditions
// and to muparser at evaluation). They are written into a pack's YAML, read
// with rules::ReadRulePackText, compiled, and run over the fixed bundle
// (fuzz/bundle/) as an audit runs them. A pack refused without a
// diagnostic, or one that compiles but cannot run, is a failure.
#include <fuzzer/FuzzedDataProvider.h>
#include <yaml-cpp/yaml.h>

#include <array>
#include <cstdio>
#include <string>
#include <vector>

#include "fuzz/fuzz_support.h"
#include "graph/figure_catalogue.h"
#include "rules/expression_check.h"
#include "rules/rule_pack.h"

namespace tiersight::fuzz {
namespace {

using graph::FigureScope;

// muparser's operators and functions, and the ones the packs add.
constexpr std::array<std::string_view, 33> kOperators = {
    "+",    "-",    "*",     "/",    "^",   "<",    "<=",    ">",     ">=",   "==",   "!=",
    "&&",   "||",   "!",     "not(", "(",   ")",    "?",     ":",     ",",    "=",    "min(",
    "max(", "abs(", "sqrt(", "log(", "ln(", "exp(", "rint(", "sign(", "sum(", "avg(", "_pi"};

constexpr std::array<std::string_view, 5> kScopes = {"network", "level", "tier", "branch", "agent"};

constexpr std::array<std::string_view, 5> kSeverities = {"info", "low", "medium", "high",
                                                         "critical"};

constexpr std::array<std::string_view, 7> kUnits = {"count", "units",  "money", "share",
                                                    "ratio", "months", "flag"};

struct Names {
  std::vector<std::string> conditions;
  std::vector<std::string> params;
};

std::string Number(FuzzedDataProvider& in) {
  if (in.ConsumeBool()) return std::to_string(in.ConsumeIntegralInRange<int>(-2, 1000));
  char text[40];
  std::snprintf(text, sizeof text, "%.17g", in.ConsumeFloatingPoint<double>());
  return text;
}

std::string FigureName(FuzzedDataProvider& in, FigureScope scope) {
  // Other scopes' names reach the compiler's "unknown figure" answers.
  if (in.ConsumeIntegralInRange(0, 7) == 0)
    scope = graph::kFigureScopes[in.ConsumeIntegralInRange(0, 4)];
  const std::vector<const graph::FigureSpec*> figures = graph::FiguresOf(scope);
  if (figures.empty()) return "x";
  std::string name = figures[in.ConsumeIntegralInRange<size_t>(0, figures.size() - 1)]->name;
  if (scope != FigureScope::kNetwork && in.ConsumeIntegralInRange(0, 5) == 0) {
    const auto network = graph::FiguresOf(FigureScope::kNetwork);
    name = "network_" + network[in.ConsumeIntegralInRange<size_t>(0, network.size() - 1)]->name;
  } else if (scope == FigureScope::kAgent && in.ConsumeIntegralInRange(0, 5) == 0) {
    name = (in.ConsumeBool() ? "branch_" : "downline_") + name;
  }
  return name;
}

std::string Expression(FuzzedDataProvider& in, FigureScope scope, const Names& names) {
  if (in.ConsumeIntegralInRange(0, 3) == 0) {
    return in.ConsumeRandomLengthString(rules::kMaxExpressionChars + 16);
  }
  std::string out;
  const int tokens = in.ConsumeIntegralInRange(1, 24);
  for (int i = 0; i < tokens && in.remaining_bytes() > 0; ++i) {
    if (!out.empty()) out += ' ';
    switch (in.ConsumeIntegralInRange(0, 7)) {
      case 0:
      case 1:
        out += FigureName(in, scope);
        break;
      case 2:
        if (!names.conditions.empty()) {
          out +=
              names.conditions[in.ConsumeIntegralInRange<size_t>(0, names.conditions.size() - 1)];
        }
        break;
      case 3:
        if (!names.params.empty()) {
          out += names.params[in.ConsumeIntegralInRange<size_t>(0, names.params.size() - 1)];
        }
        break;
      case 4:
        out += Number(in);
        break;
      default:
        out += kOperators[in.ConsumeIntegralInRange<size_t>(0, kOperators.size() - 1)];
    }
  }
  return out;
}

// The pack's YAML, every text value double-quoted by yaml-cpp; empty when
// the emitter refuses a value (text that is not UTF-8).
std::string PackYaml(FuzzedDataProvider& in) {
  const auto scope_index = in.ConsumeIntegralInRange<size_t>(0, kScopes.size() - 1);
  const FigureScope scope = graph::kFigureScopes[scope_index];
  Names names;
  const int params = in.ConsumeIntegralInRange(0, 2);
  const int conditions = in.ConsumeIntegralInRange(0, 4);
  for (int i = 0; i < params; ++i) names.params.push_back("p" + std::to_string(i));
  // Figure parameters a pack may set for the figures it reads.
  for (const graph::FigureParamSpec& p : graph::FigureParams()) {
    if (in.ConsumeIntegralInRange(0, 3) == 0) names.params.push_back(p.name);
  }
  for (int i = 0; i < conditions; ++i) names.conditions.push_back("c" + std::to_string(i));

  YAML::Emitter y;
  y << YAML::DoubleQuoted << YAML::BeginMap;
  y << YAML::Key << "pack" << YAML::Value << "fuzz";
  y << YAML::Key << "version" << YAML::Value << "1.0.0";
  y << YAML::Key << "title" << YAML::Value << "fuzz";
  y << YAML::Key << "requires_engine" << YAML::Value << "1.1.0";
  y << YAML::Key << "jurisdictions" << YAML::Value << YAML::Flow << YAML::BeginSeq << "any"
    << YAML::EndSeq;
  if (!names.params.empty()) {
    y << YAML::Key << "params" << YAML::Value << YAML::BeginMap;
    for (const std::string& p : names.params) {
      const double low = in.ConsumeFloatingPointInRange<double>(-10, 10);
      const double high = low + in.ConsumeFloatingPointInRange<double>(0, 100);
      y << YAML::Key << p << YAML::Value << YAML::BeginMap;
      y << YAML::Key << "default" << YAML::Value
        << in.ConsumeFloatingPointInRange<double>(low, high);
      y << YAML::Key << "min" << YAML::Value << low;
      y << YAML::Key << "max" << YAML::Value << high;
      y << YAML::Key << "unit" << YAML::Value
        << std::string(kUnits[in.ConsumeIntegralInRange<size_t>(0, kUnits.size() - 1)]);
      y << YAML::EndMap;
    }
    y << YAML::EndMap;
  }
  if (!names.conditions.empty()) {
    y << YAML::Key << "conditions" << YAML::Value << YAML::BeginMap;
    for (const std::string& c : names.conditions) {
      y << YAML::Key << c << YAML::Value << Expression(in, scope, names);
    }
    y << YAML::EndMap;
  }
  y << YAML::Key << "rules" << YAML::Value << YAML::BeginSeq << YAML::BeginMap;
  y << YAML::Key << "id" << YAML::Value << "fuzz-rule";
  y << YAML::Key << "title" << YAML::Value << "fuzz";
  y << YAML::Key << "scope" << YAML::Value << std::string(kScopes[scope_index]);
  y << YAML::Key << "when" << YAML::Value << Expression(in, scope, names);
  y << YAML::Key << "severity" << YAML::Value
    << std::string(kSeverities[in.ConsumeIntegralInRange<size_t>(0, kSeverities.size() - 1)]);
  const auto& tags = rules::TagVocabulary();
  y << YAML::Key << "tags" << YAML::Value << YAML::Flow << YAML::BeginSeq
    << tags[in.ConsumeIntegralInRange<size_t>(0, tags.size() - 1)].first << YAML::EndSeq;
  y << YAML::Key << "cite" << YAML::Value << "fuzz";
  y << YAML::Key << "message" << YAML::Value
    << "{subject} {matches} {" + FigureName(in, scope) + (in.ConsumeBool() ? ":%}" : "}");
  if (scope == FigureScope::kAgent) {
    y << YAML::Key << "top" << YAML::Value << in.ConsumeIntegralInRange(1, 20);
    if (in.ConsumeBool()) y << YAML::Key << "rank_by" << YAML::Value << FigureName(in, scope);
    y << YAML::Key << "min_matches" << YAML::Value << in.ConsumeIntegralInRange(1, 5);
    if (in.ConsumeBool()) y << YAML::Key << "organisers" << YAML::Value << true;
  } else if (scope != FigureScope::kNetwork) {
    y << YAML::Key << "min_group_agents" << YAML::Value << in.ConsumeIntegralInRange(0, 5);
  }
  if (in.ConsumeBool()) {
    y << YAML::Key << "grade" << YAML::Value << YAML::BeginMap;
    if (scope == FigureScope::kNetwork) {
      y << YAML::Key << "by" << YAML::Value << Expression(in, scope, names);
    } else {
      y << YAML::Key << "share_of" << YAML::Value << FigureName(in, scope);
    }
    y << YAML::Key << "bands" << YAML::Value << YAML::BeginSeq;
    double from = 0;
    for (int band = in.ConsumeIntegralInRange(1, 3); band > 0; --band) {
      y << YAML::Flow << YAML::BeginMap << YAML::Key << "from" << YAML::Value << from << YAML::Key
        << "severity" << YAML::Value
        << std::string(kSeverities[in.ConsumeIntegralInRange<size_t>(0, kSeverities.size() - 1)])
        << YAML::EndMap;
      from += in.ConsumeFloatingPointInRange<double>(0, 2);
    }
    y << YAML::EndSeq << YAML::EndMap;
  }
  y << YAML::EndMap << YAML::EndSeq;
  if (in.ConsumeBool()) {
    y << YAML::Key << "risk" << YAML::Value << YAML::BeginSeq << YAML::BeginMap;
    y << YAML::Key << "id" << YAML::Value << "fuzz-risk";
    y << YAML::Key << "title" << YAML::Value << "fuzz";
    y << YAML::Key << "weight" << YAML::Value << in.ConsumeIntegralInRange(1, 3);
    y << YAML::Key << "network" << YAML::Value << Expression(in, FigureScope::kNetwork, names);
    if (in.ConsumeBool()) {
      y << YAML::Key << "organiser" << YAML::Value << Expression(in, FigureScope::kAgent, names);
    }
    y << YAML::EndMap << YAML::EndSeq;
  }
  y << YAML::EndMap;
  if (!y.good()) return {};
  return y.c_str();
}

void FuzzRuleExpressions(std::string_view bytes) {
  FuzzedDataProvider in(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  const std::string yaml = PackYaml(in);
  if (!yaml.empty()) FuzzPackText(yaml);
}

}  // namespace
}  // namespace tiersight::fuzz

TIERSIGHT_FUZZ_TARGET(tiersight::fuzz::NoInit, tiersight::fuzz::FuzzRuleExpressions)
