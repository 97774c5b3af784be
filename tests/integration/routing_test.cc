// Insight routing end to end through the real server: a closed ticket's insights are
// committed with the close and delivered, signed per Standard Webhooks, to a receiver on
// loopback that verifies every signature; Debriefing.routed names them; a replayed close
// yields the same insight ids and queues nothing new.
#include <sqlite3.h>

#include <set>
#include <string>
#include <thread>

#include "absl/strings/escaping.h"
#include "absl/strings/str_replace.h"
#include "absl/synchronization/mutex.h"
#include "debrief/v1/debrief_service.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpcpp/client_context.h"
#include "gtest/gtest.h"
#include "httplib.h"
#include "nlohmann/json.hpp"
#include "tests/testing/loopback_http.h"
#include "tests/testing/test_server.h"
#include "tests/testing/wait_until.h"

namespace debrief {
namespace {

constexpr char kKeyBytes[] = "integration signing key";

// A Standard Webhooks receiver on loopback: verifies each request's signature and keeps
// the webhook-ids and bodies of the valid ones.
class Receiver {
 public:
  Receiver() : http_([this](httplib::Server& server) {
    server.Post("/hooks", [this](const httplib::Request& req, httplib::Response& res) {
      absl::MutexLock lock(&mu_);
      if (!testing::HasValidStandardWebhookSignature(req, kKeyBytes)) {
        ++bad_signatures_;
        res.status = 401;
        return;
      }
      ids_.push_back(req.get_header_value("webhook-id"));
      bodies_.push_back(nlohmann::json::parse(req.body));
      res.status = 204;
    });
  }) {}
  int port() const { return http_.port(); }
  std::vector<std::string> ids() {
    absl::MutexLock lock(&mu_);
    return ids_;
  }
  std::vector<nlohmann::json> bodies() {
    absl::MutexLock lock(&mu_);
    return bodies_;
  }
  int bad_signatures() {
    absl::MutexLock lock(&mu_);
    return bad_signatures_;
  }

 private:
  absl::Mutex mu_;
  std::vector<std::string> ids_ ABSL_GUARDED_BY(mu_);
  std::vector<nlohmann::json> bodies_ ABSL_GUARDED_BY(mu_);
  int bad_signatures_ ABSL_GUARDED_BY(mu_) = 0;
  // Last: it stops serving before the members its handler uses go away.
  testing::LoopbackHttpServer http_;
};

v1::Ticket ClosedTicket() {
  v1::Ticket ticket;
  ticket.set_source(v1::SOURCE_ZENDESK);
  ticket.set_ticket_id("ZD-9001");
  ticket.set_delivery_id("routing-1");
  ticket.set_subject("Export crashes, thinking about Looker Studio");
  ticket.set_url("https://acme.zendesk.com/agent/tickets/9001");
  ticket.mutable_requester()->set_email("dana@acme-corp.com");
  ticket.mutable_account()->set_id("acme");
  ticket.mutable_account()->set_name("Acme Corp");
  v1::Message* first = ticket.add_messages();
  first->set_author_role(v1::AUTHOR_ROLE_CUSTOMER);
  first->set_is_public(true);
  first->set_body_text(
      "The CSV export crashes with HTTP 500 Internal Server Error again. We're really frustrated. "
      "Honestly, Looker Studio is half the price. It would be great if the export could run in "
      "the background.");
  v1::Message* reply = ticket.add_messages();
  reply->set_author_role(v1::AUTHOR_ROLE_AGENT);
  reply->set_is_public(true);
  reply->set_body_text("Sorry, it was a bug on our side: we deployed a fix this morning.");
  return ticket;
}

int64_t CountRows(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr), SQLITE_OK);
  int64_t count = -1;
  if (sqlite3_step(statement) == SQLITE_ROW) count = sqlite3_column_int64(statement, 0);
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return count;
}

TEST(RoutingTest, ACloseInsightsArriveSignedAtTheWebhookAndAReplayQueuesNothingNew) {
  Receiver receiver;
  setenv("DEBRIEF_IT_WEBHOOK_SECRET", ("whsec_" + absl::Base64Escape(kKeyBytes)).c_str(), 1);
  std::string config = testing::ShippedConfig();
  config = absl::StrReplaceAll(
      config, {{"\ndestinations:\n",
                "\ndestinations:\n  receiver:\n    kind: webhook\n    url: http://127.0.0.1:" +
                    std::to_string(receiver.port()) +
                    "/hooks\n    secrets: [{env: DEBRIEF_IT_WEBHOOK_SECRET}]\n"},
               {"\nroutes:\n", "\nroutes:\n  - {name: all_to_receiver, destination: receiver}\n"}});
  auto server = testing::TestServer::Start(config);
  ASSERT_NE(server, nullptr);
  auto stub = v1::Debrief::NewStub(server->channel());

  v1::OnTicketClosedRequest request;
  *request.mutable_ticket() = ClosedTicket();
  v1::OnTicketClosedResponse first;
  {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    const grpc::Status status = stub->OnTicketClosed(&context, request, &first);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
  std::set<std::string> routed;
  std::set<std::string> kinds;
  for (const v1::RoutedInsight& insight : first.debriefing().routed()) {
    EXPECT_EQ(insight.destination(), "receiver");
    routed.insert(insight.insight_id());
    kinds.insert(insight.kind());
  }
  EXPECT_THAT(kinds, ::testing::IsSupersetOf({"competitor_mentioned", "feature_requested", "error_reported"}));

  ASSERT_TRUE(testing::WaitUntil([&] { return receiver.ids().size() >= routed.size(); }));
  const std::vector<std::string> ids = receiver.ids();
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()), routed);
  EXPECT_EQ(receiver.bad_signatures(), 0);
  for (const nlohmann::json& body : receiver.bodies()) {
    EXPECT_EQ(body["data"]["account_id"], "acme");
    EXPECT_EQ(body["type"], body["data"]["kind"]);
    // The raw e-mail address never leaves in a body.
    EXPECT_THAT(body.dump(), ::testing::Not(::testing::HasSubstr("dana@acme-corp.com")));
  }

  // The same close again: same insight ids, no new outbox rows.
  v1::OnTicketClosedResponse again;
  {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    ASSERT_TRUE(stub->OnTicketClosed(&context, request, &again).ok());
  }
  EXPECT_TRUE(again.debriefing().replayed());
  std::set<std::string> replayed_ids;
  for (const v1::RoutedInsight& insight : again.debriefing().routed()) replayed_ids.insert(insight.insight_id());
  EXPECT_EQ(replayed_ids, routed);
  const std::string db = server->data_dir() + "/debrief.db";
  ASSERT_TRUE(testing::WaitUntil([&] {
    return CountRows(db, "SELECT COUNT(*) FROM outbox WHERE state = 'delivered'") ==
           static_cast<int64_t>(routed.size());
  }));
  server->Stop();
  EXPECT_EQ(CountRows(db, "SELECT COUNT(*) FROM outbox"), static_cast<int64_t>(routed.size()));
  EXPECT_EQ(receiver.ids().size(), routed.size());
}

}  // namespace
}  // namespace debrief
