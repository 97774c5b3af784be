#include "server/routing/destinations/jira/jira_destination.h"

#include <cstdlib>
#include <thread>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "server/routing/destinations/jira/jira_document.h"
#include "tests/fakes/fake_clock.h"
#include "tests/fakes/fake_http_transport.h"
#include "tests/fakes/in_memory_destination_issue_store.h"

namespace debrief::routing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using nlohmann::json;

constexpr char kCredentials[] = "bot@acme.com:ATATT3xSECRETTOKEN";

core::Insight Error(const std::string& fingerprint, const std::string& ticket) {
  return {.insight_id = "ins_" + ticket,
          .kind = "error_reported",
          .audience = core::Team::kEngineering,
          .account_id = "acme",
          .ticket_id = ticket,
          .created_at = absl::FromUnixSeconds(1'790'000'000),
          .body_json = json({{"fingerprint", fingerprint},
                             {"kind", "http_5xx"},
                             {"normalized", "HTTP 500 Internal Server Error on export"},
                             {"account", {{"id", "acme"}, {"name", "Acme Corp"}}},
                             {"ticket", {{"source", "zendesk"}, {"id", ticket}, {"number", ticket}}}})
                           .dump()};
}

// Answers like Jira Cloud: 201 with a new key per created issue, 201 per comment.
class FakeJira {
 public:
  explicit FakeJira(testing::FakeHttpTransport& http) {
    http.Respond([this](const HttpRequest& request) -> absl::StatusOr<HttpResponse> {
      absl::MutexLock lock(&mu_);
      if (absl::EndsWith(request.url, "/rest/api/3/issue")) {
        return HttpResponse{.status = 201, .body = json({{"id", "1"}, {"key", "OPS-" + std::to_string(++created_)}}).dump(), .headers = {}};
      }
      if (!deleted_.empty() && absl::StrContains(request.url, "/issue/" + deleted_ + "/")) {
        return HttpResponse{.status = 404, .body = R"({"errorMessages":["Issue does not exist"]})", .headers = {}};
      }
      return HttpResponse{.status = 201, .body = "{}", .headers = {}};
    });
  }
  void Delete(std::string key) {
    absl::MutexLock lock(&mu_);
    deleted_ = std::move(key);
  }

 private:
  absl::Mutex mu_;
  int created_ ABSL_GUARDED_BY(mu_) = 0;
  std::string deleted_ ABSL_GUARDED_BY(mu_);
};

class JiraDestinationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("DEBRIEF_TEST_JIRA", kCredentials, 1);
    options_.name = "jira";
    options_.kind = "jira";
    options_.url = "https://acme.atlassian.net/";
    options_.project = "OPS";
    options_.issue_type = "Bug";
    options_.secret = {.env = "DEBRIEF_TEST_JIRA"};
  }
  std::unique_ptr<JiraDestination> Make() {
    auto destination = JiraDestination::Create(options_, http_.Handle(), &issues_, clock_);
    EXPECT_TRUE(destination.ok()) << destination.status();
    return destination.ok() ? *std::move(destination) : nullptr;
  }

  testing::FakeHttpTransport http_;
  testing::InMemoryDestinationIssueStore issues_;
  testing::FakeClock clock_;
  config::DestinationOptions options_;
};

TEST_F(JiraDestinationTest, CreatesAnIssueWithBasicAuthAndAdfThenCommentsOnLaterOccurrences) {
  FakeJira jira(http_);
  auto destination = Make();
  EXPECT_EQ(destination->Deliver(Error("3f9a", "101"), {.extra_json = R"({"ticket_url":"https://t/101"})"}, 1).outcome,
            DeliveryResult::Outcome::kDelivered);
  EXPECT_EQ(destination->Deliver(Error("3f9a", "102"), {}, 1).outcome, DeliveryResult::Outcome::kDelivered);
  const auto requests = http_.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].url, "https://acme.atlassian.net/rest/api/3/issue");
  EXPECT_EQ(testing::HeaderOf(requests[0], "Authorization"), "Basic " + absl::Base64Escape(kCredentials));
  const json issue = json::parse(requests[0].body);
  EXPECT_EQ(issue["fields"]["project"]["key"], "OPS");
  EXPECT_EQ(issue["fields"]["issuetype"]["name"], "Bug");
  EXPECT_EQ(issue["fields"]["summary"], "[Debrief] http_5xx: HTTP 500 Internal Server Error on export");
  EXPECT_EQ(issue["fields"]["labels"], json::array({"debrief", "debrief-error"}));
  const json& description = issue["fields"]["description"];
  EXPECT_EQ(description["type"], "doc");
  EXPECT_EQ(description["version"], 1);
  EXPECT_THAT(description.dump(), HasSubstr("Acme Corp (acme)"));
  EXPECT_THAT(description.dump(), HasSubstr(R"("href":"https://t/101")"));
  EXPECT_EQ(requests[1].url, "https://acme.atlassian.net/rest/api/3/issue/OPS-1/comment");
  const json comment = json::parse(requests[1].body);
  EXPECT_EQ(comment["body"]["type"], "doc");
  EXPECT_THAT(comment.dump(), HasSubstr("Seen again: Acme Corp (acme)"));
  EXPECT_THAT(comment.dump(), HasSubstr("ticket 102"));
  EXPECT_EQ(issues_.issues().at({"jira", "error:3f9a"}), "OPS-1");
}

TEST_F(JiraDestinationTest, ADifferentFingerprintGetsItsOwnIssue) {
  FakeJira jira(http_);
  auto destination = Make();
  destination->Deliver(Error("3f9a", "101"), {}, 1);
  destination->Deliver(Error("77bc", "102"), {}, 1);
  EXPECT_EQ(issues_.issues().at({"jira", "error:3f9a"}), "OPS-1");
  EXPECT_EQ(issues_.issues().at({"jira", "error:77bc"}), "OPS-2");
}

TEST_F(JiraDestinationTest, ReopensANewIssueWhenTheMappedOneWasDeleted) {
  FakeJira jira(http_);
  auto destination = Make();
  destination->Deliver(Error("3f9a", "101"), {}, 1);
  jira.Delete("OPS-1");
  EXPECT_EQ(destination->Deliver(Error("3f9a", "102"), {}, 1).outcome, DeliveryResult::Outcome::kDelivered);
  const auto requests = http_.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_THAT(requests[1].url, HasSubstr("/issue/OPS-1/comment"));
  EXPECT_THAT(requests[2].url, ::testing::EndsWith("/rest/api/3/issue"));
  EXPECT_EQ(issues_.issues().at({"jira", "error:3f9a"}), "OPS-2");
}

TEST_F(JiraDestinationTest, ConcurrentOccurrencesOfOneFingerprintCreateOneIssue) {
  // Each create waits (bounded) for a second request: without the per-key lock both
  // deliveries find no issue and both create one.
  absl::Mutex mu;
  int creates = 0;
  int requests_seen = 0;
  http_.Respond([&](const HttpRequest& request) -> absl::StatusOr<HttpResponse> {
    absl::MutexLock lock(&mu);
    ++requests_seen;
    if (!absl::EndsWith(request.url, "/rest/api/3/issue")) return HttpResponse{.status = 201, .body = "{}", .headers = {}};
    std::pair<int*, int> later = {&requests_seen, requests_seen};
    mu.AwaitWithTimeout(absl::Condition(+[](std::pair<int*, int>* s) { return *s->first > s->second; }, &later),
                        absl::Milliseconds(300));
    return HttpResponse{.status = 201, .body = json({{"key", "OPS-" + std::to_string(++creates)}}).dump(), .headers = {}};
  });
  auto destination = Make();
  std::thread a([&] { destination->Deliver(Error("3f9a", "101"), {}, 1); });
  std::thread b([&] { destination->Deliver(Error("3f9a", "102"), {}, 1); });
  a.join();
  b.join();
  absl::MutexLock lock(&mu);
  EXPECT_EQ(creates, 1);
  EXPECT_EQ(requests_seen, 2);
}

TEST_F(JiraDestinationTest, GroupsFeatureRequestsByAreaAndNormalizedTheme) {
  core::Insight a = Error("", "101");
  a.kind = "feature_requested";
  a.body_json = R"({"theme":"Background Export!","product_area":"Export","quote":"run it later"})";
  core::Insight b = a;
  b.body_json = R"({"theme":"background  export","product_area":"export","quote":"please"})";
  EXPECT_EQ(*JiraDedupeKey(a), "feature:export:background-export");
  EXPECT_EQ(*JiraDedupeKey(b), *JiraDedupeKey(a));
  const json issue = json::parse(JiraIssueJson(a, {}, "OPS", "Task"));
  EXPECT_EQ(issue["fields"]["summary"], "[Debrief] Feature request: Background Export! (Export)");
  EXPECT_EQ(issue["fields"]["labels"][1], "debrief-feature-request");
}

TEST_F(JiraDestinationTest, RejectsOtherKindsWithoutCallingJira) {
  auto destination = Make();
  core::Insight risk = Error("3f9a", "101");
  risk.kind = "renewal_risk_changed";
  const DeliveryResult result = destination->Deliver(risk, {}, 1);
  EXPECT_EQ(result.outcome, DeliveryResult::Outcome::kReject);
  EXPECT_THAT(result.error, HasSubstr("error_reported and feature_requested"));
  EXPECT_TRUE(http_.requests().empty());
}

TEST_F(JiraDestinationTest, RetriesWhenTheIssueMapIsUnavailableAndNeverLeaksTheToken) {
  auto destination = Make();
  issues_.set_failing(true);
  EXPECT_EQ(destination->Deliver(Error("3f9a", "101"), {}, 1).outcome, DeliveryResult::Outcome::kRetry);
  EXPECT_TRUE(http_.requests().empty());
  issues_.set_failing(false);
  http_.Respond([](const HttpRequest& request) -> absl::StatusOr<HttpResponse> {
    return HttpResponse{.status = 401, .body = "bad credentials " + testing::HeaderOf(request, "Authorization"), .headers = {}};
  });
  const DeliveryResult result = destination->Deliver(Error("3f9a", "101"), {}, 1);
  EXPECT_EQ(result.outcome, DeliveryResult::Outcome::kReject);
  EXPECT_THAT(result.error, Not(HasSubstr(absl::Base64Escape(kCredentials))));
  EXPECT_TRUE(issues_.issues().empty());
}

TEST_F(JiraDestinationTest, RefusesCredentialsThatAreNotEmailColonToken) {
  setenv("DEBRIEF_TEST_JIRA", "justatoken", 1);
  auto destination = JiraDestination::Create(options_, http_.Handle(), &issues_, clock_);
  EXPECT_EQ(destination.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(destination.status().message(), HasSubstr("destinations.jira.secret"));
  EXPECT_THAT(destination.status().message(), Not(HasSubstr("justatoken")));
}

}  // namespace
}  // namespace debrief::routing
