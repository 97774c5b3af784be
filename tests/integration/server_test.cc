// The real debriefd in-process on free ports: every implemented RPC through the
// generated stub, every HTTP endpoint through a real HTTP client, health, reflection,
// validation errors (with nothing recorded) and configuration reload.
#include <filesystem>
#include <thread>

#include "absl/strings/str_cat.h"
#include "debrief/v1/admin_service.grpc.pb.h"
#include "debrief/v1/debrief_service.grpc.pb.h"
#include "debrief/v1/insights_service.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpcpp/client_context.h"
#include "gtest/gtest.h"
#include "httplib.h"
#include "nlohmann/json.hpp"
#include "tests/integration/grpc_probe.h"
#include "tests/testing/test_env.h"
#include "tests/testing/test_server.h"

namespace debrief {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;

v1::Ticket DoubleChargeTicket(const std::string& id, const std::string& delivery) {
  v1::Ticket ticket;
  ticket.set_source(v1::SOURCE_GENERIC);
  ticket.set_ticket_id(id);
  ticket.set_delivery_id(delivery);
  ticket.set_subject("Charged twice for March");
  v1::Message* message = ticket.add_messages();
  message->set_author_role(v1::AUTHOR_ROLE_CUSTOMER);
  message->set_body_text("Hello, you charged twice on my card this month. Please fix it.");
  v1::Message* reply = ticket.add_messages();
  reply->set_author_role(v1::AUTHOR_ROLE_AGENT);
  reply->set_body_text("Sorry about that, we refunded the duplicate charge.");
  ticket.mutable_account()->set_id("acme");
  ticket.mutable_account()->set_name("Acme Corp");
  ticket.mutable_account()->set_arr_cents(9'000'000);
  return ticket;
}

std::unique_ptr<grpc::ClientContext> Context() {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  return context;
}

int64_t Metric(httplib::Client& http, const std::string& series) {
  auto response = http.Get("/metrics");
  if (!response) return -1;
  const size_t at = response->body.find(series + " ");
  if (at == std::string::npos) return 0;
  return std::stoll(response->body.substr(at + series.size() + 1));
}

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = testing::TestServer::Start();
    ASSERT_NE(server_, nullptr);
    debrief_ = v1::Debrief::NewStub(server_->channel());
    http_ = std::make_unique<httplib::Client>("127.0.0.1", server_->http_port());
  }

  std::unique_ptr<testing::TestServer> server_;
  std::unique_ptr<v1::Debrief::Stub> debrief_;
  std::unique_ptr<httplib::Client> http_;
};

TEST_F(ServerTest, OnTicketClosedDebriefsRecordsAndReplays) {
  v1::OnTicketClosedRequest request;
  *request.mutable_ticket() = DoubleChargeTicket("T-100", "delivery-1");
  v1::OnTicketClosedResponse first;
  grpc::Status status = debrief_->OnTicketClosed(Context().get(), request, &first);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const v1::Debriefing& debriefing = first.debriefing();
  EXPECT_THAT(debriefing.decision_id(), ::testing::StartsWith("dcl_"));
  EXPECT_FALSE(debriefing.replayed());
  ASSERT_GE(debriefing.suggested_tags_size(), 1);
  EXPECT_EQ(debriefing.suggested_tags(0).value(), "billing/refund/double-charge");
  EXPECT_EQ(debriefing.suggested_tags(0).source(), v1::LABEL_SOURCE_RULE);
  ASSERT_GE(debriefing.suggested_tags(0).evidence_size(), 1);
  EXPECT_FALSE(debriefing.suggested_tags(0).evidence(0).quote().empty());
  EXPECT_NE(debriefing.escalation().level(), v1::ESCALATION_LEVEL_UNSPECIFIED);
  EXPECT_FALSE(debriefing.model_version().empty());

  v1::OnTicketClosedResponse second;
  status = debrief_->OnTicketClosed(Context().get(), request, &second);
  ASSERT_TRUE(status.ok());
  EXPECT_TRUE(second.debriefing().replayed());
  EXPECT_EQ(second.debriefing().decision_id(), debriefing.decision_id());
  EXPECT_EQ(Metric(*http_, "debrief_closes_total{mode=\"live\",outcome=\"recorded\"}"), 1);
  EXPECT_EQ(Metric(*http_, "debrief_closes_total{mode=\"live\",outcome=\"replayed\"}"), 1);
}

TEST_F(ServerTest, InvalidCloseIsRejectedNamingTheFieldAndNothingIsRecorded) {
  v1::OnTicketClosedRequest request;
  *request.mutable_ticket() = DoubleChargeTicket("T-101", "d");
  // (Invalid UTF-8 cannot travel in a proto3 string over gRPC; the HTTP table covers it.)
  request.mutable_ticket()->mutable_messages(1)->set_author_role(static_cast<v1::AuthorRole>(99));
  v1::OnTicketClosedResponse response;
  const grpc::Status status = debrief_->OnTicketClosed(Context().get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("ticket.messages[1].author_role"));
  EXPECT_EQ(Metric(*http_, "debrief_closes_total{mode=\"live\",outcome=\"recorded\"}"), 0);
  EXPECT_EQ(Metric(*http_, "debrief_requests_total{method=\"OnTicketClosed\",code=\"INVALID_ARGUMENT\"}"),
            1);
}

TEST_F(ServerTest, SuggestTagsAndRecordFeedback) {
  v1::SuggestTagsRequest request;
  request.mutable_ticket()->set_ticket_id("open-7");
  request.mutable_ticket()->set_subject("Cannot log in, I forgot my password");
  request.set_max_tags(2);
  v1::SuggestTagsResponse suggestion;
  grpc::Status status = debrief_->SuggestTags(Context().get(), request, &suggestion);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_THAT(suggestion.decision_id(), ::testing::StartsWith("dsg_"));
  ASSERT_GE(suggestion.tags_size(), 1);
  EXPECT_LE(suggestion.tags_size(), 2);
  std::vector<std::string> values;
  for (const v1::Label& tag : suggestion.tags()) values.push_back(tag.value());
  EXPECT_THAT(values, Contains("account-access/password-reset"));

  v1::RecordFeedbackRequest feedback;
  feedback.set_decision_id(suggestion.decision_id());
  feedback.add_accepted(suggestion.tags(0).value());
  feedback.add_added("not-a-taxonomy-tag");
  v1::RecordFeedbackResponse recorded;
  status = debrief_->RecordFeedback(Context().get(), feedback, &recorded);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_THAT(recorded.unknown_tags(), Contains("not-a-taxonomy-tag"));

  feedback.set_decision_id("dsg_never_issued");
  status = debrief_->RecordFeedback(Context().get(), feedback, &recorded);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(status.error_message(), HasSubstr("decision_id"));
}

TEST_F(ServerTest, DeadLetterAdminRpcsAreServed) {
  auto admin = v1::Admin::NewStub(server_->channel());
  v1::ListDeadLettersResponse dead;
  grpc::Status status = admin->ListDeadLetters(Context().get(), v1::ListDeadLettersRequest(), &dead);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(dead.dead_letters_size(), 0);
  EXPECT_TRUE(dead.next_page_token().empty());
  v1::ReplayDeadLettersResponse replayed;
  status = admin->ReplayDeadLetters(Context().get(), v1::ReplayDeadLettersRequest(), &replayed);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(replayed.replayed(), 0);
}

TEST_F(ServerTest, HealthIsServingAndReflectionListsTheServices) {
  EXPECT_EQ(*testing::HealthCheck(server_->channel(), ""), "SERVING");
  EXPECT_EQ(*testing::HealthCheck(server_->channel(), "debrief.v1.Debrief"), "SERVING");
  auto services = testing::ReflectionServices(server_->channel());
  ASSERT_TRUE(services.ok()) << services.status();
  EXPECT_THAT(*services, Contains("debrief.v1.Debrief"));
  EXPECT_THAT(*services, Contains("debrief.v1.Insights"));
  EXPECT_THAT(*services, Contains("debrief.v1.Admin"));
  EXPECT_THAT(*services, Contains("grpc.health.v1.Health"));
}

TEST_F(ServerTest, HttpDebriefSuggestFeedbackAndProbes) {
  auto alive = http_->Get("/healthz");
  ASSERT_TRUE(alive);
  EXPECT_EQ(alive->status, 200);
  auto ready = http_->Get("/readyz");
  ASSERT_TRUE(ready);
  EXPECT_EQ(ready->status, 200);

  const std::string close = R"({"ticket":{"source":"SOURCE_GENERIC","ticketId":"H-1",
    "subject":"Invoice address","messages":[{"authorRole":"AUTHOR_ROLE_CUSTOMER",
    "bodyText":"Please update the billing address on our invoice"}]}})";
  auto debriefed = http_->Post("/v1/tickets:debrief", close, "application/json");
  ASSERT_TRUE(debriefed);
  ASSERT_EQ(debriefed->status, 200) << debriefed->body;
  const auto body = nlohmann::json::parse(debriefed->body);
  EXPECT_EQ(body["debriefing"]["suggestedTags"][0]["value"], "billing/invoice");
  EXPECT_EQ(debriefed->get_header_value("Content-Type"), "application/json");

  auto suggested = http_->Post("/v1/tickets:suggest",
                               R"({"ticket":{"ticketId":"H-2","subject":"SAML SSO with Okta fails"}})",
                               "application/json");
  ASSERT_TRUE(suggested);
  ASSERT_EQ(suggested->status, 200) << suggested->body;
  const auto suggestion = nlohmann::json::parse(suggested->body);
  EXPECT_EQ(suggestion["tags"][0]["value"], "account-access/sso");

  const std::string feedback = absl::StrCat(R"({"decisionId":")",
                                            suggestion["decisionId"].get<std::string>(),
                                            R"(","rejected":["account-access/sso"]})");
  auto fed = http_->Post("/v1/feedback", feedback, "application/json");
  ASSERT_TRUE(fed);
  EXPECT_EQ(fed->status, 200) << fed->body;

  auto metrics = http_->Get("/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_THAT(metrics->body, HasSubstr("# TYPE debrief_request_duration_seconds histogram"));
  EXPECT_THAT(metrics->body,
              HasSubstr("debrief_requests_total{method=\"SuggestTags\",code=\"OK\"} 1"));
  EXPECT_THAT(metrics->body, HasSubstr("debrief_request_duration_seconds_bucket{method=\"OnTicketClosed\",le=\"+Inf\"} 1"));
}

struct HttpError {
  std::string name;
  std::string path;
  std::string body;
  std::string content_type;
  int status;
  std::string message;
};

TEST_F(ServerTest, HttpErrorsAreJsonAndNameTheProblem) {
  const HttpError cases[] = {
      {"missing id", "/v1/tickets:debrief",
       R"({"ticket":{"source":"SOURCE_GENERIC","messages":[{"bodyText":"x"}]}})", "application/json",
       400, "ticket.ticket_id: is required"},
      {"unknown enum", "/v1/tickets:debrief",
       R"({"ticket":{"source":"SOURCE_MYSPACE","ticketId":"1"}})", "application/json", 400, "body:"},
      {"unknown field", "/v1/tickets:suggest", R"({"ticket":{"ticketId":"1","colour":"red"}})",
       "application/json", 400, "colour"},
      {"not json", "/v1/tickets:suggest", "{nope", "application/json", 400, "body:"},
      {"wrong content type", "/v1/tickets:suggest", "ticketId=1", "application/x-www-form-urlencoded",
       400, "Content-Type"},
      {"no text", "/v1/tickets:suggest", R"({"ticket":{"ticketId":"1"}})", "application/json", 400,
       "ticket.messages"},
      {"no route", "/v1/tickets:explode", "{}", "application/json", 404, "no route"},
      {"oversize", "/v1/tickets:debrief", std::string(3 << 20, ' '), "application/json", 413,
       "max_http_body_bytes"},
  };
  for (const HttpError& c : cases) {
    auto response = http_->Post(c.path, c.body, c.content_type);
    ASSERT_TRUE(response) << c.name;
    EXPECT_EQ(response->status, c.status) << c.name << ": " << response->body;
    const auto body = nlohmann::json::parse(response->body, nullptr, false);
    ASSERT_FALSE(body.is_discarded()) << c.name << ": " << response->body;
    EXPECT_EQ(body["error"]["code"], c.status) << c.name;
    EXPECT_THAT(body["error"]["message"].get<std::string>(), HasSubstr(c.message)) << c.name;
  }
  EXPECT_EQ(Metric(*http_, "debrief_closes_total{mode=\"live\",outcome=\"recorded\"}"), 0);
}

TEST_F(ServerTest, ReloadAppliesAGoodConfigAndKeepsTheOldOnABadOne) {
  auto admin = v1::Admin::NewStub(server_->channel());
  v1::SuggestTagsRequest request;
  request.mutable_ticket()->set_ticket_id("r-1");
  request.mutable_ticket()->set_subject("The quokka module is broken");
  v1::SuggestTagsResponse before;
  ASSERT_TRUE(debrief_->SuggestTags(Context().get(), request, &before).ok());
  EXPECT_EQ(before.tags_size(), 0);

  // A bad file: rejected with the key named, nothing changes.
  const std::string shipped = testing::ShippedConfig();
  std::string bad = shipped;
  bad.replace(bad.find("threshold: 0.5"), 14, "threshold: 7");
  testing::WriteFile(std::filesystem::path(server_->config_path()).parent_path().string(),
                     "debrief.yaml", bad);
  v1::ReloadConfigResponse reloaded;
  grpc::Status status = admin->ReloadConfig(Context().get(), v1::ReloadConfigRequest(), &reloaded);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("learning"));
  v1::SuggestTagsResponse unchanged;
  ASSERT_TRUE(debrief_->SuggestTags(Context().get(), request, &unchanged).ok());
  EXPECT_EQ(unchanged.model_version(), before.model_version());

  // A good file with a new tag: applied to the next call.
  const std::string with_quokka =
      shipped + R"(
    - id: bug/quokka
      description: The quokka module
      keywords: [quokka]
)";
  ASSERT_NE(shipped.find("    - id: security/report"), std::string::npos);
  std::string good = shipped;
  good.insert(good.find("\n# Escalation rules"), with_quokka.substr(shipped.size()));
  testing::WriteFile(std::filesystem::path(server_->config_path()).parent_path().string(),
                     "debrief.yaml", good);
  status = admin->ReloadConfig(Context().get(), v1::ReloadConfigRequest(), &reloaded);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(reloaded.config_version().size(), 64u);
  v1::SuggestTagsResponse after;
  ASSERT_TRUE(debrief_->SuggestTags(Context().get(), request, &after).ok());
  ASSERT_EQ(after.tags_size(), 1);
  EXPECT_EQ(after.tags(0).value(), "bug/quokka");
  EXPECT_NE(after.model_version(), before.model_version());
  EXPECT_EQ(reloaded.restart_required_size(), 0);

  // Routes and digests are built at start: a reload that changes them says so.
  std::string rerouted = good;
  rerouted.replace(rerouted.find("name: everything_to_warehouse"), 29, "name: all_to_warehouse");
  rerouted.replace(rerouted.find("top_items: 10"), 13, "top_items: 12");
  testing::WriteFile(std::filesystem::path(server_->config_path()).parent_path().string(),
                     "debrief.yaml", rerouted);
  status = admin->ReloadConfig(Context().get(), v1::ReloadConfigRequest(), &reloaded);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_THAT(reloaded.restart_required(),
              ::testing::UnorderedElementsAre("destinations and routes", "digests"));
}

TEST(ServerAdmissionTest, RefusesBeyondTheInflightLimit) {
  // One worker and an in-flight limit of one: a burst of closes must see some
  // RESOURCE_EXHAUSTED answers rather than queueing without bound.
  std::string config = testing::ShippedConfig();
  config.replace(config.find("max_inflight: 256"), 17, "max_inflight: 1");
  config.replace(config.find("worker_threads: 4"), 17, "worker_threads: 1");
  auto server = testing::TestServer::Start(config);
  ASSERT_NE(server, nullptr);
  auto stub = v1::Debrief::NewStub(server->channel());
  std::atomic<int> ok{0};
  std::atomic<int> exhausted{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < 8; ++c) {
    clients.emplace_back([&, c] {
      for (int i = 0; i < 10; ++i) {
        v1::OnTicketClosedRequest request;
        *request.mutable_ticket() = DoubleChargeTicket(absl::StrCat("A-", c, "-", i), "d");
        v1::OnTicketClosedResponse response;
        const grpc::Status status = stub->OnTicketClosed(Context().get(), request, &response);
        if (status.ok()) ok.fetch_add(1);
        if (status.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED) exhausted.fetch_add(1);
      }
    });
  }
  for (std::thread& client : clients) client.join();
  EXPECT_GT(ok.load(), 0);
  EXPECT_GT(exhausted.load(), 0);
  EXPECT_EQ(ok.load() + exhausted.load(), 80);
}

TEST(ServerRestartTest, RecordedClosesSurviveARestart) {
  auto server = testing::TestServer::Start();
  ASSERT_NE(server, nullptr);
  v1::OnTicketClosedRequest request;
  *request.mutable_ticket() = DoubleChargeTicket("R-1", "d-1");
  v1::OnTicketClosedResponse first;
  ASSERT_TRUE(v1::Debrief::NewStub(server->channel())
                  ->OnTicketClosed(Context().get(), request, &first)
                  .ok());
  const std::string config = server->config_path();
  const std::string data = server->data_dir();
  server->Stop();
  server.reset();
  auto restarted = testing::TestServer::Restart(config, data);
  ASSERT_NE(restarted, nullptr);
  v1::OnTicketClosedResponse again;
  ASSERT_TRUE(v1::Debrief::NewStub(restarted->channel())
                  ->OnTicketClosed(Context().get(), request, &again)
                  .ok());
  EXPECT_TRUE(again.debriefing().replayed());
  EXPECT_EQ(again.debriefing().decision_id(), first.debriefing().decision_id());
}

}  // namespace
}  // namespace debrief
