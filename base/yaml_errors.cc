#include "base/yaml_errors.h"

#include <yaml-cpp/eventhandler.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <sstream>
#include <vector>

#include "absl/strings/cord.h"
#include "base/str_cat.h"

namespace tiersight::base {
namespace {

// The payload type of YamlError's place.
constexpr char kPlacePayload[] = "type.tiersight/base.YamlPlace";

// Flow collections nest by brackets, which a short line can do a million
// times over; yaml-cpp recurses per level. Counted before parsing, outside
// quotes and comments.
std::optional<size_t> FlowTooDeep(std::string_view text, int max_nesting) {
  int depth = 0;
  char quote = 0;
  bool comment = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (comment) {
      if (c == '\n') comment = false;
      continue;
    }
    if (quote != 0) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '"' || c == '\'') {
      // A quote starts a quoted scalar only at the start of a token.
      const char before = i == 0 ? ' ' : text[i - 1];
      if (before == ' ' || before == '[' || before == '{' || before == ',' || before == ':' ||
          before == '\n' || before == '\t' || before == '-') {
        quote = c;
      }
      continue;
    }
    if (c == '#' && (i == 0 || text[i - 1] == ' ' || text[i - 1] == '\n')) {
      comment = true;
      continue;
    }
    if (c == '[' || c == '{') {
      if (++depth > max_nesting) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::nullopt;
}

absl::Status CheckNode(const YAML::Node& node, const std::string& file, int depth,
                       int max_nesting) {
  if (depth > max_nesting) {
    return YamlError(PlaceOf(file, node), StrCat("nested deeper than ", max_nesting, " levels"));
  }
  if (node.IsMap()) {
    std::vector<std::string> seen;
    for (const auto& kv : node) {
      if (kv.first.IsScalar()) {
        const std::string& key = kv.first.Scalar();
        for (const std::string& s : seen) {
          if (s == key)
            return YamlError(PlaceOf(file, kv.first), StrCat("`", key, "` is given twice"));
        }
        seen.push_back(key);
      }
      absl::Status s = CheckNode(kv.second, file, depth + 1, max_nesting);
      if (!s.ok()) return s;
    }
  } else if (node.IsSequence()) {
    for (const YAML::Node& item : node) {
      absl::Status s = CheckNode(item, file, depth + 1, max_nesting);
      if (!s.ok()) return s;
    }
  }
  return absl::OkStatus();
}

// Where a text's documents start, from the parser's events, without
// building them: the mark of each document's start and of its first node.
class DocumentMarks final : public YAML::EventHandler {
 public:
  YAML::Mark start;
  std::optional<YAML::Mark> first_node;

  void OnDocumentStart(const YAML::Mark& mark) override {
    start = mark;
    first_node.reset();
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { Node(mark); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { Node(mark); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                const std::string&) override {
    Node(mark);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    Node(mark);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    Node(mark);
  }
  void OnMapEnd() override {}

 private:
  void Node(const YAML::Mark& mark) {
    if (!first_node) first_node = mark;
  }
};

YamlPlace PlaceAtOffset(const std::string& file, std::string_view text, size_t offset) {
  YamlPlace place{file, 1, 1};
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++place.line;
      place.column = 1;
    } else {
      ++place.column;
    }
  }
  return place;
}

}  // namespace

YamlPlace PlaceOf(const std::string& file, const YAML::Mark& mark) {
  if (mark.is_null()) return YamlPlace{file, 0, 0};
  return YamlPlace{file, mark.line + 1, mark.column + 1};
}

YamlPlace PlaceOf(const std::string& file, const YAML::Node& node) {
  return PlaceOf(file, node.Mark());
}

std::string Located(const YamlPlace& place, std::string_view message) {
  if (place.line <= 0) return StrCat(place.file, ": ", message);
  return StrCat(place.file, ":", place.line, ":", place.column, ": ", message);
}

absl::Status YamlError(const YamlPlace& place, std::string_view message) {
  absl::Status status = absl::InvalidArgumentError(Located(place, message));
  // "line:column:file", the file last since it may hold colons.
  status.SetPayload(kPlacePayload,
                    absl::Cord(StrCat(place.line, ":", place.column, ":", place.file)));
  return status;
}

std::optional<YamlFault> YamlFaultOf(const absl::Status& status) {
  // Debian's abseil has its own optional type.
  const absl::optional<absl::Cord> payload = status.GetPayload(kPlacePayload);
  if (!payload) return std::nullopt;
  const std::string text(*payload);
  YamlFault fault;
  const char* const end = text.data() + text.size();
  const auto [after_line, line_error] = std::from_chars(text.data(), end, fault.place.line);
  if (line_error != std::errc() || after_line == end || *after_line != ':') return std::nullopt;
  const auto [after_column, column_error] =
      std::from_chars(after_line + 1, end, fault.place.column);
  if (column_error != std::errc() || after_column == end || *after_column != ':') {
    return std::nullopt;
  }
  fault.place.file.assign(after_column + 1, end);
  const std::string located(status.message());
  const std::string prefix = Located(fault.place, "");
  if (!located.starts_with(prefix)) return std::nullopt;
  fault.message = located.substr(prefix.size());
  return fault;
}

absl::StatusOr<YAML::Node> LoadYamlDocument(std::string_view text, const std::string& file,
                                            int max_nesting) {
  if (const size_t nul = text.find('\0'); nul != std::string_view::npos) {
    return YamlError(PlaceAtOffset(file, text, nul), "a NUL byte; YAML text cannot hold one");
  }
  if (std::optional<size_t> deep = FlowTooDeep(text, max_nesting)) {
    return YamlError(PlaceAtOffset(file, text, *deep),
                     StrCat("nested deeper than ", max_nesting, " levels"));
  }
  // Whether there is a second document is asked of the parser's events,
  // one document at a time: yaml-cpp 0.7 leaves a `,` outside [ ] or { }
  // unread and starts a new empty document at it, again and again, so
  // YAML::LoadAll never returns on such a text.
  const std::string copy(text);
  YAML::Node document;
  try {
    std::istringstream in(copy);
    YAML::Parser parser(in);
    DocumentMarks marks;
    if (!parser.HandleNextDocument(marks)) return YAML::Node();
    if (parser.HandleNextDocument(marks)) {
      const size_t at = static_cast<size_t>(std::max(marks.start.pos, 0));
      if (at < text.size() && text[at] == ',') {
        return YamlError(PlaceOf(file, marks.start),
                         "a `,` outside a flow collection ([ ] or { }); YAML reads no further");
      }
      return YamlError(PlaceOf(file, marks.first_node.value_or(marks.start)),
                       "a second YAML document (after `---`); the file must hold exactly one");
    }
    document = YAML::Load(copy);
  } catch (const YAML::ParserException& e) {
    return YamlError(PlaceOf(file, e.mark), e.msg);
  } catch (const YAML::Exception& e) {
    return YamlError(PlaceOf(file, e.mark), e.msg);
  }
  absl::Status checked = CheckNode(document, file, 0, max_nesting);
  if (!checked.ok()) return checked;
  return document;
}

std::optional<bool> CoreBool(const YAML::Node& scalar) {
  if (!scalar.IsScalar()) return std::nullopt;
  const std::string& s = scalar.Scalar();
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  return std::nullopt;
}

std::optional<int64_t> CoreInt(const YAML::Node& scalar) {
  if (!scalar.IsScalar()) return std::nullopt;
  std::string_view s = scalar.Scalar();
  if (!s.empty() && s[0] == '+') s.remove_prefix(1);
  const std::string_view digits = !s.empty() && s[0] == '-' ? s.substr(1) : s;
  if (digits.empty() || (digits.size() > 1 && digits[0] == '0')) return std::nullopt;
  int64_t value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return value;
}

std::optional<double> CoreFloat(const YAML::Node& scalar) {
  if (!scalar.IsScalar()) return std::nullopt;
  std::string_view s = scalar.Scalar();
  if (!s.empty() && s[0] == '+') s.remove_prefix(1);
  if (s.empty()) return std::nullopt;
  for (char c : s) {
    const bool ok =
        (c >= '0' && c <= '9') || c == '.' || c == '-' || c == 'e' || c == 'E' || c == '+';
    if (!ok) return std::nullopt;
  }
  double value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

}  // namespace tiersight::base
