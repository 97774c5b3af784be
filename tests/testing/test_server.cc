#include "tests/testing/test_server.h"

#include "absl/strings/str_cat.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "tests/testing/test_env.h"

namespace debrief::testing {

std::string ShippedConfig() { return ReadFile(SourceDir() + "/config/debrief.yaml"); }

std::unique_ptr<TestServer> TestServer::Start(const std::string& config_yaml) {
  const std::string dir = MakeTempDir("server");
  const std::string config_path =
      WriteFile(dir, "debrief.yaml", config_yaml.empty() ? ShippedConfig() : config_yaml);
  return Restart(config_path, dir + "/data");
}

std::unique_ptr<TestServer> TestServer::Restart(const std::string& config_path,
                                                const std::string& data_dir) {
  std::unique_ptr<TestServer> test_server(new TestServer());
  test_server->config_path_ = config_path;
  test_server->data_dir_ = data_dir;
  app::Overrides overrides;
  overrides.config_path = config_path;
  overrides.grpc_listen = "127.0.0.1:0";
  overrides.http_listen = "127.0.0.1:0";
  overrides.data_dir = data_dir;
  auto server = app::Debriefd::Start(overrides);
  if (!server.ok()) {
    ADD_FAILURE() << "debriefd did not start: " << server.status();
    return nullptr;
  }
  test_server->server_ = std::move(*server);
  return test_server;
}

TestServer::~TestServer() { Stop(); }

void TestServer::Stop() {
  channel_.reset();
  if (server_ != nullptr) server_->Shutdown();
}

std::string TestServer::grpc_target() const { return absl::StrCat("127.0.0.1:", grpc_port()); }

std::shared_ptr<grpc::Channel> TestServer::channel() {
  if (channel_ == nullptr) {
    channel_ = grpc::CreateChannel(grpc_target(), grpc::InsecureChannelCredentials());
  }
  return channel_;
}

}  // namespace debrief::testing
