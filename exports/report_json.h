// The one JSON printer of reports, so that the CLI's stdout JSON and the
// exported report.json print every message the same way. Thread-safe.
#pragma once

#include <google/protobuf/message.h>

#include <string>

namespace tiersight::exports {

// Proto field names, every field present (zeros included), indented, a final
// newline. Doubles print as the shortest text that reads back to the same
// value, so the same message always gives the same bytes.
std::string ReportJson(const google::protobuf::Message& message);

}  // namespace tiersight::exports
