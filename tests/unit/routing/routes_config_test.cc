#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/config/config_loader.h"
#include "server/routing/destination_factory.h"
#include "tests/fakes/fake_clock.h"

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

TEST(RoutesConfigTest, SlackIsPacedAtOneMessagePerSecondAndCannotGoFaster) {
  auto config = LoadConfigText("destinations:\n  s: {kind: slack, secret: {env: S}, max_per_second: 0.5}\n",
                               "test.yaml");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->routing.destinations[0].max_per_second, 0.5);
  EXPECT_EQ(config->routing.destinations[0].concurrency, 1);
  const absl::Status status = Load("destinations:\n  s: {kind: slack, secret: {env: S}, max_per_second: 5}\n");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("destinations.s.max_per_second"));
}

TEST(RoutesConfigTest, LoadsTheSaasDestinationsWithTheirDefaults) {
  auto config = LoadConfigText(R"yaml(
destinations:
  jira: {kind: jira, url: https://acme.atlassian.net, project: OPS, secret: {env: J}}
  hubspot: {kind: hubspot, secret: {env: H}, template: "{summary}"}
  salesforce: {kind: salesforce, url: https://acme.my.salesforce.com, secret: {env: S}}
routes:
  - {name: errors, kinds: [error_reported, feature_requested], destination: jira}
)yaml", "test.yaml");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->routing.destinations[0].project, "OPS");
  EXPECT_EQ(config->routing.destinations[0].issue_type, "Task");
  EXPECT_EQ(config->routing.destinations[1].url, "https://api.hubapi.com");
  EXPECT_EQ(config->routing.destinations[1].template_text, "{summary}");
  EXPECT_EQ(config->routing.destinations[2].api_version, "v59.0");
}

TEST(RoutesConfigTest, RejectsJiraWithoutAProjectAndRoutesSendingItOtherKinds) {
  constexpr char kJira[] = "destinations:\n  j: {kind: jira, url: https://a.atlassian.net, project: OPS, "
                           "secret: {env: J}}\n";
  EXPECT_THAT(Load("destinations:\n  j: {kind: jira, url: https://a.atlassian.net, secret: {env: J}}\n").message(),
              HasSubstr("destinations.j.project"));
  const absl::Status every_kind = Load(std::string(kJira) + "routes:\n  - {name: a, destination: j}\n");
  EXPECT_EQ(every_kind.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(every_kind.message(), HasSubstr("routes[0].kinds"));
  EXPECT_THAT(
      Load(std::string(kJira) + "routes:\n  - {name: a, destination: j, kinds: [error_reported, expansion_signal]}\n")
          .message(),
      HasSubstr("takes only error_reported and feature_requested"));
}

TEST(RoutesConfigTest, RejectsATemplateOnKindsThatHaveNone) {
  EXPECT_THAT(Load("destinations:\n  d: {kind: jsonl, path: /x, template: \"{summary}\"}\n").message(),
              HasSubstr("destinations.d.template"));
  EXPECT_THAT(Load("destinations:\n  d: {kind: jsonl, path: /x}\n"
                   "routes:\n  - {name: r, destination: d, template: \"{summary}\"}\n")
                  .message(),
              HasSubstr("routes[0].template"));
}

TEST(RoutesConfigTest, KeepsARoutesTemplateWithTheDestinationItRendersFor) {
  auto config = LoadConfigText(R"yaml(
destinations:
  hubspot: {kind: hubspot, secret: {env: H}, template: "{summary}"}
routes:
  - {name: risk_notes, kinds: [renewal_risk_changed], destination: hubspot, template: "Risk: {summary}"}
  - {name: other_notes, destination: hubspot}
)yaml", "test.yaml");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->routing.routes[0].template_text, "Risk: {summary}");
  const std::vector<config::RouteTemplate> expected = {
      {.route = "risk_notes", .path = "routes[0].template", .text = "Risk: {summary}"}};
  EXPECT_EQ(config->routing.destinations[0].route_templates, expected);
}

TEST(RoutesConfigTest, NeverAcceptsASecretValueInTheYaml) {
  const absl::Status status =
      Load("destinations:\n  d: {kind: webhook, url: https://x.example, secrets: [whsec_abc]}\n");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), ::testing::Not(HasSubstr("whsec_abc")));
}

TEST(DestinationFactoryTest, RefusesAKindItDoesNotKnowNamingTheKey) {
  DestinationOptions options;
  options.name = "stream";
  options.kind = "kafka";
  testing::FakeClock clock;
  const auto destination = routing::CreateDestination(options, clock);
  EXPECT_EQ(destination.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(destination.status().message(), HasSubstr("destinations.stream.kind"));
}

}  // namespace
}  // namespace debrief::config
