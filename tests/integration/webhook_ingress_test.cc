// POST /v1/hooks/{source} through the real debriefd (in-process, ports 0), for every
// vendor: a close is accepted durably and debriefed, its re-delivery answered from the
// record, a non-close acknowledged and ignored, a bad signature, an old timestamp, a
// malformed or huge body rejected with a JSON error and no side effect; plus enrichment
// and write-back against a local fake Zendesk API.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <filesystem>
#include <iterator>
#include <memory>
#include <string>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "httplib.h"
#include "nlohmann/json.hpp"
#include "server/storage/sqlite_db.h"
#include "tests/testing/fake_helpdesk_apis.h"
#include "tests/testing/hook_signer.h"
#include "tests/testing/test_env.h"
#include "tests/testing/test_server.h"
#include "tests/testing/wait_until.h"

namespace debrief {
namespace {

using ::testing::HasSubstr;

// A source's body cap in these tests (the server's own cap stays 2 MiB).
constexpr int kSourceBodyCap = 65536;

std::string SecretOf(const std::string& vendor) {
  if (vendor == "generic") return "whsec_" + absl::Base64Escape("debrief-generic-signing-key!");
  return "secret-for-" + vendor;
}

// The shipped configuration plus one source per vendor, and `extra` sources.
std::string ConfigWithSources(const std::string& extra = "") {
  const std::string dir = testing::MakeTempDir("hook-secrets");
  std::string yaml = absl::StrCat(testing::ShippedConfig(), "\nsources:\n");
  for (const char* vendor : testing::kHookVendors) {
    const std::string file = testing::WriteFile(dir, vendor, SecretOf(vendor));
    absl::StrAppend(&yaml, "  ", vendor, ":\n    secrets: [{file: ", file, "}]\n",
                    "    max_body_bytes: ", kSourceBodyCap, "\n");
  }
  absl::StrAppend(&yaml, extra);
  return yaml;
}

struct Answer {
  int status = 0;
  nlohmann::json body;
  std::string retry_after;
};

Answer Post(int port, const std::string& path, const std::string& body,
            const std::map<std::string, std::string>& headers) {
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(30, 0);
  httplib::Headers sent;
  std::string content_type = "application/json";
  for (const auto& [name, value] : headers) {
    if (absl::EqualsIgnoreCase(name, "Content-Type")) {
      content_type = value;
    } else {
      sent.emplace(name, value);
    }
  }
  httplib::Result result = client.Post(path, sent, body, content_type);
  Answer answer;
  if (!result) return answer;
  answer.status = result->status;
  answer.body = nlohmann::json::parse(result->body, nullptr, false);
  answer.retry_after = result->get_header_value("Retry-After");
  return answer;
}

// Posts `body` to /v1/hooks/<source> as `vendor` signs it with `secret`.
Answer Deliver(int port, const std::string& source, const std::string& vendor,
               const std::string& body, const std::string& secret,
               absl::Time sent_at = absl::Now()) {
  return Post(port, "/v1/hooks/" + source, body,
              testing::HookHeaders(vendor, body, secret, sent_at, "delivery-1"));
}

std::string Metrics(int port) {
  httplib::Client client("127.0.0.1", port);
  httplib::Result result = client.Get("/metrics");
  return result ? result->body : "";
}

// Reads the server's database: rows of the webhook inbox and of recorded closes.
class Database {
 public:
  explicit Database(const std::string& data_dir) {
    auto db = storage::SqliteDb::Open(data_dir + "/debrief.db", {.read_only = true});
    EXPECT_TRUE(db.ok()) << db.status();
    if (db.ok()) db_ = std::move(*db);
  }
  int64_t Count(const std::string& sql) {
    auto query = db_->Prepare(sql);
    EXPECT_TRUE(query.ok()) << query.status();
    auto row = query->Step();
    return row.ok() && *row ? query->ColumnInt(0) : -1;
  }
  std::string Text(const std::string& sql) {
    auto query = db_->Prepare(sql);
    EXPECT_TRUE(query.ok()) << query.status();
    auto row = query->Step();
    return row.ok() && *row ? query->ColumnText(0) : "";
  }

 private:
  std::unique_ptr<storage::SqliteDb> db_;
};

// The vendor's close payload turned into an event that is not a close.
std::string NonClose(const std::string& vendor) {
  nlohmann::json j = nlohmann::json::parse(testing::HookPayload(vendor));
  if (vendor == "zendesk") j["event"]["current"] = "OPEN";
  if (vendor == "freshdesk") j["freshdesk_webhook"]["ticket_status"] = "Open";
  if (vendor == "zammad") j["ticket"]["state"] = "open";
  if (vendor == "chatwoot") j["status"] = "open";
  if (vendor == "intercom") j["topic"] = "conversation.user.replied";
  if (vendor == "helpscout") j["status"] = "active";
  if (vendor == "jira_sm") j["issue"]["fields"]["status"]["statusCategory"]["key"] = "indeterminate";
  if (vendor == "front") j["type"] = "tag";
  if (vendor == "generic") j["event"] = "ticket.updated";
  return j.dump();
}

// The vendor's close payload without its ticket id, and the field the error must name.
std::pair<std::string, std::string> WithoutTicketId(const std::string& vendor) {
  nlohmann::json j = nlohmann::json::parse(testing::HookPayload(vendor));
  std::string field;
  if (vendor == "zendesk") {
    j["detail"].erase("id");
    j.erase("subject");
    field = "body.detail.id";
  } else if (vendor == "freshdesk") {
    j["freshdesk_webhook"].erase("ticket_id");
    field = "body.freshdesk_webhook.ticket_id";
  } else if (vendor == "zammad") {
    j["ticket"].erase("id");
    field = "body.ticket.id";
  } else if (vendor == "chatwoot" || vendor == "helpscout") {
    j.erase("id");
    field = "body.id";
  } else if (vendor == "intercom") {
    j["data"]["item"].erase("id");
    field = "body.data.item.id";
  } else if (vendor == "jira_sm") {
    j["issue"].erase("id");
    field = "body.issue.id";
  } else if (vendor == "front") {
    j["conversation"].erase("id");
    field = "body.conversation.id";
  } else {
    j["ticket"].erase("ticketId");
    field = "body.ticket.ticketId";
  }
  return {j.dump(), field};
}

class WebhookIngressTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    server_ = testing::TestServer::Start(ConfigWithSources());
    ASSERT_NE(server_, nullptr);
  }
  const std::string& vendor() const { return GetParam(); }
  int port() const { return server_->http_port(); }
  Answer Send(const std::string& body, const std::string& secret) {
    return Deliver(port(), vendor(), vendor(), body, secret);
  }

  std::unique_ptr<testing::TestServer> server_;
};

TEST_P(WebhookIngressTest, AcceptsACloseAndAnswersItsRedeliveryWithTheRecordedResult) {
  const std::string body = testing::HookPayload(vendor());
  const Answer first = Send(body, SecretOf(vendor()));
  ASSERT_EQ(first.status, 202) << first.body;
  EXPECT_EQ(first.body["status"], "accepted");
  Answer again;
  ASSERT_TRUE(testing::WaitUntil([&] {
    again = Send(body, SecretOf(vendor()));
    return again.body.value("status", "") == "done";
  })) << again.body;
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(again.body["duplicate"], true);
  EXPECT_EQ(again.body["delivery_id"], first.body["delivery_id"]);
  EXPECT_THAT(again.body["result"]["decision_id"].get<std::string>(), ::testing::StartsWith("dcl_"));
  Database db(server_->data_dir());
  EXPECT_EQ(db.Count("SELECT COUNT(*) FROM tickets"), 1);
  // The pre-redaction payload is gone once the close is recorded.
  EXPECT_EQ(db.Count("SELECT COUNT(*) FROM webhook_inbox WHERE ticket_json IS NULL AND state = 'done'"), 1);
  EXPECT_EQ(db.Count("SELECT COUNT(*) FROM webhook_inbox"), 1);
}

TEST_P(WebhookIngressTest, AnswersADuplicateDeliveryWithoutAcceptingItTwice) {
  const std::string body = testing::HookPayload(vendor());
  ASSERT_EQ(Send(body, SecretOf(vendor())).status, 202);
  const Answer second = Send(body, SecretOf(vendor()));
  EXPECT_EQ(second.status, 200) << second.body;
  EXPECT_EQ(second.body["duplicate"], true);
  ASSERT_TRUE(testing::WaitUntil([&] {
    return Send(body, SecretOf(vendor())).body.value("status", "") == "done";
  }));
  Database db(server_->data_dir());
  EXPECT_EQ(db.Count("SELECT COUNT(*) FROM webhook_inbox"), 1);
  EXPECT_EQ(db.Count("SELECT COUNT(*) FROM tickets"), 1);
  EXPECT_THAT(Metrics(port()), HasSubstr(absl::StrCat("debrief_hook_requests_total{source=\"",
                                                      vendor(), "\",outcome=\"duplicate\"}")));
}

TEST_P(WebhookIngressTest, AcknowledgesANonCloseEventAndRecordsNothing) {
  const Answer answer = Send(NonClose(vendor()), SecretOf(vendor()));
  EXPECT_EQ(answer.status, 200) << answer.body;
  EXPECT_EQ(answer.body["status"], "ignored");
  EXPECT_FALSE(answer.body["reason"].get<std::string>().empty());
  EXPECT_THAT(Metrics(port()), HasSubstr(absl::StrCat("debrief_hook_requests_total{source=\"",
                                                      vendor(), "\",outcome=\"ignored\"} 1")));
  Database db(server_->data_dir());
  EXPECT_EQ(db.Count("SELECT COUNT(*) FROM webhook_inbox"), 0);
}

TEST_P(WebhookIngressTest, RejectsABadSignatureWith401AndNoSideEffect) {
  const std::string body = testing::HookPayload(vendor());
  const std::string wrong =
      vendor() == "generic" ? "whsec_" + absl::Base64Escape("an attacker's guess at the key")
                            : "not-the-secret";
  const Answer rejected = Send(body, wrong);
  EXPECT_EQ(rejected.status, 401);
  EXPECT_EQ(rejected.body["error"]["status"], "UNAUTHENTICATED");
  EXPECT_THAT(rejected.body["error"]["message"].get<std::string>(),
              ::testing::Not(HasSubstr(SecretOf(vendor()))));
  Database db(server_->data_dir());
  EXPECT_EQ(db.Count("SELECT COUNT(*) FROM webhook_inbox"), 0);
  // The same delivery, correctly signed, is new: the rejection left nothing behind.
  EXPECT_EQ(Send(body, SecretOf(vendor())).status, 202);
}

TEST_P(WebhookIngressTest, RejectsAMalformedBodyWith400NamingTheProblem) {
  const Answer garbage = Send("{\"ticket\": ", SecretOf(vendor()));
  EXPECT_EQ(garbage.status, 400);
  EXPECT_THAT(garbage.body["error"]["message"].get<std::string>(),
              HasSubstr("body: is not valid JSON"));
  const auto [body, field] = WithoutTicketId(vendor());
  const Answer missing = Send(body, SecretOf(vendor()));
  EXPECT_EQ(missing.status, 400);
  EXPECT_THAT(missing.body["error"]["message"].get<std::string>(), HasSubstr(field));
  Database db(server_->data_dir());
  EXPECT_EQ(db.Count("SELECT COUNT(*) FROM webhook_inbox"), 0);
}

TEST_P(WebhookIngressTest, RejectsAHugeBodyWith413) {
  nlohmann::json payload = nlohmann::json::parse(testing::HookPayload(vendor()));
  payload["padding"] = std::string(kSourceBodyCap, 'x');
  const Answer answer = Send(payload.dump(), SecretOf(vendor()));
  EXPECT_EQ(answer.status, 413);
  EXPECT_THAT(answer.body["error"]["message"].get<std::string>(),
              HasSubstr(absl::StrCat("sources.", vendor(), ".max_body_bytes")));
  Database db(server_->data_dir());
  EXPECT_EQ(db.Count("SELECT COUNT(*) FROM webhook_inbox"), 0);
}

// The test name of a vendor parameter.
std::string VendorName(const ::testing::TestParamInfo<std::string>& test) { return test.param; }

INSTANTIATE_TEST_SUITE_P(Vendors, WebhookIngressTest,
                         ::testing::ValuesIn(std::vector<std::string>(
                             std::begin(testing::kHookVendors), std::end(testing::kHookVendors))),
                         VendorName);

class WebhookTimestampTest : public WebhookIngressTest {};

TEST_P(WebhookTimestampTest, RejectsASignatureWithAnOldTimestamp) {
  const std::string body = testing::HookPayload(vendor());
  const Answer old = Deliver(port(), vendor(), vendor(), body, SecretOf(vendor()),
                             absl::Now() - absl::Minutes(10));
  EXPECT_EQ(old.status, 401) << old.body;
  EXPECT_THAT(old.body["error"]["message"].get<std::string>(), HasSubstr("old"));
  Database db(server_->data_dir());
  EXPECT_EQ(db.Count("SELECT COUNT(*) FROM webhook_inbox"), 0);
  EXPECT_EQ(Send(body, SecretOf(vendor())).status, 202);
}

INSTANTIATE_TEST_SUITE_P(TimestampedVendors, WebhookTimestampTest,
                         ::testing::ValuesIn(std::vector<std::string>(
                             std::begin(testing::kTimestampedVendors),
                             std::end(testing::kTimestampedVendors))),
                         VendorName);

TEST(WebhookHardeningTest, AnswersEveryRejectionWithAJsonBodyNamingTheProblem) {
  const std::string dir = testing::MakeTempDir("limited");
  auto server = testing::TestServer::Start(ConfigWithSources(absl::StrCat(
      "  limited:\n    vendor: intercom\n    secrets: [{file: ",
      testing::WriteFile(dir, "secret", "limited-secret"),
      "}]\n    rate_limit: {requests_per_second: 0.001, burst: 2}\n")));
  ASSERT_NE(server, nullptr);
  const int port = server->http_port();
  const std::string body = testing::HookPayload("intercom");

  const Answer unknown = Deliver(port, "nosuch", "intercom", body, "x");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_THAT(unknown.body["error"]["message"].get<std::string>(),
              HasSubstr("no helpdesk source named \"nosuch\""));

  std::map<std::string, std::string> form =
      testing::HookHeaders("intercom", body, SecretOf("intercom"), absl::Now(), "d");
  form["Content-Type"] = "application/x-www-form-urlencoded";
  const Answer wrong_type = Post(port, "/v1/hooks/intercom", body, form);
  EXPECT_EQ(wrong_type.status, 415);
  EXPECT_THAT(wrong_type.body["error"]["message"].get<std::string>(),
              HasSubstr("Content-Type: must be application/json"));

  // Forged deliveries are refused without spending the budget of the real ones.
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(Deliver(port, "limited", "intercom", body, "forged-secret").status, 401);
  }
  EXPECT_NE(Deliver(port, "limited", "intercom", body, "limited-secret").status, 429);
  EXPECT_NE(Deliver(port, "limited", "intercom", body, "limited-secret").status, 429);
  const Answer limited = Deliver(port, "limited", "intercom", body, "limited-secret");
  EXPECT_EQ(limited.status, 429);
  EXPECT_FALSE(limited.retry_after.empty());
  EXPECT_THAT(limited.body["error"]["message"].get<std::string>(),
              HasSubstr("sources.limited.rate_limit"));

  // Above the server's own cap the HTTP layer answers, still in JSON.
  const Answer huge = Deliver(port, "intercom", "intercom", std::string(3 << 20, ' '), "x");
  EXPECT_EQ(huge.status, 413);
  EXPECT_EQ(huge.body["error"]["code"], 413);
}

TEST(WebhookHardeningTest, EchoesFrontsValidationChallengeOnlyWhenSigned) {
  auto server = testing::TestServer::Start(ConfigWithSources());
  ASSERT_NE(server, nullptr);
  const std::string body = R"({"type": "sync", "authorization": {"id": "cmp_abc"}})";
  std::map<std::string, std::string> headers =
      testing::HookHeaders("front", body, SecretOf("front"), absl::Now(), "");
  headers["X-Front-Challenge"] = "chal-8f3";
  const Answer answer = Post(server->http_port(), "/v1/hooks/front", body, headers);
  EXPECT_EQ(answer.status, 200);
  EXPECT_EQ(answer.body["challenge"], "chal-8f3");
  headers = testing::HookHeaders("front", body, "wrong", absl::Now(), "");
  headers["X-Front-Challenge"] = "chal-8f3";
  EXPECT_EQ(Post(server->http_port(), "/v1/hooks/front", body, headers).status, 401);
}

TEST(WebhookHardeningTest, CutsOffAClientThatStallsMidBody) {
  std::string yaml = ConfigWithSources();
  const size_t at = yaml.find("http_timeout: 10s");
  ASSERT_NE(at, std::string::npos);
  yaml.replace(at, 17, "http_timeout: 1s");
  auto server = testing::TestServer::Start(yaml);
  ASSERT_NE(server, nullptr);
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<uint16_t>(server->http_port()));
  ASSERT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
  const std::string partial =
      "POST /v1/hooks/zammad HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Content-Length: 1000\r\n\r\n{\"ticket\":";
  ASSERT_EQ(send(fd, partial.data(), partial.size(), 0), static_cast<ssize_t>(partial.size()));
  // The server gives up after http_timeout (1s); the read must end well before 8s.
  timeval limit{.tv_sec = 8, .tv_usec = 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof(limit));
  char buffer[512];
  const absl::Time started = absl::Now();
  const ssize_t got = recv(fd, buffer, sizeof(buffer), 0);
  const absl::Duration waited = absl::Now() - started;
  close(fd);
  EXPECT_GE(got, 0) << "the stalled request was never cut off";
  EXPECT_LT(waited, absl::Seconds(8));
  if (got > 0) {
    EXPECT_EQ(std::string(buffer, 10), "HTTP/1.1 4");
  }
  Database db(server->data_dir());
  EXPECT_EQ(db.Count("SELECT COUNT(*) FROM webhook_inbox"), 0);
}

TEST(WebhookHardeningTest, TakesARotatedSecretOnReloadWithoutARestart) {
  const std::string dir = testing::MakeTempDir("rotate");
  const std::string old_secret = testing::WriteFile(dir, "old", "old-secret");
  const std::string new_secret = testing::WriteFile(dir, "new", "new-secret");
  const std::string base = ConfigWithSources();
  const auto with = [&](const std::string& files) {
    return absl::StrCat(base, "  rotating:\n    vendor: zammad\n    secrets: [", files, "]\n");
  };
  auto server = testing::TestServer::Start(with(absl::StrCat("{file: ", old_secret, "}")));
  ASSERT_NE(server, nullptr);
  const std::string body = testing::HookPayload("zammad");
  EXPECT_EQ(Deliver(server->http_port(), "rotating", "zammad", body, "new-secret").status, 401);
  // Step 1 of a rotation: both secrets are accepted.
  testing::WriteFile(dir, "debrief.yaml",
                     with(absl::StrCat("{file: ", new_secret, "}, {file: ", old_secret, "}")));
  std::filesystem::copy_file(dir + "/debrief.yaml", server->config_path(),
                             std::filesystem::copy_options::overwrite_existing);
  ASSERT_TRUE(server->server().Reload().ok());
  EXPECT_EQ(Deliver(server->http_port(), "rotating", "zammad", body, "new-secret").status, 202);
  EXPECT_EQ(Deliver(server->http_port(), "rotating", "zammad", body, "old-secret").status, 200);
}

// A Zendesk source with the API configured: the thin event is enriched and the suggestions
// are written back as an internal note.
std::string ZendeskApiSource(const std::string& base_url, bool write_back) {
  const std::string dir = testing::MakeTempDir("zendesk-api");
  return absl::StrCat("  zendesk-api:\n    vendor: zendesk\n    secrets: [{file: ",
                      testing::WriteFile(dir, "secret", SecretOf("zendesk")), "}]\n",
                      "    api:\n      base_url: ", base_url,
                      "\n      username: bot@acme.example/token\n      secret: {file: ",
                      testing::WriteFile(dir, "token", "api-token"), "}\n      timeout: 3s\n",
                      "    write_back: {enabled: ", write_back ? "true" : "false", ", mode: note}\n");
}

TEST(WebhookEnrichmentTest, FetchesTheConversationAndWritesANoteThatKeepsHumanTags) {
  testing::FakeZendesk zendesk("bot@acme.example/token", "api-token");
  zendesk.AddTicket("5158", {.subject = "Charged twice for January",
                             .requester_id = "8447388090494",
                             .tags = {"billing", "vip"},
                             .comments = {{"8447388090494", "We were charged twice for January."},
                                          {"200", "I refunded the duplicate charge."},
                                          {"8447388090494", "Thanks, I see the refund."}}});
  auto server = testing::TestServer::Start(ConfigWithSources(ZendeskApiSource(zendesk.base_url(), true)));
  ASSERT_NE(server, nullptr);
  const std::string body = testing::HookPayload("zendesk");
  ASSERT_EQ(Deliver(server->http_port(), "zendesk-api", "zendesk", body, SecretOf("zendesk")).status,
            202);
  Answer done;
  ASSERT_TRUE(testing::WaitUntil([&] {
    done = Deliver(server->http_port(), "zendesk-api", "zendesk", body, SecretOf("zendesk"));
    return done.body.value("status", "") == "done";
  })) << done.body;
  EXPECT_EQ(done.body["result"]["partial"], false);
  EXPECT_EQ(done.body["result"]["write_back"], "note_added");
  const testing::FakeZendesk::Ticket after = zendesk.ticket("5158");
  EXPECT_THAT(after.tags, ::testing::ElementsAre("billing", "vip"));
  ASSERT_EQ(after.comments.size(), 4u);
  EXPECT_FALSE(after.comments.back().is_public);
  EXPECT_THAT(after.comments.back().body,
              HasSubstr(done.body["result"]["decision_id"].get<std::string>()));
  Database db(server->data_dir());
  const nlohmann::json recorded = nlohmann::json::parse(
      db.Text("SELECT ticket_json FROM tickets"), nullptr, false);
  EXPECT_EQ(recorded["messages"].size(), 3u);
}

TEST(WebhookEnrichmentTest, RecordsAPartialTicketWhenTheApiIsDown) {
  auto server = testing::TestServer::Start(ConfigWithSources(ZendeskApiSource(
      absl::StrCat("http://127.0.0.1:", testing::ClosedPort()), false)));
  ASSERT_NE(server, nullptr);
  const std::string body = testing::HookPayload("zendesk");
  ASSERT_EQ(Deliver(server->http_port(), "zendesk-api", "zendesk", body, SecretOf("zendesk")).status,
            202);
  Answer done;
  ASSERT_TRUE(testing::WaitUntil([&] {
    done = Deliver(server->http_port(), "zendesk-api", "zendesk", body, SecretOf("zendesk"));
    return done.body.value("status", "") == "done";
  })) << done.body;
  EXPECT_EQ(done.body["result"]["partial"], true);
  EXPECT_THAT(Metrics(server->http_port()),
              HasSubstr("debrief_hook_enrichments_total{source=\"zendesk-api\",outcome=\"unavailable\"} 1"));
}

}  // namespace
}  // namespace debrief
