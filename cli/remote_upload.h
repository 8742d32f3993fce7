// The `upload` verb: streams a bundle directory to tiersightd as an
// UploadNetwork call and prints the stored network's load report, name and
// digest, as `tiersight check` prints a local load.
#pragma once

#include <string>

#include "clients/cpp/remote_channel.h"

namespace tiersight::cli {

struct UploadCommandOptions {
  std::string bundle;
  client::RemoteOptions remote;
  std::string format = "text";  // text | json (the UploadNetworkResponse)
  std::string display_name;     // empty: the network's name in network.yaml
};

// Exit codes: 0 stored and clean, 1 stored with rejected rows (as `check`),
// or nothing stored (a refused bundle, a malformed CSV record, a failed
// call), 2 no token.
int RunUploadCommand(const UploadCommandOptions& options);

}  // namespace tiersight::cli
