// The `download` verb: writes a stored network's bundle files (ExportNetwork)
// into a new directory, so that a report the service made can be verified
// against exactly the records it audited (`tiersight verify --bundle DIR`).
#pragma once

#include <string>

#include "clients/cpp/remote_channel.h"

namespace tiersight::cli {

struct DownloadCommandOptions {
  client::RemoteOptions remote;
  std::string network;  // "networks/ID" or ID
  std::string out;      // a directory that must not exist yet
};

// Exit codes: 0 written and its digest is the network's, 1 nothing written
// (a failed call, an existing directory, a digest that does not match),
// 2 no token.
int RunDownloadCommand(const DownloadCommandOptions& options);

}  // namespace tiersight::cli
