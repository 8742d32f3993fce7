#include "report/canonical_json.h"

#include <fmt/format.h>
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <vector>

#include "base/hex.h"
#include "base/str_cat.h"
#include "report/json_depth.h"

namespace tiersight::report {
namespace {

void AppendString(std::string& out, const std::string& s) {
  out.push_back('"');
  for (char c : s) {
    auto byte = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        out.append("\\\"");
        break;
      case '\\':
        out.append("\\\\");
        break;
      case '\b':
        out.append("\\b");
        break;
      case '\t':
        out.append("\\t");
        break;
      case '\n':
        out.append("\\n");
        break;
      case '\f':
        out.append("\\f");
        break;
      case '\r':
        out.append("\\r");
        break;
      default:
        if (byte < 0x20) {
          out.append("\\u00");
          out.append(base::HexEncode(std::string_view(&c, 1)));
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

void AppendNumber(std::string& out, double v) {
  // 2^53: every integer below it is exact in a double, so printing it as an
  // integer is both exact and what every JSON producer would write.
  constexpr double kExactIntegers = 9007199254740992.0;
  // JSON has no NaN or infinity and the parser rejects them; a Value built
  // in code with one prints as null rather than as invalid JSON.
  if (!std::isfinite(v)) {
    out.append("null");
    return;
  }
  if (std::trunc(v) == v && std::fabs(v) < kExactIntegers) {
    fmt::format_to(std::back_inserter(out), "{}", static_cast<long long>(v));
  } else {
    // The shortest form that reads back to the same double, as the C++
    // standard specifies it ([charconv]: fixed or scientific, whichever is
    // shorter, fixed on a tie), so the bytes do not depend on a library's
    // formatting choices. NaN and infinity cannot come from JSON.
    char buffer[64];
    auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, v);
    out.append(buffer, error == std::errc() ? end : buffer);
  }
}

void AppendValue(std::string& out, const google::protobuf::Value& value) {
  using google::protobuf::Value;
  switch (value.kind_case()) {
    case Value::kNullValue:
    case Value::KIND_NOT_SET:
      out.append("null");
      break;
    case Value::kBoolValue:
      out.append(value.bool_value() ? "true" : "false");
      break;
    case Value::kNumberValue:
      AppendNumber(out, value.number_value());
      break;
    case Value::kStringValue:
      AppendString(out, value.string_value());
      break;
    case Value::kListValue: {
      out.push_back('[');
      bool first = true;
      for (const Value& item : value.list_value().values()) {
        if (!first) out.push_back(',');
        first = false;
        AppendValue(out, item);
      }
      out.push_back(']');
      break;
    }
    case Value::kStructValue: {
      // protobuf's Map iterates in hash order, so the order is imposed here.
      // std::string compares as unsigned bytes (char_traits<char>::lt), which
      // is UTF-8 byte order.
      const auto& fields = value.struct_value().fields();
      std::vector<const std::string*> keys;
      keys.reserve(fields.size());
      for (const auto& [key, unused] : fields) keys.push_back(&key);
      std::sort(keys.begin(), keys.end(),
                [](const std::string* a, const std::string* b) { return *a < *b; });
      out.push_back('{');
      bool first = true;
      for (const std::string* key : keys) {
        if (!first) out.push_back(',');
        first = false;
        AppendString(out, *key);
        out.push_back(':');
        AppendValue(out, fields.at(*key));
      }
      out.push_back('}');
      break;
    }
  }
}

}  // namespace

absl::StatusOr<google::protobuf::Value> ParseJson(std::string_view json) {
  if (absl::Status depth = CheckJsonDepth(json); !depth.ok()) {
    return absl::InvalidArgumentError(StrCat("not valid JSON: ", std::string(depth.message())));
  }
  google::protobuf::Value value;
  auto status = google::protobuf::util::JsonStringToMessage(std::string(json), &value);
  if (!status.ok()) {
    return absl::InvalidArgumentError(StrCat("not valid JSON: ", std::string(status.message())));
  }
  return value;
}

std::string CanonicalJson(const google::protobuf::Value& value) {
  std::string out;
  AppendValue(out, value);
  return out;
}

absl::StatusOr<std::string> CanonicalJson(std::string_view json) {
  absl::StatusOr<google::protobuf::Value> value = ParseJson(json);
  if (!value.ok()) return value.status();
  return CanonicalJson(*value);
}

}  // namespace tiersight::report
