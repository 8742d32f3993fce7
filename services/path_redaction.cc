#include "services/path_redaction.h"

#include <algorithm>
#include <filesystem>

#include "base/str_cat.h"
#include "services/pack_names.h"

namespace tiersight::services {
namespace {

namespace fs = std::filesystem;

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-';
}

// The path segment of `text` at `pos` (up to the next character that is
// not a name character).
std::string_view SegmentAt(std::string_view text, size_t pos) {
  size_t end = pos;
  while (end < text.size() && IsNameChar(text[end])) ++end;
  return text.substr(pos, end - pos);
}

// What a path below the data directory is called: `rest` starts after the
// root's '/'; `taken` is set to how much of it the name replaces.
std::string DataName(std::string_view rest, size_t& taken) {
  const std::string_view top = SegmentAt(rest, 0);
  const bool deeper = rest.size() > top.size() && rest[top.size()] == '/';
  const std::string_view id = deeper ? SegmentAt(rest, top.size() + 1) : std::string_view();
  const size_t through_id = top.size() + 1 + id.size();
  if (top == "staging" && !id.empty()) {
    // An upload has no name yet: its files go by their bundle names.
    const bool file_follows = rest.size() > through_id && rest[through_id] == '/';
    taken = through_id + (file_follows ? 1 : 0);
    return file_follows ? "" : "the upload";
  }
  if (top == "audits" && id.ends_with(".json")) {
    taken = through_id;
    return StrCat("audits/", id.substr(0, id.size() - 5));
  }
  taken = 0;  // networks/ID/... and the rest: named relative to the root
  return "";
}

std::string PackName(std::string_view rest, size_t& taken) {
  const std::string_view file = SegmentAt(rest, 0);
  if (file.ends_with(".yaml") && IsPackId(file.substr(0, file.size() - 5))) {
    taken = file.size();
    return StrCat(kRulePackNamePrefix, file.substr(0, file.size() - 5));
  }
  taken = 0;
  return "";
}

}  // namespace

PathRedactor::PathRedactor(const std::string& data_dir, const std::string& packs_dir) {
  Add(data_dir, Kind::kData);
  Add(packs_dir, Kind::kPacks);
  std::sort(roots_.begin(), roots_.end(),
            [](const Root& a, const Root& b) { return a.path.size() > b.path.size(); });
}

void PathRedactor::Add(const std::string& dir, Kind kind) {
  if (dir.empty()) return;
  std::error_code ec;
  std::vector<std::string> forms = {dir};
  const fs::path absolute = fs::absolute(dir, ec).lexically_normal();
  if (!ec) forms.push_back(absolute.string());
  const fs::path canonical = fs::weakly_canonical(dir, ec);
  if (!ec) forms.push_back(canonical.string());
  for (std::string form : forms) {
    while (form.size() > 1 && form.back() == '/') form.pop_back();
    // A bare relative name ("data") would match ordinary words.
    if (form.find('/') == std::string::npos || form == "/") continue;
    const bool known =
        std::any_of(roots_.begin(), roots_.end(), [&](const Root& r) { return r.path == form; });
    if (!known) roots_.push_back({form, kind});
  }
}

std::string PathRedactor::RedactRoot(std::string_view message, const Root& root) const {
  std::string out;
  size_t from = 0;
  while (true) {
    const size_t at = message.find(root.path, from);
    if (at == std::string_view::npos) break;
    const size_t after = at + root.path.size();
    // Only a whole path: not the tail of a longer one, not a longer name.
    const bool starts = at == 0 || (!IsNameChar(message[at - 1]) && message[at - 1] != '/');
    const bool ends = after == message.size() || !IsNameChar(message[after]);
    if (!starts || !ends) {
      out.append(message.substr(from, after - from));
      from = after;
      continue;
    }
    out.append(message.substr(from, at - from));
    if (after < message.size() && message[after] == '/') {
      const std::string_view rest = message.substr(after + 1);
      size_t taken = 0;
      const std::string name =
          root.kind == Kind::kData ? DataName(rest, taken) : PackName(rest, taken);
      out.append(name);
      from = after + 1 + taken;
    } else {
      out.append(root.kind == Kind::kData ? "the data directory" : "the shipped packs directory");
      from = after;
    }
  }
  out.append(message.substr(from));
  return out;
}

std::string PathRedactor::Redact(std::string_view message) const {
  std::string text(message);
  for (const Root& root : roots_) {
    if (text.find(root.path) != std::string::npos) text = RedactRoot(text, root);
  }
  return text;
}

absl::Status PathRedactor::Redact(const absl::Status& status) const {
  if (status.ok() || roots_.empty()) return status;
  const std::string_view message(status.message().data(), status.message().size());
  return absl::Status(status.code(), Redact(message));
}

}  // namespace tiersight::services
