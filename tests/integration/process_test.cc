// debriefd as a real child process: SIGTERM drains in-flight calls and exits 0, SIGHUP
// reloads the configuration (a bad file is rejected with a log line naming the key and
// the old configuration keeps serving), and check-config reports the first problem.
#include <signal.h>

#include <atomic>
#include <filesystem>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "debrief/v1/debrief_service.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "httplib.h"
#include "tests/testing/child_process.h"
#include "tests/testing/test_env.h"
#include "tests/testing/test_server.h"

namespace debrief {
namespace {

using ::testing::HasSubstr;

struct Running {
  std::unique_ptr<testing::ChildProcess> process;
  int grpc_port = 0;
  int http_port = 0;
  std::string config_path;
};

Running StartDebriefd(const std::string& config) {
  Running running;
  const std::string dir = testing::MakeTempDir("process");
  running.config_path = testing::WriteFile(dir, "debrief.yaml", config);
  running.process = testing::ChildProcess::Start(
      testing::DebriefdPath(), {"serve", "--config", running.config_path, "--grpc-listen",
                                "127.0.0.1:0", "--http-listen", "127.0.0.1:0", "--data-dir",
                                dir + "/data"});
  if (running.process == nullptr) return running;
  auto grpc = running.process->WaitForOutput("gRPC  port ", absl::Seconds(60));
  auto http = running.process->WaitForOutput("HTTP  port ", absl::Seconds(60));
  if (grpc && http) {
    (void)absl::SimpleAtoi(grpc->substr(0, grpc->find(' ')), &running.grpc_port);
    (void)absl::SimpleAtoi(http->substr(0, http->find(' ')), &running.http_port);
  }
  return running;
}

v1::OnTicketClosedRequest Close(int i) {
  v1::OnTicketClosedRequest request;
  v1::Ticket* ticket = request.mutable_ticket();
  ticket->set_source(v1::SOURCE_GENERIC);
  ticket->set_ticket_id(absl::StrCat("P-", i));
  v1::Message* message = ticket->add_messages();
  message->set_author_role(v1::AUTHOR_ROLE_CUSTOMER);
  message->set_body_text("I was charged twice and need a refund for the duplicate charge");
  return request;
}

TEST(ProcessTest, SigtermDrainsInFlightCallsAndExitsCleanly) {
  Running server = StartDebriefd(testing::ShippedConfig());
  ASSERT_NE(server.process, nullptr);
  ASSERT_GT(server.grpc_port, 0) << server.process->stderr_text();
  auto channel = grpc::CreateChannel(absl::StrCat("127.0.0.1:", server.grpc_port),
                                     grpc::InsecureChannelCredentials());
  auto stub = v1::Debrief::NewStub(channel);
  std::atomic<int> ok{0};
  std::atomic<int> refused{0};
  std::atomic<int> other{0};
  std::atomic<int> started{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < 4; ++c) {
    clients.emplace_back([&, c] {
      for (int i = 0; i < 50; ++i) {
        grpc::ClientContext context;
        context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
        v1::OnTicketClosedResponse response;
        started.fetch_add(1);
        const grpc::Status status = stub->OnTicketClosed(&context, Close(c * 1000 + i), &response);
        if (status.ok()) {
          ok.fetch_add(1);
        } else if (status.error_code() == grpc::StatusCode::UNAVAILABLE ||
                   status.error_code() == grpc::StatusCode::CANCELLED) {
          // Arrived after the drain began (gRPC refuses it, or cancels one it had read
          // but not yet handed to the service): not acknowledged, so the client retries;
          // closes are idempotent.
          refused.fetch_add(1);
        } else {
          other.fetch_add(1);
          ADD_FAILURE() << status.error_code() << ": " << status.error_message();
        }
      }
    });
  }
  // Let the load get going, then ask for a graceful stop while calls are in flight.
  const absl::Time deadline = absl::Now() + absl::Seconds(60);
  while (ok.load() < 20 && other.load() == 0 && absl::Now() < deadline) std::this_thread::yield();
  server.process->Signal(SIGTERM);
  for (std::thread& client : clients) client.join();
  const auto code = server.process->WaitForExit(absl::Seconds(60));
  ASSERT_TRUE(code.has_value());
  EXPECT_EQ(*code, 0) << server.process->stderr_text();
  EXPECT_THAT(server.process->stderr_text(), HasSubstr("shutting down: draining"));
  EXPECT_THAT(server.process->stderr_text(), HasSubstr("stopped"));
  // Every log line of a close carries its decision id.
  EXPECT_THAT(server.process->stderr_text(), ::testing::ContainsRegex("decision=dcl_[0-9A-Z]{26} recorded close"));
  EXPECT_GE(ok.load(), 20);
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(ok.load() + refused.load(), 200);
}

TEST(ProcessTest, SighupReloadsAGoodConfigAndRejectsABadOneNamingTheKey) {
  const std::string shipped = testing::ShippedConfig();
  Running server = StartDebriefd(shipped);
  ASSERT_NE(server.process, nullptr);
  ASSERT_GT(server.http_port, 0) << server.process->stderr_text();

  std::string bad = shipped;
  bad.replace(bad.find("\nstorage:\n"), 10, "\nstorage:\n  sqlite_fle: x.db\n");
  testing::WriteFile(std::filesystem::path(server.config_path).parent_path().string(),
                     "debrief.yaml", bad);
  server.process->Signal(SIGHUP);
  ASSERT_TRUE(server.process->WaitForError("config reload rejected", absl::Seconds(30)))
      << server.process->stderr_text();
  EXPECT_THAT(server.process->stderr_text(), HasSubstr("storage.sqlite_fle: unknown key"));
  httplib::Client http("127.0.0.1", server.http_port);
  auto ready = http.Get("/readyz");
  ASSERT_TRUE(ready);
  EXPECT_EQ(ready->status, 200);  // the old configuration keeps serving

  std::string good = shipped;
  good.replace(good.find("threshold: 0.5"), 14, "threshold: 0.6");
  testing::WriteFile(std::filesystem::path(server.config_path).parent_path().string(),
                     "debrief.yaml", good);
  server.process->Signal(SIGHUP);
  ASSERT_TRUE(server.process->WaitForError("config reloaded: version", absl::Seconds(30)))
      << server.process->stderr_text();
  server.process->Signal(SIGTERM);
  EXPECT_EQ(server.process->WaitForExit(absl::Seconds(60)), 0);
}

TEST(ProcessTest, CheckConfigPrintsTheFirstProblemAndExitsOne) {
  const std::string dir = testing::MakeTempDir("check");
  const std::string good = testing::WriteFile(dir, "good.yaml", testing::ShippedConfig());
  auto ok = testing::ChildProcess::Start(testing::DebriefdPath(), {"check-config", good});
  ASSERT_NE(ok, nullptr);
  EXPECT_EQ(ok->WaitForExit(absl::Seconds(30)), 0);
  EXPECT_THAT(ok->stdout_text(), HasSubstr("OK"));

  const std::string bad = testing::WriteFile(
      dir, "bad.yaml",
      "escalation:\n  rules:\n    - name: vip\n      when: [{field: acount.arr, op: '>', value: 1}]\n"
      "      level: urgent\n      team: success\n");
  auto failed = testing::ChildProcess::Start(testing::DebriefdPath(), {"check-config", bad});
  ASSERT_NE(failed, nullptr);
  EXPECT_EQ(failed->WaitForExit(absl::Seconds(30)), 1);
  EXPECT_THAT(failed->stderr_text(),
              HasSubstr("escalation.rules[0] (\"vip\").when[0]: unknown field \"acount.arr\""));

  auto missing = testing::ChildProcess::Start(testing::DebriefdPath(),
                                              {"check-config", dir + "/none.yaml"});
  ASSERT_NE(missing, nullptr);
  EXPECT_EQ(missing->WaitForExit(absl::Seconds(30)), 1);
}

TEST(ProcessTest, BadStartupConfigExitsNonZeroWithOneLine) {
  const std::string dir = testing::MakeTempDir("badstart");
  const std::string bad = testing::WriteFile(dir, "bad.yaml", "server:\n  grpc_listen: nope\n");
  auto child = testing::ChildProcess::Start(testing::DebriefdPath(), {"serve", "--config", bad});
  ASSERT_NE(child, nullptr);
  EXPECT_EQ(child->WaitForExit(absl::Seconds(30)), 1);
  EXPECT_THAT(child->stderr_text(), HasSubstr("server.grpc_listen: must be HOST:PORT"));
}

}  // namespace
}  // namespace debrief
