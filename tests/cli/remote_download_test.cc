// `tiersight download` against a server that sends what it should not: only
// the bundle's own files are ever kept, and only when their digest is the
// network's.
#include "cli/remote_download.h"

#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "graph/bundle_digest.h"
#include "tiersight/v1/audit_service.grpc.pb.h"

namespace tiersight::cli {
namespace {

namespace fs = std::filesystem;
namespace v1 = tiersight::v1;

using Files = std::vector<std::pair<std::string, std::string>>;

const Files kBundle = {{"agents.csv", "agent_id,sponsor_id,tier,joined_at\nA1,,T,2026-01-01\n"},
                       {"network.yaml", "name: Fake\ntiers: [T]\n"}};

std::string DigestOf(const Files& files) {
  std::vector<graph::FileSha256> shas;
  for (const auto& [name, data] : files) shas.emplace_back(name, graph::Sha256OfText(data));
  return graph::BundleDigestOf(shas);
}

// Answers GetNetwork with `digest` and ExportNetwork with `files`.
class FakeAuditService final : public v1::AuditService::Service {
 public:
  FakeAuditService(Files files, std::string digest)
      : files_(std::move(files)), digest_(std::move(digest)) {}

  grpc::Status GetNetwork(grpc::ServerContext*, const v1::GetNetworkRequest* request,
                          v1::GetNetworkResponse* response) override {
    response->mutable_network()->set_name(request->name());
    response->mutable_network()->set_digest(digest_);
    return grpc::Status::OK;
  }

  grpc::Status ExportNetwork(grpc::ServerContext*, const v1::ExportNetworkRequest*,
                             grpc::ServerWriter<v1::ExportNetworkResponse>* writer) override {
    for (const auto& [name, data] : files_) {
      v1::ExportNetworkResponse chunk;
      chunk.set_file(name);
      chunk.set_data(data);
      writer->Write(chunk);
    }
    return grpc::Status::OK;
  }

 private:
  Files files_;
  std::string digest_;
};

class RemoteDownloadTest : public ::testing::Test {
 protected:
  RemoteDownloadTest() {
    std::string pattern = (fs::temp_directory_path() / "tiersight-download-XXXXXX").string();
    EXPECT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    ::setenv("TIERSIGHT_TOKEN", "fake-token", 1);
  }
  ~RemoteDownloadTest() override {
    if (server_) server_->Shutdown();
    fs::remove_all(dir_);
  }

  // Downloads from a fake server into dir_/out; the exit code.
  int Download(Files files, const std::string& digest) {
    service_ = std::make_unique<FakeAuditService>(std::move(files), digest);
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(service_.get());
    server_ = builder.BuildAndStart();
    EXPECT_GT(port, 0);
    DownloadCommandOptions options;
    options.remote.server = "127.0.0.1:" + std::to_string(port);
    options.network = "n1";
    options.out = (dir_ / "out").string();
    return RunDownloadCommand(options);
  }

  // Every name under dir_, relative to it.
  std::vector<std::string> Tree() const {
    std::vector<std::string> names;
    for (const auto& e : fs::recursive_directory_iterator(dir_)) {
      names.push_back(fs::relative(e.path(), dir_).string());
    }
    std::sort(names.begin(), names.end());
    return names;
  }

  fs::path dir_;
  std::unique_ptr<FakeAuditService> service_;
  std::unique_ptr<grpc::Server> server_;
};

TEST_F(RemoteDownloadTest, Defect15_AFileOutsideTheBundleIsRefusedAndNothingKept) {
  Files files = kBundle;
  files.emplace_back("run-me.sh", "#!/bin/sh\necho owned\n");
  // The digest covers the bundle files only, so it matches: the name alone
  // must refuse it.
  EXPECT_EQ(Download(files, DigestOf(kBundle)), 1);
  EXPECT_THAT(Tree(), ::testing::IsEmpty());
}

TEST_F(RemoteDownloadTest, Defect15_AFileSentTwiceIsRefused) {
  Files files = kBundle;
  files.push_back(kBundle.front());
  EXPECT_EQ(Download(files, DigestOf(kBundle)), 1);
  EXPECT_THAT(Tree(), ::testing::IsEmpty());
}

TEST_F(RemoteDownloadTest, Defect15_FilesThatDoNotMatchTheDigestAreNotKept) {
  Files files = kBundle;
  files[0].second += "A2,A1,T,2026-01-02\n";
  EXPECT_EQ(Download(files, DigestOf(kBundle)), 1);
  EXPECT_THAT(Tree(), ::testing::IsEmpty());
}

TEST_F(RemoteDownloadTest, TheBundleFilesWithTheirDigestAreWritten) {
  EXPECT_EQ(Download(kBundle, DigestOf(kBundle)), 0);
  EXPECT_THAT(Tree(), ::testing::ElementsAre("out", "out/agents.csv", "out/network.yaml"));
  std::ifstream in(dir_ / "out" / "agents.csv", std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), kBundle[0].second);
}

}  // namespace
}  // namespace tiersight::cli
