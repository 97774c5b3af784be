// The `nats` destination against a real `nats-server -js` started by the test on
// loopback: closed tickets' insights arrive in the JetStream stream once each, with
// Nats-Msg-Id = insight id; publishing an insight id again (a crash re-send or a replay)
// adds nothing (JetStream's duplicate window); a subject no stream captures and a server
// that is not there are retried, never delivered.
#include <arpa/inet.h>
#include <nats/nats.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "absl/strings/str_replace.h"
#include "debrief/v1/debrief_service.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpcpp/client_context.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "server/routing/destinations/nats/nats_destination.h"
#include "tests/testing/child_process.h"
#include "tests/testing/test_env.h"
#include "tests/testing/test_server.h"
#include "tests/testing/wait_until.h"

namespace debrief {
namespace {

constexpr char kStream[] = "DEBRIEF_INSIGHTS";
constexpr char kSubject[] = "debrief.insights";

std::string NatsServerPath() {
  for (const char* path : {"/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server"}) {
    if (::access(path, X_OK) == 0) return path;
  }
  return "";
}

// A loopback port nobody listens on right now.
int FreePort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address));
  socklen_t length = sizeof(address);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

v1::Ticket ClosedTicket(int n) {
  v1::Ticket ticket;
  ticket.set_source(v1::SOURCE_ZENDESK);
  ticket.set_ticket_id("ZD-" + std::to_string(9100 + n));
  ticket.set_delivery_id("nats-" + std::to_string(n));
  ticket.set_subject("Export crashes, thinking about Looker Studio");
  ticket.mutable_account()->set_id("acct-" + std::to_string(n));
  v1::Message* first = ticket.add_messages();
  first->set_author_role(v1::AUTHOR_ROLE_CUSTOMER);
  first->set_is_public(true);
  first->set_body_text(
      "The CSV export crashes with HTTP 500 Internal Server Error again. Honestly, Looker Studio "
      "is half the price. It would be great if the export could run in the background.");
  return ticket;
}

class NatsRouteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string binary = NatsServerPath();
    if (binary.empty()) {
      GTEST_SKIP() << "nats-server is not installed (scripts/install-deps.sh installs it)";
    }
    port_ = FreePort();
    store_dir_ = testing::MakeTempDir("nats-js");
    nats_ = testing::ChildProcess::Start(
        binary, {"-js", "-a", "127.0.0.1", "-p", std::to_string(port_), "-sd", store_dir_});
    ASSERT_NE(nats_, nullptr);
    ASSERT_TRUE(nats_->WaitForError("Server is ready", absl::Seconds(20))) << nats_->stderr_text();
    url_ = "nats://127.0.0.1:" + std::to_string(port_);
    ASSERT_EQ(natsConnection_ConnectTo(&connection_, url_.c_str()), NATS_OK);
    ASSERT_EQ(natsConnection_JetStream(&js_, connection_, nullptr), NATS_OK);
    jsStreamConfig config;
    jsStreamConfig_Init(&config);
    config.Name = kStream;
    const char* subjects[] = {kSubject};
    config.Subjects = subjects;
    config.SubjectsLen = 1;
    config.Storage = js_MemoryStorage;
    jsStreamInfo* info = nullptr;
    jsErrCode error = static_cast<jsErrCode>(0);
    ASSERT_EQ(js_AddStream(&info, js_, &config, nullptr, &error), NATS_OK) << error;
    jsStreamInfo_Destroy(info);
  }

  void TearDown() override {
    if (js_ != nullptr) jsCtx_Destroy(js_);
    if (connection_ != nullptr) natsConnection_Destroy(connection_);
    if (nats_ != nullptr) {
      nats_->Signal(SIGTERM);
      EXPECT_TRUE(nats_->WaitForExit(absl::Seconds(20)).has_value());
    }
    if (!store_dir_.empty()) std::filesystem::remove_all(store_dir_);
  }

  uint64_t StoredMessages() {
    jsStreamInfo* info = nullptr;
    jsErrCode error = static_cast<jsErrCode>(0);
    if (js_GetStreamInfo(&info, js_, kStream, nullptr, &error) != NATS_OK) return 0;
    const uint64_t count = info->State.Msgs;
    jsStreamInfo_Destroy(info);
    return count;
  }

  // Every message of the stream: its Nats-Msg-Id → its body's insight_id.
  std::vector<std::pair<std::string, std::string>> ReadStream() {
    std::vector<std::pair<std::string, std::string>> out;
    const uint64_t count = StoredMessages();
    for (uint64_t seq = 1; seq <= count; ++seq) {
      natsMsg* message = nullptr;
      jsErrCode error = static_cast<jsErrCode>(0);
      EXPECT_EQ(js_GetMsg(&message, js_, kStream, seq, nullptr, &error), NATS_OK) << seq;
      if (message == nullptr) continue;
      const char* msg_id = "";
      natsMsgHeader_Get(message, "Nats-Msg-Id", &msg_id);
      const nlohmann::json body = nlohmann::json::parse(
          std::string(natsMsg_GetData(message), natsMsg_GetDataLength(message)));
      out.emplace_back(msg_id, body.value("insight_id", ""));
      natsMsg_Destroy(message);
    }
    return out;
  }

  config::DestinationOptions Options(const std::string& subject) {
    config::DestinationOptions options;
    options.name = "events";
    options.kind = "nats";
    options.url = url_;
    options.subject = subject;
    options.timeout = absl::Seconds(5);
    return options;
  }

  int port_ = 0;
  std::string store_dir_;
  std::string url_;
  std::unique_ptr<testing::ChildProcess> nats_;
  natsConnection* connection_ = nullptr;
  jsCtx* js_ = nullptr;
};

TEST_F(NatsRouteTest, EveryInsightOfAClosedTicketArrivesOnceWithItsIdAsNatsMsgId) {
  std::string config = absl::StrReplaceAll(
      testing::ShippedConfig(),
      {{"\ndestinations:\n", "\ndestinations:\n  events:\n    kind: nats\n    url: " + url_ +
                                 "\n    subject: " + kSubject + "\n"},
       {"\nroutes:\n", "\nroutes:\n  - {name: all_to_nats, destination: events}\n"}});
  auto server = testing::TestServer::Start(config);
  ASSERT_NE(server, nullptr);
  auto stub = v1::Debrief::NewStub(server->channel());
  std::set<std::string> routed;
  for (int n = 1; n <= 3; ++n) {
    v1::OnTicketClosedRequest request;
    *request.mutable_ticket() = ClosedTicket(n);
    // Twice: the replayed close queues nothing new.
    for (int times = 0; times < 2; ++times) {
      v1::OnTicketClosedResponse response;
      grpc::ClientContext context;
      context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
      const grpc::Status status = stub->OnTicketClosed(&context, request, &response);
      ASSERT_TRUE(status.ok()) << status.error_message();
      for (const v1::RoutedInsight& insight : response.debriefing().routed()) routed.insert(insight.insight_id());
    }
  }
  ASSERT_GE(routed.size(), 3u);
  ASSERT_TRUE(testing::WaitUntil([&] { return StoredMessages() >= routed.size(); }));
  server->Stop();
  const auto messages = ReadStream();
  ASSERT_EQ(messages.size(), routed.size());
  std::set<std::string> ids;
  for (const auto& [msg_id, insight_id] : messages) {
    EXPECT_EQ(msg_id, insight_id);
    ids.insert(insight_id);
  }
  EXPECT_EQ(ids, routed);
}

TEST_F(NatsRouteTest, PublishingAnInsightIdAgainAddsNoDuplicate) {
  auto destination = routing::NatsDestination::Create(Options(kSubject));
  ASSERT_TRUE(destination.ok()) << destination.status();
  core::Insight insight;
  insight.insight_id = core::InsightId("close-key", "competitor_mentioned", "looker");
  insight.kind = "competitor_mentioned";
  insight.audience = core::Team::kSales;
  insight.account_id = "acme";
  insight.created_at = absl::Now();
  insight.body_json = R"({"competitor":"Looker Studio"})";
  core::Delivery delivery{.insight_id = insight.insight_id, .destination = "events", .route = "r"};
  for (int attempt = 1; attempt <= 3; ++attempt) {
    const routing::DeliveryResult result = (*destination)->Deliver(insight, delivery, attempt);
    EXPECT_EQ(result.outcome, routing::DeliveryResult::Outcome::kDelivered) << result.error;
  }
  EXPECT_EQ(StoredMessages(), 1u);
  core::Insight other = insight;
  other.insight_id = core::InsightId("close-key-2", "competitor_mentioned", "looker");
  EXPECT_EQ((*destination)->Deliver(other, delivery, 1).outcome, routing::DeliveryResult::Outcome::kDelivered);
  EXPECT_EQ(StoredMessages(), 2u);
  const auto messages = ReadStream();
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0].first, insight.insight_id);
  EXPECT_EQ(messages[1].first, other.insight_id);
}

TEST_F(NatsRouteTest, ASubjectNoStreamCapturesAndAMissingServerAreRetried) {
  auto nowhere = routing::NatsDestination::Create(Options("nobody.listens.here"));
  ASSERT_TRUE(nowhere.ok()) << nowhere.status();
  core::Insight insight;
  insight.insight_id = core::InsightId("close-key", "feature_requested", "");
  insight.kind = "feature_requested";
  insight.body_json = "{}";
  core::Delivery delivery{.insight_id = insight.insight_id, .destination = "events", .route = "r"};
  routing::DeliveryResult result = (*nowhere)->Deliver(insight, delivery, 1);
  EXPECT_EQ(result.outcome, routing::DeliveryResult::Outcome::kRetry);
  EXPECT_THAT(result.error, ::testing::HasSubstr("no JetStream stream captures subject nobody.listens.here"));

  config::DestinationOptions absent = Options(kSubject);
  absent.url = "nats://127.0.0.1:" + std::to_string(FreePort());
  absent.connect_timeout = absl::Milliseconds(200);
  absent.timeout = absl::Milliseconds(500);
  auto down = routing::NatsDestination::Create(absent);
  ASSERT_TRUE(down.ok()) << down.status();  // connects in the background
  result = (*down)->Deliver(insight, delivery, 1);
  EXPECT_EQ(result.outcome, routing::DeliveryResult::Outcome::kRetry);
  EXPECT_FALSE(result.error.empty());
  EXPECT_EQ(StoredMessages(), 0u);
}

TEST_F(NatsRouteTest, BadSubjectsAndUrlsAreRefusedNamingTheKey) {
  auto wildcard = routing::NatsDestination::Create(Options("debrief.*"));
  EXPECT_EQ(wildcard.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(wildcard.status().message()), ::testing::StartsWith("destinations.events.subject:"));
  config::DestinationOptions http = Options(kSubject);
  http.url = "http://127.0.0.1:4222";
  auto wrong = routing::NatsDestination::Create(http);
  EXPECT_THAT(std::string(wrong.status().message()), ::testing::StartsWith("destinations.events.url:"));
}

}  // namespace
}  // namespace debrief
