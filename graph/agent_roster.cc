#include "graph/agent_roster.h"

#include <deque>
#include <string>

#include "base/str_cat.h"

namespace tiersight::graph {
namespace {

constexpr char kFile[] = "agents.csv";
constexpr size_t kMaxIdBytes = 128;
// A sponsor cycle is named in full up to this many agents.
constexpr size_t kCycleNamesShown = 12;

void Reject(LoadReport& report, FileCounts& counts, int64_t line, const base::Message& reason,
            std::string_view raw) {
  report.errors.push_back(LoadIssue::Of(kFile, line, reason, std::string(raw)));
  ++counts.rejected;
}

void Reject(LoadReport& report, FileCounts& counts, int64_t line, std::string_view reason,
            std::string_view raw) {
  Reject(report, counts, line, base::PlainMessage(reason), raw);
}

void CheckId(std::string_view column, std::string_view id, bool required,
             std::vector<std::string>& problems) {
  if (id.empty()) {
    if (required) problems.push_back(StrCat(column, " is empty"));
  } else if (id.size() > kMaxIdBytes) {
    problems.push_back(StrCat(column, " is longer than ", kMaxIdBytes, " bytes"));
  }
}

base::Day ReadDay(std::string_view column, std::string_view text,
                  std::vector<std::string>& problems) {
  if (text.empty()) return base::kNoDay;
  std::optional<base::Day> day = base::ParseDay(text);
  if (!day) {
    problems.push_back(StrCat(column, " '", text, "' is not a date (YYYY-MM-DD)"));
    return base::kNoDay;
  }
  return *day;
}

uint32_t SlotFor(AgentRoster& r, std::string_view id) {
  auto [slot, added] = r.ids.Intern(id);
  if (added) {
    r.state.push_back(SlotState::kUndefined);
    r.line.push_back(0);
    r.offset.push_back(0);
    r.sponsor.push_back(kNoSlot);
    r.tier.push_back(0);
    r.joined.push_back(base::kNoDay);
    r.left.push_back(base::kNoDay);
  }
  return slot;
}

// The record that starts at `offset` of the table's text, as written.
std::string_view RawRecordAt(const CsvTable& table, uint64_t offset) {
  CsvReader reader(table.text().substr(offset));
  CsvRecord record;
  return reader.Next(record) ? record.raw : std::string_view{};
}

class SponsorResolver {
 public:
  SponsorResolver(const CsvTable& table, AgentRoster& r, LoadReport& report)
      : table_(table), r_(r), report_(report), counts_(report.CountsFor(kFile)) {}

  void Run() {
    BuildChildren();
    AcceptFromTops();
    RejectBrokenLinks();
    RejectCycles();
    for (uint32_t slot : r_.rows) {
      if (r_.state[slot] == SlotState::kAccepted) ++counts_.loaded;
    }
  }

 private:
  // Recruits of every valid agent, as one flat array (counting sort).
  void BuildChildren() {
    const size_t n = r_.slots();
    child_begin_.assign(n + 1, 0);
    for (uint32_t slot : r_.rows) {
      const uint32_t s = r_.sponsor[slot];
      if (r_.state[slot] == SlotState::kValid && s != kNoSlot && s != slot) ++child_begin_[s + 1];
    }
    for (size_t i = 0; i < n; ++i) child_begin_[i + 1] += child_begin_[i];
    children_.resize(child_begin_[n]);
    std::vector<uint32_t> fill(child_begin_.begin(), child_begin_.end() - 1);
    for (uint32_t slot : r_.rows) {
      const uint32_t s = r_.sponsor[slot];
      if (r_.state[slot] == SlotState::kValid && s != kNoSlot && s != slot) {
        children_[fill[s]++] = slot;
      }
    }
  }

  template <typename Visit>
  void ForEachValidDescendant(std::deque<uint32_t>& queue, Visit visit) {
    while (!queue.empty()) {
      const uint32_t slot = queue.front();
      queue.pop_front();
      for (uint32_t i = child_begin_[slot]; i < child_begin_[slot + 1]; ++i) {
        const uint32_t child = children_[i];
        if (r_.state[child] != SlotState::kValid) continue;
        visit(child, slot);
        queue.push_back(child);
      }
    }
  }

  void AcceptFromTops() {
    std::deque<uint32_t> queue;
    for (uint32_t slot : r_.rows) {
      if (r_.state[slot] == SlotState::kValid && r_.sponsor[slot] == kNoSlot) {
        r_.state[slot] = SlotState::kAccepted;
        queue.push_back(slot);
      }
    }
    ForEachValidDescendant(
        queue, [&](uint32_t child, uint32_t) { r_.state[child] = SlotState::kAccepted; });
  }

  void RejectRow(uint32_t slot, const base::Message& reason) {
    r_.state[slot] = SlotState::kRejected;
    Reject(report_, counts_, r_.line[slot], reason, RawRecordAt(table_, r_.offset[slot]));
  }

  // Rejects everything below the agents in `queue`, naming each one's sponsor.
  void RejectDescendants(std::deque<uint32_t>& queue) {
    ForEachValidDescendant(queue, [&](uint32_t child, uint32_t sponsor) {
      RejectRow(child, base::MessageBuilder()
                           .Text("sponsor_id '")
                           .Agent("sponsor", r_.ids.Get(sponsor))
                           .Text(StrCat("' names an agent rejected at line ", r_.line[sponsor]))
                           .message());
    });
  }

  void RejectBrokenLinks() {
    std::deque<uint32_t> queue;
    for (uint32_t slot : r_.rows) {
      if (r_.state[slot] == SlotState::kAccepted || r_.state[slot] == SlotState::kIgnored) continue;
      if (r_.state[slot] == SlotState::kInvalid) {
        queue.push_back(slot);
        continue;
      }
      if (r_.state[slot] != SlotState::kValid) continue;
      const uint32_t s = r_.sponsor[slot];
      const std::string_view sponsor_id = r_.ids.Get(s);
      base::MessageBuilder reason;
      if (s == slot) {
        reason.Text("agent '")
            .Agent("agent", sponsor_id)
            .Text("' names itself as its sponsor (self-sponsor)");
      } else if (r_.state[s] == SlotState::kUndefined) {
        reason.Text("unknown sponsor_id '")
            .Agent("sponsor", sponsor_id)
            .Text("': no agents.csv row has that agent_id");
        if (r_.unreadable_records > 0) {
          // The sponsor's own row may be the one that could not be read.
          reason.Text(StrCat(" that could be read (agents.csv line ", r_.first_unreadable_line,
                             " could not be read and may hold it)"));
        }
      } else if (r_.state[s] == SlotState::kIgnored) {
        reason.Text("sponsor_id '")
            .Agent("sponsor", sponsor_id)
            .Text(StrCat("' names an agent who joined after as_of (line ", r_.line[s], ")"));
      } else if (r_.state[s] == SlotState::kInvalid) {
        reason.Text("sponsor_id '")
            .Agent("sponsor", sponsor_id)
            .Text(StrCat("' names an agent rejected at line ", r_.line[s]));
      } else {
        continue;  // a valid sponsor: a cycle, or below a broken link; decided later
      }
      RejectRow(slot, reason.message());
      queue.push_back(slot);
    }
    RejectDescendants(queue);
  }

  // What remains valid can reach neither a top nor a broken link: it sits in a
  // sponsor cycle or below one.
  void RejectCycles() {
    std::vector<uint8_t> color(r_.slots(), 0);  // 0 new, 1 on the walk, 2 done
    std::deque<uint32_t> queue;
    std::vector<uint32_t> walk;
    for (uint32_t start : r_.rows) {
      if (r_.state[start] != SlotState::kValid || color[start] != 0) continue;
      walk.clear();
      uint32_t at = start;
      while (color[at] == 0 && r_.state[at] == SlotState::kValid) {
        color[at] = 1;
        walk.push_back(at);
        at = r_.sponsor[at];
      }
      if (color[at] == 1) {
        size_t first = 0;
        while (walk[first] != at) ++first;
        std::vector<uint32_t> cycle(walk.begin() + static_cast<std::ptrdiff_t>(first), walk.end());
        for (size_t i = 0; i < cycle.size(); ++i) {
          RejectRow(cycle[i], CycleReason(cycle, i));
          queue.push_back(cycle[i]);
        }
      }
      for (uint32_t slot : walk) color[slot] = 2;
    }
    RejectDescendants(queue);
  }

  // "sponsor cycle: A -> B -> C -> A", starting at cycle[from], each agent
  // followed by its sponsor.
  base::Message CycleReason(const std::vector<uint32_t>& cycle, size_t from) const {
    base::MessageBuilder text;
    text.Text("sponsor cycle: ");
    const size_t shown = std::min(cycle.size(), kCycleNamesShown);
    for (size_t k = 0; k < shown; ++k) {
      if (k > 0) text.Text(" -> ");
      text.Agent("agent", r_.ids.Get(cycle[(from + k) % cycle.size()]));
    }
    if (shown < cycle.size()) {
      text.Text(StrCat(" -> ... (", cycle.size(), " agents in the cycle)"));
    }
    text.Text(" -> ").Agent("agent", r_.ids.Get(cycle[from]));
    return std::move(text).Build();
  }

  const CsvTable& table_;
  AgentRoster& r_;
  LoadReport& report_;
  FileCounts& counts_;
  std::vector<uint32_t> child_begin_;
  std::vector<uint32_t> children_;
};

}  // namespace

void ReadAgents(CsvTable& table, std::optional<base::Day> as_of, AgentRoster& r,
                LoadReport& report) {
  const int c_id = table.Column("agent_id");
  const int c_sponsor = table.Column("sponsor_id");
  const int c_tier = table.Column("tier");
  const int c_joined = table.Column("joined_at");
  const int c_left = table.Column("left_at");
  FileCounts& counts = report.CountsFor(kFile);
  std::vector<std::string> problems;
  CsvRecord rec;
  while (table.Next(rec)) {
    if (!rec.error.empty()) {
      Reject(report, counts, rec.line, rec.error, rec.raw);
      if (r.unreadable_records++ == 0) r.first_unreadable_line = rec.line;
      continue;
    }
    if (!table.HasAllFields(rec)) {
      Reject(report, counts, rec.line,
             StrCat("row has ", rec.fields.size(), " fields; the header has ", table.header_size()),
             rec.raw);
      // The id is still this row's: later rows naming it, or repeating it,
      // must say it was rejected rather than unknown.
      const auto c = static_cast<size_t>(c_id);
      if (c < rec.fields.size() && !rec.fields[c].empty() && rec.fields[c].size() <= kMaxIdBytes) {
        const uint32_t slot = SlotFor(r, rec.fields[c]);
        if (r.state[slot] == SlotState::kUndefined) {
          r.state[slot] = SlotState::kInvalid;
          r.line[slot] = rec.line;
        }
      }
      continue;
    }
    problems.clear();
    const std::string_view id = CsvTable::Field(rec, c_id);
    const std::string_view sponsor = CsvTable::Field(rec, c_sponsor);
    CheckId("agent_id", id, /*required=*/true, problems);
    const bool id_ok = problems.empty();
    CheckId("sponsor_id", sponsor, /*required=*/false, problems);
    const base::Day joined = ReadDay("joined_at", CsvTable::Field(rec, c_joined), problems);
    const base::Day left = ReadDay("left_at", CsvTable::Field(rec, c_left), problems);
    for (base::Day d : {joined, left}) {
      if (d != base::kNoDay && (r.latest_day == base::kNoDay || d > r.latest_day)) r.latest_day = d;
    }
    if (!id_ok) {
      Reject(report, counts, rec.line, StrJoin(problems, "; "), rec.raw);
      continue;
    }
    const uint32_t slot = SlotFor(r, id);
    if (r.state[slot] != SlotState::kUndefined) {
      base::MessageBuilder reason;
      reason.Text("duplicate agent_id '")
          .Agent("agent", id)
          .Text(StrCat("' (first defined on line ", r.line[slot], ")"));
      for (const std::string& p : problems) reason.Text("; ").Text(p);
      Reject(report, counts, rec.line, reason.message(), rec.raw);
      continue;
    }
    r.line[slot] = rec.line;
    r.offset[slot] = static_cast<uint64_t>(rec.raw.data() - table.text().data());
    r.tier[slot] = r.tier_labels.Intern(CsvTable::Field(rec, c_tier)).first;
    r.joined[slot] = joined;
    r.left[slot] = left;
    r.rows.push_back(slot);
    if (!sponsor.empty() && problems.empty()) {
      const uint32_t s = SlotFor(r, sponsor);
      r.sponsor[slot] = s;
    }
    if (!problems.empty()) {
      r.state[slot] = SlotState::kInvalid;
      Reject(report, counts, rec.line, StrJoin(problems, "; "), rec.raw);
    } else if (as_of && joined != base::kNoDay && joined > *as_of) {
      r.state[slot] = SlotState::kIgnored;
      ++counts.ignored;
    } else {
      r.state[slot] = SlotState::kValid;
    }
  }
}

void ResolveSponsors(const CsvTable& table, AgentRoster& roster, LoadReport& report) {
  SponsorResolver(table, roster, report).Run();
}

}  // namespace tiersight::graph
