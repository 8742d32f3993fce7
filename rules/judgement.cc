#include "rules/judgement.h"

#include <algorithm>
#include <map>

#include "base/str_cat.h"
#include "rules/rule_program.h"

namespace tiersight::rules {
namespace {

struct Bands {
  double priority = 0.3;
  double suspected = 0.5;
  double highest = 0.7;
};

std::string BandOf(const Bands& b, double index) {
  if (index >= b.highest) return "highest";
  if (index >= b.suspected) return "suspected";
  if (index >= b.priority) return "priority";
  return "general";
}

double Clamp01(double v) {
  if (!(v > 0)) return 0;  // NaN too
  return v > 1 ? 1 : v;
}

std::string Upper(std::string s) {
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return s;
}

// Fills "{count}" and "{organisers}" of an element's phrase.
std::string Phrase(std::string phrase, const std::vector<const Finding*>& findings) {
  int64_t count = 0;
  size_t organisers = 0;
  for (const Finding* f : findings) {
    count = std::max<int64_t>(count, static_cast<int64_t>(f->subjects.size()));
    organisers = std::max(organisers, f->organisers.size());
  }
  auto fill = [&](const std::string& key, const std::string& value) {
    for (size_t at = phrase.find(key); at != std::string::npos; at = phrase.find(key)) {
      phrase.replace(at, key.size(), value);
    }
  };
  fill("{count}", StrCat(count));
  fill("{organisers}", StrCat(organisers));
  return phrase;
}

class Group {
 public:
  std::string code;
  std::vector<size_t> packs;  // indexes into the compiled packs
};

}  // namespace

std::string JurisdictionOf(const RulePack& pack) {
  return pack.jurisdictions.empty() ? std::string("any") : pack.jurisdictions.front();
}

Judgement Judge(const std::vector<CompiledPack>& packs, const std::vector<Finding>& findings,
                graph::FigureTable& table, const PackParamValues& params,
                const std::string& network_jurisdiction) {
  // Packs by jurisdiction, the network's own first, `any` last.
  std::map<std::string, std::vector<size_t>> by_code;
  for (size_t i = 0; i < packs.size(); ++i) by_code[JurisdictionOf(*packs[i].pack)].push_back(i);
  std::vector<Group> groups;
  if (auto it = by_code.find(network_jurisdiction); it != by_code.end()) {
    groups.push_back({it->first, it->second});
  }
  for (const auto& [code, indexes] : by_code) {
    if (code != network_jurisdiction && code != "any") groups.push_back({code, indexes});
  }
  if (auto it = by_code.find("any"); it != by_code.end() && network_jurisdiction != "any") {
    groups.push_back({it->first, it->second});
  }

  Judgement out;
  for (const Group& group : groups) {
    JurisdictionVerdict v;
    v.jurisdiction = group.code;
    std::string name = Upper(group.code);
    std::string offence;
    Bands bands;
    std::vector<std::pair<std::string, std::string>> phrases;
    for (size_t i : group.packs) {
      const RulePack& pack = *packs[i].pack;
      v.packs.push_back(pack.name);
      if (!pack.verdict.name.empty() && offence.empty()) {
        name = pack.verdict.name;
        offence = pack.verdict.offence;
      }
      for (const auto& e : pack.verdict.elements) phrases.push_back(e);
      const ParamValues& values = params[i];
      if (auto p = values.find("risk_priority"); p != values.end()) bands.priority = p->second;
      if (auto p = values.find("risk_suspected"); p != values.end()) bands.suspected = p->second;
      if (auto p = values.find("risk_highest"); p != values.end()) bands.highest = p->second;
    }
    // Elements: findings at medium or above, one phrase per tag (the first
    // tag a pack gives a phrase for), in the order of severity.
    std::vector<std::string> tags_seen;
    std::map<std::string, std::vector<const Finding*>> by_tag;
    for (const Finding& f : findings) {
      if (std::find(v.packs.begin(), v.packs.end(), f.pack) == v.packs.end()) continue;
      if (f.severity >= Severity::kMedium) {
        std::string tag = f.tags.empty() ? f.rule_id : f.tags.front();
        for (const std::string& t : f.tags) {
          const bool phrased = std::any_of(phrases.begin(), phrases.end(),
                                           [&](const auto& p) { return p.first == t; });
          if (phrased) {
            tag = t;
            break;
          }
        }
        if (!by_tag.contains(tag)) tags_seen.push_back(tag);
        by_tag[tag].push_back(&f);
      } else {
        v.notes.push_back(StrCat(f.title, " (", SeverityName(f.severity), ")"));
      }
    }
    for (const std::string& tag : tags_seen) {
      std::string phrase = tag;
      for (const auto& [t, p] : phrases) {
        if (t == tag) {
          phrase = p;
          break;
        }
      }
      v.elements.push_back(Phrase(phrase, by_tag[tag]));
    }
    v.elements_met = !v.elements.empty();
    const std::string subject =
        offence.empty() ? std::string("a pyramid or loading scheme") : offence;
    if (v.elements_met) {
      v.text = StrCat(name, ": elements of ", subject, " met — ", StrJoin(v.elements, "; "));
    } else {
      v.text = StrCat(name, ": no element of ", subject, " met");
    }
    if (!v.notes.empty()) {
      StrAppend(v.text, "; ", v.notes.size(),
                v.notes.size() == 1 ? " note: " : " notes: ", StrJoin(v.notes, "; "));
    }

    // The risk index of the network, then of each organiser the group's
    // findings name.
    double total = 0;
    for (size_t i : group.packs) {
      for (const CompiledIndicator& ind : packs[i].risk) total += ind.spec->weight;
    }
    for (size_t i : group.packs) {
      table.BindParams(FigureParamValues(packs[i], params[i]));
      for (const CompiledIndicator& ind : packs[i].risk) {
        RuleProgram program(ind.network, table, params[i]);
        RiskScore s{.pack = packs[i].pack->name,
                    .id = ind.spec->id,
                    .title = ind.spec->title,
                    .weight = ind.spec->weight,
                    .score = Clamp01(program.Eval(0)),
                    .contribution = 0};
        s.contribution = total > 0 ? s.weight * s.score / total : 0;
        v.risk.index += s.contribution;
        v.risk.indicators.push_back(std::move(s));
      }
    }
    v.risk.band = BandOf(bands, v.risk.index);

    std::vector<std::pair<uint32_t, std::string>> organisers;
    for (const Finding& f : findings) {
      if (std::find(v.packs.begin(), v.packs.end(), f.pack) == v.packs.end()) continue;
      for (const OrganiserRow& o : f.organisers) {
        const bool known = std::any_of(organisers.begin(), organisers.end(),
                                       [&](const auto& x) { return x.first == o.agent; });
        if (!known) organisers.emplace_back(o.agent, o.agent_id);
      }
    }
    for (const auto& [agent, id] : organisers) {
      OrganiserRisk risk{.agent = agent, .agent_id = id, .jurisdiction = group.code, .risk = {}};
      for (size_t i : group.packs) {
        table.BindParams(FigureParamValues(packs[i], params[i]));
        for (const CompiledIndicator& ind : packs[i].risk) {
          double score = 0;
          if (ind.organiser) {
            RuleProgram program(*ind.organiser, table, params[i]);
            score = Clamp01(program.Eval(agent));
          } else {
            RuleProgram program(ind.network, table, params[i]);
            score = Clamp01(program.Eval(0));
          }
          RiskScore s{.pack = packs[i].pack->name,
                      .id = ind.spec->id,
                      .title = ind.spec->title,
                      .weight = ind.spec->weight,
                      .score = score,
                      .contribution = 0};
          s.contribution = total > 0 ? s.weight * s.score / total : 0;
          risk.risk.index += s.contribution;
          risk.risk.indicators.push_back(std::move(s));
        }
      }
      risk.risk.band = BandOf(bands, risk.risk.index);
      out.organisers.push_back(std::move(risk));
    }
    out.verdicts.push_back(std::move(v));
  }
  for (const JurisdictionVerdict& v : out.verdicts) {
    if (v.jurisdiction == network_jurisdiction) {
      out.risk = v.risk;
      break;
    }
    if (v.risk.index > out.risk.index || out.risk.band.empty()) out.risk = v.risk;
  }
  if (out.risk.band.empty()) out.risk.band = "general";
  return out;
}

}  // namespace tiersight::rules
