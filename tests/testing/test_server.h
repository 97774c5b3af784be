// The real debriefd, started in-process on free ports with a private data dir, for
// integration tests:
//
//   auto server = TestServer::Start();                // the shipped config/debrief.yaml
//   auto stub = v1::Debrief::NewStub(server->channel());
//   httplib::Client http("127.0.0.1", server->http_port());
#ifndef DEBRIEF_TESTS_TESTING_TEST_SERVER_H_
#define DEBRIEF_TESTS_TESTING_TEST_SERVER_H_

#include <memory>
#include <string>

#include "grpcpp/channel.h"
#include "server/app/debriefd.h"

namespace debrief::testing {

class TestServer {
 public:
  // Starts with `config_yaml` (the shipped config when empty) written to a temp dir; the
  // listen addresses and data dir are overridden with 127.0.0.1:0 and a fresh dir.
  // Fails the test (and returns nullptr) when the server does not start.
  static std::unique_ptr<TestServer> Start(const std::string& config_yaml = "");
  // Starts again on an existing data dir (a "restart").
  static std::unique_ptr<TestServer> Restart(const std::string& config_path,
                                             const std::string& data_dir);
  ~TestServer();

  app::Debriefd& server() { return *server_; }
  int grpc_port() const { return server_->grpc_port(); }
  int http_port() const { return server_->http_port(); }
  std::string grpc_target() const;
  // A channel to the gRPC port (created on first use).
  std::shared_ptr<grpc::Channel> channel();
  const std::string& config_path() const { return config_path_; }
  const std::string& data_dir() const { return data_dir_; }
  // Stops the server (drain and close); later calls to the ports fail.
  void Stop();

 private:
  TestServer() = default;
  std::unique_ptr<app::Debriefd> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::string config_path_;
  std::string data_dir_;
};

// The shipped config/debrief.yaml.
std::string ShippedConfig();

}  // namespace debrief::testing

#endif  // DEBRIEF_TESTS_TESTING_TEST_SERVER_H_
