#include "core/report_diff.h"

#include <fmt/format.h>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/message_differencer.h>

#include <set>
#include <utility>

#include "report/canonical_json.h"

namespace tiersight::core {
namespace {

namespace pb = google::protobuf;
using Differencer = pb::util::MessageDifferencer;
using FieldPath = std::vector<Differencer::SpecificField>;

constexpr size_t kShownValueChars = 80;

// The item of a repeated field a path step names, on the stated side (the
// fresh side for an item only the fresh report has).
int IndexOf(const Differencer::SpecificField& step) {
  return step.index >= 0 ? step.index : step.new_index;
}

// The differences MessageDifferencer finds, in its order (field number, then
// index): scalar fields whose values differ, and repeated items only one side
// has. The messages holding a changed field, which it reports after their
// fields, say nothing more and are left out.
class LeafCollector : public Differencer::Reporter {
 public:
  struct Leaf {
    FieldPath path;
    bool count_differs;  // an item only one side has
  };

  void ReportAdded(const pb::Message&, const pb::Message&, const FieldPath& path) override {
    leaves_.push_back({path, true});
  }
  void ReportDeleted(const pb::Message&, const pb::Message&, const FieldPath& path) override {
    leaves_.push_back({path, true});
  }
  void ReportModified(const pb::Message&, const pb::Message&, const FieldPath& path) override {
    const Differencer::SpecificField& last = path.back();
    const bool whole_repeated_field = last.field->is_repeated() && IndexOf(last) < 0;
    if (last.field->cpp_type() != pb::FieldDescriptor::CPPTYPE_MESSAGE && !whole_repeated_field) {
      leaves_.push_back({path, false});
    }
  }

  const std::vector<Leaf>& leaves() const { return leaves_; }

 private:
  std::vector<Leaf> leaves_;
};

// The message holding the last field of `path` (each step's item taken
// from `root`'s side).
const pb::Message& Holder(const pb::Message& root, const FieldPath& path) {
  const pb::Message* message = &root;
  for (size_t i = 0; i + 1 < path.size(); ++i) {
    const pb::Reflection& r = *message->GetReflection();
    const pb::FieldDescriptor* field = path[i].field;
    message = field->is_repeated() ? &r.GetRepeatedMessage(*message, field, IndexOf(path[i]))
                                   : &r.GetMessage(*message, field);
  }
  return *message;
}

// Field `f` of `m`, or its item `i` when `f` is repeated, read through the
// reflection accessors for its type.
template <typename T>
T Read(const pb::Message& m, const pb::FieldDescriptor* f, int i,
       T (pb::Reflection::*single)(const pb::Message&, const pb::FieldDescriptor*) const,
       T (pb::Reflection::*repeated)(const pb::Message&, const pb::FieldDescriptor*, int) const) {
  const pb::Reflection& r = *m.GetReflection();
  return f->is_repeated() ? (r.*repeated)(m, f, i) : (r.*single)(m, f);
}

// A scalar field's value as the report's JSON writes it.
pb::Value JsonValue(const pb::Message& m, const pb::FieldDescriptor* f, int i) {
  using R = pb::Reflection;
  pb::Value v;
  switch (f->cpp_type()) {
    case pb::FieldDescriptor::CPPTYPE_INT32:
      v.set_number_value(Read(m, f, i, &R::GetInt32, &R::GetRepeatedInt32));
      break;
    case pb::FieldDescriptor::CPPTYPE_UINT32:
      v.set_number_value(Read(m, f, i, &R::GetUInt32, &R::GetRepeatedUInt32));
      break;
    // 64-bit integers are strings in proto JSON: a double would round them.
    case pb::FieldDescriptor::CPPTYPE_INT64:
      v.set_string_value(std::to_string(Read(m, f, i, &R::GetInt64, &R::GetRepeatedInt64)));
      break;
    case pb::FieldDescriptor::CPPTYPE_UINT64:
      v.set_string_value(std::to_string(Read(m, f, i, &R::GetUInt64, &R::GetRepeatedUInt64)));
      break;
    case pb::FieldDescriptor::CPPTYPE_DOUBLE:
      v.set_number_value(Read(m, f, i, &R::GetDouble, &R::GetRepeatedDouble));
      break;
    case pb::FieldDescriptor::CPPTYPE_FLOAT:
      v.set_number_value(Read(m, f, i, &R::GetFloat, &R::GetRepeatedFloat));
      break;
    case pb::FieldDescriptor::CPPTYPE_BOOL:
      v.set_bool_value(Read(m, f, i, &R::GetBool, &R::GetRepeatedBool));
      break;
    case pb::FieldDescriptor::CPPTYPE_ENUM:
      v.set_string_value(Read(m, f, i, &R::GetEnum, &R::GetRepeatedEnum)->name());
      break;
    case pb::FieldDescriptor::CPPTYPE_STRING:
      v.set_string_value(Read(m, f, i, &R::GetString, &R::GetRepeatedString));
      break;
    case pb::FieldDescriptor::CPPTYPE_MESSAGE:
      break;  // never a leaf
  }
  return v;
}

// At most kShownValueChars bytes of the value's JSON, cut before a whole
// UTF-8 character.
std::string Shown(const pb::Value& value) {
  std::string text = report::CanonicalJson(value);
  if (text.size() <= kShownValueChars) return text;
  size_t cut = kShownValueChars;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "...";
}

// "levels[3].spend": the steps of `path` before `end`, a repeated one with
// its item; the first step called `first` instead when that is given.
std::string StepsText(const FieldPath& path, size_t end, const std::string& first) {
  std::string text;
  for (size_t i = 0; i < end; ++i) {
    if (i > 0) text += '.';
    if (i == 0 && !first.empty()) {
      text += first;
      continue;
    }
    text += path[i].field->name();
    if (path[i].field->is_repeated()) text += fmt::format("[{}]", IndexOf(path[i]));
  }
  return text;
}

// The sections whose items are reported one line each, named by what
// tells them apart, so that a reader sees which finding, verdict or
// organiser changed; the other sections give one line each.
bool Itemised(const pb::FieldDescriptor* section) {
  const std::string& name = section->name();
  return name == "findings" || name == "verdicts" || name == "organiser_risks";
}

// The small sections whose every changed field gets a line of its own, so
// that a report whose rejected rows, currency and engine version were all
// edited is told so three times, not once.
bool PerField(const pb::FieldDescriptor* section) {
  const std::string& name = section->name();
  return name == "load" || name == "bundle" || name == "provenance";
}

// The provenance fields a fresh audit cannot disagree with, or that the
// caller checks itself: when and how the report was exported, the bundle
// digest and the packs (checked by digest), and the options verify
// reapplies (jurisdiction, pack selection); the export's own id and
// whether its time was fixed (the signature covers both).
constexpr const char* kProvenanceNotCompared[] = {
    "bundle_digest", "packs",        "generated_at",   "personal_data", "pseudonym_key_id",
    "html_renderer", "jurisdiction", "pack_selection", "time_fixed",    "report_id"};

// "findings[3] (cn cn-7-2-entry-fee)", "verdicts[0] (cn)",
// "organiser_risks[2] (A17 in cn)". REQUIRES: Itemised(section).
std::string ItemName(const tiersight::v1::AuditReport& report, const pb::FieldDescriptor* section,
                     int i) {
  const std::string& name = section->name();
  if (name == "findings") {
    const tiersight::v1::Finding& f = report.findings(i);
    return fmt::format("findings[{}] ({} {})", i, f.pack(), f.rule_id());
  }
  if (name == "verdicts") {
    return fmt::format("verdicts[{}] ({})", i, report.verdicts(i).jurisdiction());
  }
  const tiersight::v1::OrganiserRisk& o = report.organiser_risks(i);
  return fmt::format("organiser_risks[{}] ({} in {})", i, o.agent_id(), o.jurisdiction());
}

}  // namespace

std::vector<std::string> DiffAuditReports(const tiersight::v1::AuditReport& stated,
                                          const tiersight::v1::AuditReport& fresh) {
  const pb::Descriptor& report = *tiersight::v1::AuditReport::descriptor();
  std::vector<const pb::FieldDescriptor*> compared;
  for (const char* name :
       {"network", "levels", "tiers", "load", "bundle", "negative_on_hand_agent_ids", "findings",
        "provenance", "verdicts", "risk", "organiser_risks", "branches", "organiser_teams",
        "branch_pyramids"}) {
    compared.push_back(report.FindFieldByName(name));
  }

  Differencer differencer;
  const pb::Descriptor& provenance = *tiersight::v1::Provenance::descriptor();
  for (const char* name : kProvenanceNotCompared) {
    differencer.IgnoreField(provenance.FindFieldByName(name));
  }
  // Proto3 leaves zeros unset: a field is compared by its value, never
  // reported as present on one side only.
  differencer.set_message_field_comparison(Differencer::EQUIVALENT);
  LeafCollector collector;
  differencer.ReportDifferencesTo(&collector);
  differencer.CompareWithFields(stated, fresh, compared, compared);

  // One line per section, and per item of an itemised section: its first
  // difference.
  std::vector<std::string> out;
  std::set<std::pair<const pb::FieldDescriptor*, int>> reported;
  for (const LeafCollector::Leaf& leaf : collector.leaves()) {
    const FieldPath& path = leaf.path;
    const pb::FieldDescriptor* section = path[0].field;
    const bool itemised = Itemised(section);
    if (itemised && path.size() == 1) {
      if (reported.emplace(section, -1).second) {
        out.push_back(fmt::format("{}: the report has {}, a fresh audit gives {}", section->name(),
                                  stated.GetReflection()->FieldSize(stated, section),
                                  fresh.GetReflection()->FieldSize(fresh, section)));
      }
      continue;
    }
    int item = itemised ? path[0].index : -1;
    if (PerField(section) && path.size() > 1) item = path[1].field->number();
    if (!reported.emplace(section, item).second) continue;
    // Named as the fresh report has the item: what the report should say.
    const std::string item_name = itemised ? ItemName(fresh, section, item) : std::string();
    const pb::FieldDescriptor* field = path.back().field;
    if (leaf.count_differs) {
      const std::string holder = StepsText(path, path.size() - 1, item_name);
      const pb::Message& a = Holder(stated, path);
      const pb::Message& b = Holder(fresh, path);
      out.push_back(fmt::format("{}{}: the report has {} entries, a fresh audit gives {}", holder,
                                holder.empty() ? field->name() : "." + field->name(),
                                a.GetReflection()->FieldSize(a, field),
                                b.GetReflection()->FieldSize(b, field)));
      continue;
    }
    const int index = field->is_repeated() ? IndexOf(path.back()) : -1;
    out.push_back(fmt::format("{}: the report says {}, a fresh audit gives {}",
                              StepsText(path, path.size(), item_name),
                              Shown(JsonValue(Holder(stated, path), field, index)),
                              Shown(JsonValue(Holder(fresh, path), field, index))));
  }
  return out;
}

}  // namespace tiersight::core
