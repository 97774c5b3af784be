#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/config/config_loader.h"

namespace debrief::config {
namespace {

using ::testing::HasSubstr;

absl::Status Load(const std::string& yaml) { return LoadConfigText(yaml, "test.yaml").status(); }

constexpr char kCrm[] = R"yaml(
destinations:
  crm:
    kind: webhook
    url: https://crm.example.com/hooks
    secrets: [{env: DEBRIEF_CRM_SECRET}]
)yaml";

TEST(RoutesConfigTest, LoadsDestinationsAndRoutesWithTheirDefaults) {
  auto config = LoadConfigText(std::string(kCrm) + R"yaml(
  team_chat: {kind: slack, secret: {env: SLACK_URL}}
routes:
  - {name: risk, audience: success, kinds: [renewal_risk_changed], destination: crm,
     filters: {min_arr: 50000, competitors: [Zendesk]}}
)yaml", "test.yaml");
  ASSERT_TRUE(config.ok()) << config.status();
  ASSERT_EQ(config->routing.destinations.size(), 2u);
  const DestinationOptions& crm = config->routing.destinations[0];
  EXPECT_EQ(crm.retry.schedule.size(), 7u);
  EXPECT_EQ(crm.retry.schedule[1], absl::Minutes(5));
  EXPECT_EQ(crm.retry.horizon, absl::Hours(72));
  EXPECT_EQ(crm.concurrency, 4);
  const DestinationOptions& slack = config->routing.destinations[1];
  EXPECT_EQ(slack.max_per_second, 1);
  EXPECT_EQ(slack.concurrency, 1);
  ASSERT_EQ(config->routing.routes.size(), 1u);
  EXPECT_EQ(config->routing.routes[0].filters.min_arr, 50000);
}

TEST(RoutesConfigTest, RejectsARouteToAnUnknownDestinationNamingTheField) {
  const absl::Status status = Load(std::string(kCrm) + "routes:\n  - {name: a, destination: crn}\n");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("routes[0].destination"));
  EXPECT_THAT(status.message(), HasSubstr("crn"));
}

TEST(RoutesConfigTest, RejectsUnknownKindsAudiencesLevelsAndExtraFields) {
  EXPECT_THAT(Load(std::string(kCrm) + "routes:\n  - {name: a, destination: crm, kinds: [churn]}\n").message(),
              HasSubstr("routes[0].kinds[0]"));
  EXPECT_THAT(Load(std::string(kCrm) + "routes:\n  - {name: a, destination: crm, audience: legal}\n").message(),
              HasSubstr("routes[0].audience"));
  EXPECT_THAT(
      Load(std::string(kCrm) + "routes:\n  - {name: a, destination: crm, filters: {min_level: high}}\n").message(),
      HasSubstr("routes[0].filters.min_level"));
  EXPECT_THAT(
      Load(std::string(kCrm) + "routes:\n  - {name: a, destination: crm, extra_fields: [messages]}\n").message(),
      HasSubstr("routes[0].extra_fields[0]"));
  EXPECT_THAT(Load(std::string(kCrm) + "routes:\n  - {name: a, destination: crm}\n  - {name: a, destination: crm}\n")
                  .message(),
              HasSubstr("routes[1].name"));
}

TEST(RoutesConfigTest, RejectsDestinationsMissingWhatTheirKindNeeds) {
  EXPECT_THAT(Load("destinations:\n  d: {kind: webhook, url: https://x.example}\n").message(),
              HasSubstr("destinations.d.secrets"));
  EXPECT_THAT(Load("destinations:\n  d: {kind: webhook, url: ftp://x, secrets: [{env: A}]}\n").message(),
              HasSubstr("destinations.d.url"));
  EXPECT_THAT(Load("destinations:\n  d: {kind: slack}\n").message(), HasSubstr("destinations.d.secret"));
  EXPECT_THAT(Load("destinations:\n  d: {kind: jsonl}\n").message(), HasSubstr("destinations.d.path"));
  EXPECT_THAT(Load("destinations:\n  d: {kind: kafka}\n").message(), HasSubstr("destinations.d.kind"));
  EXPECT_THAT(Load("destinations:\n  d: {kind: jsonl, path: /x, retry: {jitter: 1.5}}\n").message(),
              HasSubstr("destinations.d.retry.jitter"));
  EXPECT_THAT(Load("destinations:\n  d: {kind: jsonl, path: /x, retry: {schedule: [5s, soon]}}\n").message(),
              HasSubstr("destinations.d.retry.schedule[1]"));
  EXPECT_THAT(Load("destinations:\n  d: {kind: jsonl, path: /x, circuit_breaker: {failure_ratio: 0}}\n").message(),
              HasSubstr("destinations.d.circuit_breaker.failure_ratio"));
  EXPECT_THAT(Load("destinations:\n  d: {kind: jsonl, path: /x, colour: red}\n").message(), HasSubstr("colour"));
}

TEST(RoutesConfigTest, NeverAcceptsASecretValueInTheYaml) {
  const absl::Status status =
      Load("destinations:\n  d: {kind: webhook, url: https://x.example, secrets: [whsec_abc]}\n");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), ::testing::Not(HasSubstr("whsec_abc")));
}

}  // namespace
}  // namespace debrief::config
