// The SaaS destinations end to end through the real server: closed tickets' insights reach
// receivers on 127.0.0.1 playing Slack (Block Kit, at most one message per second, a 429's
// Retry-After honoured), Jira Cloud (one issue per error fingerprint, comments for later
// occurrences, the mapping kept across a restart), HubSpot (notes on the company) and
// Salesforce (completed Tasks on the Account).
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
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

using ::testing::HasSubstr;
using nlohmann::json;

// One request as the receiver saw it.
struct Received {
  absl::Time at;
  std::string path;
  std::string authorization;
  json body;
  int answered = 0;
};

// An HTTP server on loopback that records every POST and answers from `answer`
// (path, index of the request) -> (status, body, Retry-After).
class Receiver {
 public:
  struct Answer {
    int status = 200;
    std::string body = "";
    std::string retry_after = "";
  };
  using Responder = std::function<Answer(const std::string& path, int index)>;

  explicit Receiver(Responder responder) : responder_(std::move(responder)), http_([this](httplib::Server& server) {
    server.Post(".*", [this](const httplib::Request& req, httplib::Response& res) {
      absl::MutexLock lock(&mu_);
      const Answer answer = responder_(req.path, static_cast<int>(received_.size()));
      received_.push_back({absl::Now(), req.path, req.get_header_value("Authorization"),
                           json::parse(req.body, nullptr, false), answer.status});
      res.status = answer.status;
      if (!answer.retry_after.empty()) res.set_header("Retry-After", answer.retry_after);
      res.set_content(answer.body, "application/json");
    });
  }) {}
  std::string base() const { return http_.url(); }
  std::vector<Received> received() {
    absl::MutexLock lock(&mu_);
    return received_;
  }
  // Requests answered 2xx.
  std::vector<Received> accepted() {
    std::vector<Received> out;
    for (const Received& r : received()) {
      if (r.answered >= 200 && r.answered < 300) out.push_back(r);
    }
    return out;
  }

 private:
  Responder responder_;
  absl::Mutex mu_;
  std::vector<Received> received_ ABSL_GUARDED_BY(mu_);
  // Last: it stops serving before the members its handler uses go away.
  testing::LoopbackHttpServer http_;
};

v1::Ticket ClosedTicket(const std::string& id, const std::string& account_id, const std::string& customer_text) {
  v1::Ticket ticket;
  ticket.set_source(v1::SOURCE_ZENDESK);
  ticket.set_ticket_id(id);
  ticket.set_delivery_id("delivery-" + id);
  ticket.set_subject("Problem report " + id);
  ticket.set_url("https://acme.zendesk.com/agent/tickets/" + id);
  ticket.mutable_account()->set_id(account_id);
  ticket.mutable_account()->set_name("Acme & Sons");
  v1::Message* first = ticket.add_messages();
  first->set_author_role(v1::AUTHOR_ROLE_CUSTOMER);
  first->set_is_public(true);
  first->set_body_text(customer_text);
  v1::Message* reply = ticket.add_messages();
  reply->set_author_role(v1::AUTHOR_ROLE_AGENT);
  reply->set_is_public(true);
  reply->set_body_text("Thanks, we deployed a fix this morning.");
  return ticket;
}

constexpr char kExportCrash[] =
    "The CSV export crashes with HTTP 500 Internal Server Error again. We're really frustrated. "
    "Honestly, Looker Studio is half the price. It would be great if the export could run in the background.";
constexpr char kConnectionReset[] = "Since Monday the dashboard fails with ERR_CONNECTION_RESET on every load.";

// Closes `ticket` and returns the insight ids routed to `destination`.
std::set<std::string> Close(testing::TestServer& server, const v1::Ticket& ticket, const std::string& destination) {
  auto stub = v1::Debrief::NewStub(server.channel());
  v1::OnTicketClosedRequest request;
  *request.mutable_ticket() = ticket;
  v1::OnTicketClosedResponse response;
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  const grpc::Status status = stub->OnTicketClosed(&context, request, &response);
  EXPECT_TRUE(status.ok()) << status.error_message();
  std::set<std::string> ids;
  for (const v1::RoutedInsight& insight : response.debriefing().routed()) {
    if (insight.destination() == destination) ids.insert(insight.insight_id());
  }
  return ids;
}

// The shipped config plus `destinations` and `routes` (YAML lines, indented).
std::string ConfigWith(const std::string& destinations, const std::string& routes) {
  return absl::StrReplaceAll(testing::ShippedConfig(),
                             {{"\ndestinations:\n", "\ndestinations:\n" + destinations},
                              {"\nroutes:\n", "\nroutes:\n" + routes}});
}

TEST(SaasRoutingTest, SlackGetsBlockKitMessagesAtMostOnePerSecondAndHonoursRetryAfter) {
  // The first message is refused with 429 Retry-After: 2; the rest are accepted.
  Receiver slack([](const std::string&, int index) {
    return index == 0 ? Receiver::Answer{429, "rate_limited", "2"} : Receiver::Answer{200, "ok", ""};
  });
  const std::string webhook = slack.base() + "/services/T000/B000/XXXXwebhooksecret";
  setenv("DEBRIEF_IT_SLACK_URL", webhook.c_str(), 1);
  // A 100ms retry schedule: only the Retry-After can hold the retry back for 2 s.
  auto server = testing::TestServer::Start(ConfigWith(
      "  slack_it:\n    kind: slack\n    secret: {env: DEBRIEF_IT_SLACK_URL}\n    retry: {schedule: [100ms]}\n",
      "  - {name: all_to_slack, destination: slack_it, extra_fields: [ticket_url]}\n"));
  ASSERT_NE(server, nullptr);
  const std::set<std::string> routed = Close(*server, ClosedTicket("9001", "acme", kExportCrash), "slack_it");
  ASSERT_GE(routed.size(), 3u);

  ASSERT_TRUE(testing::WaitUntil([&] { return slack.accepted().size() >= routed.size(); }, absl::Seconds(60)));
  const std::vector<Received> received = slack.received();
  ASSERT_EQ(received.size(), routed.size() + 1);
  std::set<std::string> kinds;
  for (const Received& r : received) {
    EXPECT_EQ(r.path, "/services/T000/B000/XXXXwebhooksecret");
    ASSERT_TRUE(r.body.is_object());
    ASSERT_EQ(r.body["blocks"].size(), 3u);
    kinds.insert(r.body["blocks"][0]["text"]["text"].get<std::string>());
    EXPECT_THAT(r.body["blocks"][1]["text"]["text"].get<std::string>(), HasSubstr("Acme &amp; Sons (acme)"));
    EXPECT_THAT(r.body["blocks"][2]["elements"][0]["text"].get<std::string>(),
                HasSubstr("|Open ticket>"));
  }
  EXPECT_THAT(kinds, ::testing::IsSupersetOf({"Competitor mentioned", "Feature requested", "Error reported"}));
  // Paced: consecutive messages at least ~1 s apart (a property of the schedule, with 50 ms
  // for the receiver's clock reading).
  for (size_t i = 1; i < received.size(); ++i) {
    EXPECT_GE(received[i].at - received[i - 1].at, absl::Milliseconds(950)) << "message " << i;
  }
  // The account's queue waits for its head: the next request is the 429'd message again,
  // no sooner than its Retry-After.
  EXPECT_EQ(received[1].body["blocks"][2], received[0].body["blocks"][2]);
  EXPECT_GE(received[1].at - received[0].at, absl::Milliseconds(1950));
}

// Plays Jira Cloud: issues OPS-1, OPS-2, ...; comments on existing keys.
Receiver::Answer JiraAnswer(const std::string& path, int& created) {
  if (path == "/rest/api/3/issue") {
    return {201, json({{"id", std::to_string(10000 + created)}, {"key", "OPS-" + std::to_string(++created)}}).dump(), ""};
  }
  return {201, R"({"id":"1"})", ""};
}

TEST(SaasRoutingTest, JiraKeepsOneIssuePerFingerprintAndCommentsOnRepeatsAcrossARestart) {
  int created = 0;
  Receiver jira([&created](const std::string& path, int) { return JiraAnswer(path, created); });
  setenv("DEBRIEF_IT_JIRA", "bot@acme.com:jira-api-token", 1);
  auto server = testing::TestServer::Start(ConfigWith(
      "  jira_it:\n    kind: jira\n    url: " + jira.base() +
          "\n    project: OPS\n    issue_type: Bug\n    secret: {env: DEBRIEF_IT_JIRA}\n",
      "  - {name: errors_to_jira, kinds: [error_reported], destination: jira_it}\n"));
  ASSERT_NE(server, nullptr);
  const auto count = [&](const std::string& suffix) {
    size_t n = 0;
    for (const Received& r : jira.accepted()) n += absl::EndsWith(r.path, suffix) ? 1 : 0;
    return n;
  };

  ASSERT_EQ(Close(*server, ClosedTicket("101", "acme", kExportCrash), "jira_it").size(), 1u);
  ASSERT_TRUE(testing::WaitUntil([&] { return jira.accepted().size() == 1; }));
  ASSERT_EQ(Close(*server, ClosedTicket("102", "globex", kExportCrash), "jira_it").size(), 1u);
  ASSERT_TRUE(testing::WaitUntil([&] { return jira.accepted().size() == 2; }));
  EXPECT_EQ(count("/rest/api/3/issue"), 1u);
  EXPECT_EQ(count("/rest/api/3/issue/OPS-1/comment"), 1u);
  const std::vector<Received> first = jira.received();
  EXPECT_EQ(first[0].authorization, "Basic " + absl::Base64Escape("bot@acme.com:jira-api-token"));
  EXPECT_EQ(first[0].body["fields"]["project"]["key"], "OPS");
  EXPECT_EQ(first[0].body["fields"]["issuetype"]["name"], "Bug");
  EXPECT_EQ(first[0].body["fields"]["description"]["type"], "doc");
  EXPECT_THAT(first[1].body["body"].dump(), HasSubstr("Seen again"));
  EXPECT_THAT(first[1].body["body"].dump(), HasSubstr("globex"));

  ASSERT_EQ(Close(*server, ClosedTicket("103", "acme", kConnectionReset), "jira_it").size(), 1u);
  ASSERT_TRUE(testing::WaitUntil([&] { return jira.accepted().size() == 3; }));
  EXPECT_EQ(count("/rest/api/3/issue"), 2u);

  // After a restart the fingerprint still maps to OPS-1: a comment, no third issue.
  const std::string config_path = server->config_path();
  const std::string data_dir = server->data_dir();
  server->Stop();
  server.reset();
  server = testing::TestServer::Restart(config_path, data_dir);
  ASSERT_NE(server, nullptr);
  ASSERT_EQ(Close(*server, ClosedTicket("104", "initech", kExportCrash), "jira_it").size(), 1u);
  ASSERT_TRUE(testing::WaitUntil([&] { return jira.accepted().size() == 4; }));
  EXPECT_EQ(count("/rest/api/3/issue"), 2u);
  EXPECT_EQ(count("/rest/api/3/issue/OPS-1/comment"), 2u);
}

TEST(SaasRoutingTest, HubSpotGetsCompanyNotesAndSalesforceGetsAccountTasks) {
  Receiver hubspot([](const std::string&, int) { return Receiver::Answer{201, R"({"id":"512"})", ""}; });
  Receiver salesforce([](const std::string&, int) {
    return Receiver::Answer{201, R"({"id":"00T5e00000AbCdE","success":true})", ""};
  });
  setenv("DEBRIEF_IT_HUBSPOT", "pat-na1-hubspot", 1);
  setenv("DEBRIEF_IT_SALESFORCE", "00Dsalesforce!token", 1);
  auto server = testing::TestServer::Start(ConfigWith(
      "  hubspot_it:\n    kind: hubspot\n    url: " + hubspot.base() +
          "\n    secret: {env: DEBRIEF_IT_HUBSPOT}\n    template: \"{insight.kind}: {summary}\"\n"
          "  salesforce_it:\n    kind: salesforce\n    url: " +
          salesforce.base() + "\n    secret: {env: DEBRIEF_IT_SALESFORCE}\n",
      "  - {name: competitors_to_hubspot, kinds: [competitor_mentioned], destination: hubspot_it}\n"
      "  - {name: competitors_to_salesforce, kinds: [competitor_mentioned], destination: salesforce_it}\n"));
  ASSERT_NE(server, nullptr);
  // Each account is keyed by one CRM's id: the other CRM dead-letters it.
  ASSERT_EQ(Close(*server, ClosedTicket("201", "18734523", kExportCrash), "hubspot_it").size(), 1u);
  ASSERT_EQ(Close(*server, ClosedTicket("202", "0015e00000XyZaBAAZ", kExportCrash), "salesforce_it").size(), 1u);
  ASSERT_TRUE(testing::WaitUntil([&] { return !hubspot.accepted().empty() && !salesforce.accepted().empty(); }));

  const std::vector<Received> notes = hubspot.received();
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0].path, "/crm/v3/objects/notes");
  EXPECT_EQ(notes[0].authorization, "Bearer pat-na1-hubspot");
  EXPECT_EQ(notes[0].body["associations"][0]["to"]["id"], "18734523");
  EXPECT_EQ(notes[0].body["associations"][0]["types"][0]["associationTypeId"], 190);
  EXPECT_THAT(notes[0].body["properties"]["hs_note_body"].get<std::string>(),
              ::testing::StartsWith("competitor_mentioned: Acme &amp; Sons (18734523)"));
  const std::vector<Received> tasks = salesforce.received();
  ASSERT_EQ(tasks.size(), 1u);
  EXPECT_EQ(tasks[0].path, "/services/data/v59.0/sobjects/Task");
  EXPECT_EQ(tasks[0].authorization, "Bearer 00Dsalesforce!token");
  EXPECT_EQ(tasks[0].body["WhatId"], "0015e00000XyZaBAAZ");
  EXPECT_EQ(tasks[0].body["Status"], "Completed");
  EXPECT_THAT(tasks[0].body["Description"].get<std::string>(), HasSubstr("Competitor: Looker"));
}

}  // namespace
}  // namespace debrief
