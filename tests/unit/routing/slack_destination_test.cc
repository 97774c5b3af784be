#include "server/routing/destinations/slack/slack_destination.h"

#include <cstdlib>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "server/routing/destinations/slack/slack_message.h"
#include "tests/fakes/fake_clock.h"
#include "tests/fakes/fake_http_transport.h"

namespace debrief::routing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using nlohmann::json;

constexpr char kWebhookUrl[] = "https://hooks.slack.com/services/T000/B000/XXXXsecretXXXX";

core::Insight Competitor() {
  return {.insight_id = "ins_01COMP",
          .kind = "competitor_mentioned",
          .audience = core::Team::kSales,
          .account_id = "acme",
          .ticket_id = "ZD-9001",
          .created_at = absl::FromUnixSeconds(1'790'000'000),
          .body_json = R"({"competitor":"Looker <Studio>","context":"pricing","confidence":0.9,
                          "quote":"Looker is half the price & <b>faster</b>",
                          "account":{"id":"acme","name":"Acme & Sons"},
                          "ticket":{"source":"zendesk","id":"ZD-9001","number":"9001"}})"};
}

class SlackDestinationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("DEBRIEF_TEST_SLACK_URL", kWebhookUrl, 1);
    options_.name = "sales_channel";
    options_.kind = "slack";
    options_.secret = {.env = "DEBRIEF_TEST_SLACK_URL"};
  }
  std::unique_ptr<SlackDestination> Make() {
    auto destination = SlackDestination::Create(options_, http_.Handle(), clock_);
    EXPECT_TRUE(destination.ok()) << destination.status();
    return destination.ok() ? *std::move(destination) : nullptr;
  }
  json SentBody() {
    const auto requests = http_.requests();
    EXPECT_EQ(requests.size(), 1u);
    return requests.empty() ? json() : json::parse(requests.back().body);
  }

  testing::FakeHttpTransport http_;
  testing::FakeClock clock_;
  config::DestinationOptions options_;
};

TEST_F(SlackDestinationTest, PostsABlockKitMessageToTheWebhookUrlFromTheSecret) {
  http_.Answer(200, "ok");
  auto slack = Make();
  const DeliveryResult result =
      slack->Deliver(Competitor(), {.extra_json = R"({"ticket_url":"https://acme.zendesk.com/t/9001"})"}, 1);
  EXPECT_EQ(result.outcome, DeliveryResult::Outcome::kDelivered) << result.error;
  const auto requests = http_.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].url, kWebhookUrl);
  EXPECT_THAT(testing::HeaderOf(requests[0], "Content-Type"), HasSubstr("application/json"));
  const json body = SentBody();
  EXPECT_EQ(body["text"], "Competitor mentioned: Acme &amp; Sons (acme) \u00b7 zendesk ticket 9001");
  ASSERT_EQ(body["blocks"].size(), 3u);
  EXPECT_EQ(body["blocks"][0]["type"], "header");
  EXPECT_EQ(body["blocks"][0]["text"]["type"], "plain_text");
  EXPECT_EQ(body["blocks"][0]["text"]["text"], "Competitor mentioned");
  EXPECT_EQ(body["blocks"][1]["type"], "section");
  EXPECT_EQ(body["blocks"][1]["text"]["type"], "mrkdwn");
  const std::string section = body["blocks"][1]["text"]["text"];
  EXPECT_THAT(section, HasSubstr("*Acme &amp; Sons (acme) \u00b7 zendesk ticket 9001*"));
  EXPECT_THAT(section, HasSubstr("Competitor: Looker &lt;Studio&gt; (pricing)"));
  EXPECT_THAT(section, HasSubstr("Looker is half the price &amp; &lt;b&gt;faster&lt;/b&gt;"));
  EXPECT_EQ(body["blocks"][2]["type"], "context");
  const std::string context = body["blocks"][2]["elements"][0]["text"];
  EXPECT_THAT(context, HasSubstr("ins_01COMP"));
  EXPECT_THAT(context, HasSubstr("<https://acme.zendesk.com/t/9001|Open ticket>"));
}

TEST_F(SlackDestinationTest, ShowsTheKeyFactsOfEachKind) {
  auto slack = Make();
  struct Case {
    const char* kind;
    const char* body;
    const char* fact;
  };
  const Case cases[] = {
      {"renewal_risk_changed", R"({"renewal_risk":60,"delta":20,"reasons":[{"text":"3 escalations"}]})",
       "Renewal risk: 40 \u2192 60 (+20)"},
      {"renewal_risk_changed", R"({"renewal_risk":60,"delta":20,"reasons":[{"text":"3 escalations"}]})",
       "Reasons: 3 escalations"},
      {"escalation_recommended", R"({"level":"urgent","target":"success","reasons":[{"text":"legal threat"}]})",
       "Escalation: urgent to success"},
      {"escalation_recommended", R"({"level":"urgent","target":"success","reasons":[{"text":"legal threat"}]})",
       "Reasons: legal threat"},
      {"error_reported", R"({"fingerprint":"3f9a","kind":"http_5xx","normalized":"HTTP 500 on <export>"})",
       "Error: http_5xx 3f9a"},
      {"error_reported", R"({"fingerprint":"3f9a","kind":"http_5xx","normalized":"HTTP 500 on <export>"})",
       "Text: HTTP 500 on &lt;export&gt;"},
      {"feature_requested", R"({"theme":"background export","product_area":"export","quote":"run it later"})",
       "Feature request: background export (export)"},
      {"feature_requested", R"({"theme":"background export","product_area":"export","quote":"run it later"})",
       "Quote: \u201crun it later\u201d"},
  };
  for (const Case& c : cases) {
    core::Insight insight = Competitor();
    insight.kind = c.kind;
    insight.body_json = c.body;
    slack->Deliver(insight, {}, 1);
    const json body = json::parse(http_.requests().back().body);
    EXPECT_THAT(body["blocks"][1]["text"]["text"].get<std::string>(), HasSubstr(c.fact)) << c.kind;
  }
}

TEST_F(SlackDestinationTest, FillsTheSectionFromTheTemplateEscapingOnlyTheValues) {
  options_.template_text = "*{insight.kind}* from {body.account.name}: _{body.quote}_ ({extra.ticket_url})";
  auto slack = Make();
  slack->Deliver(Competitor(), {.extra_json = R"({"ticket_url":"https://t/1"})"}, 1);
  EXPECT_EQ(SentBody()["blocks"][1]["text"]["text"],
            "*competitor_mentioned* from Acme &amp; Sons: _Looker is half the price &amp; &lt;b&gt;faster&lt;/b&gt;_ "
            "(https://t/1)");
}

TEST_F(SlackDestinationTest, ARoutesOwnTemplateOverridesTheDestinationsForThatRouteOnly) {
  options_.template_text = "default: {insight.kind}";
  options_.route_templates = {{.route = "pricing_talk", .path = "routes[3].template",
                               .text = "price talk at {body.account.name}"}};
  auto slack = Make();
  slack->Deliver(Competitor(), {.route = "pricing_talk"}, 1);
  slack->Deliver(Competitor(), {.route = "all_competitors"}, 1);
  const auto requests = http_.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(json::parse(requests[0].body)["blocks"][1]["text"]["text"], "price talk at Acme &amp; Sons");
  EXPECT_EQ(json::parse(requests[1].body)["blocks"][1]["text"]["text"], "default: competitor_mentioned");
}

TEST_F(SlackDestinationTest, RefusesABadRouteTemplateNamingTheRoutesKey) {
  options_.route_templates = {{.route = "pricing_talk", .path = "routes[3].template", .text = "{nope}"}};
  auto destination = SlackDestination::Create(options_, http_.Handle(), clock_);
  EXPECT_EQ(destination.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(destination.status().message(), HasSubstr("routes[3].template"));
}

TEST_F(SlackDestinationTest, RefusesAnUnknownPlaceholderNamingTheField) {
  options_.template_text = "{body.quote} by {customer.email}";
  auto destination = SlackDestination::Create(options_, http_.Handle(), clock_);
  EXPECT_EQ(destination.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(destination.status().message(), HasSubstr("destinations.sales_channel.template"));
  EXPECT_THAT(destination.status().message(), HasSubstr("{customer.email}"));
}

TEST_F(SlackDestinationTest, MapsSlackAnswersOntoTheRetryPolicy) {
  auto slack = Make();
  http_.Answer(429, "rate_limited", {{"retry-after", "1"}});
  DeliveryResult result = slack->Deliver(Competitor(), {}, 1);
  EXPECT_EQ(result.outcome, DeliveryResult::Outcome::kRetry);
  EXPECT_EQ(result.retry_after, absl::Seconds(1));
  http_.Answer(410, "channel_is_archived");
  result = slack->Deliver(Competitor(), {}, 2);
  EXPECT_EQ(result.outcome, DeliveryResult::Outcome::kGone);
  EXPECT_THAT(result.error, HasSubstr("channel_is_archived"));
  http_.Answer(404, "no_service");
  EXPECT_EQ(slack->Deliver(Competitor(), {}, 3).outcome, DeliveryResult::Outcome::kReject);
  http_.Answer(500, "");
  EXPECT_EQ(slack->Deliver(Competitor(), {}, 4).outcome, DeliveryResult::Outcome::kRetry);
}

TEST_F(SlackDestinationTest, NeverPutsTheWebhookUrlInAnError) {
  auto slack = Make();
  http_.Respond([](const HttpRequest& request) -> absl::StatusOr<HttpResponse> {
    return absl::UnavailableError("could not connect to " + request.url);
  });
  DeliveryResult result = slack->Deliver(Competitor(), {}, 1);
  EXPECT_EQ(result.outcome, DeliveryResult::Outcome::kRetry);
  EXPECT_THAT(result.error, Not(HasSubstr("XXXXsecretXXXX")));
  EXPECT_THAT(result.error, HasSubstr("[redacted]"));
  http_.Respond([](const HttpRequest& request) -> absl::StatusOr<HttpResponse> {
    return HttpResponse{.status = 400, .body = "invalid_payload for " + request.url, .headers = {}};
  });
  result = slack->Deliver(Competitor(), {}, 1);
  EXPECT_EQ(result.outcome, DeliveryResult::Outcome::kReject);
  EXPECT_THAT(result.error, Not(HasSubstr("XXXXsecretXXXX")));
}

TEST_F(SlackDestinationTest, RefusesASecretThatIsNotAWebhookUrlWithoutPrintingIt) {
  setenv("DEBRIEF_TEST_SLACK_URL", "xoxb-not-a-url", 1);
  auto destination = SlackDestination::Create(options_, http_.Handle(), clock_);
  EXPECT_EQ(destination.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(destination.status().message(), HasSubstr("destinations.sales_channel.secret"));
  EXPECT_THAT(destination.status().message(), Not(HasSubstr("xoxb-not-a-url")));
  unsetenv("DEBRIEF_TEST_SLACK_UNSET");
  options_.secret = {.env = "DEBRIEF_TEST_SLACK_UNSET"};
  EXPECT_EQ(SlackDestination::Create(options_, http_.Handle(), clock_).status().code(),
            absl::StatusCode::kNotFound);
}

TEST(SlackMessageTest, EscapesTheThreeMrkdwnControlCharacters) {
  EXPECT_EQ(EscapeMrkdwn("a & b < c > d *e*"), "a &amp; b &lt; c &gt; d *e*");
}

TEST(SlackMessageTest, KeepsBlocksWithinSlackLimits) {
  core::Insight insight = Competitor();
  insight.body_json = json({{"competitor", "X"}, {"quote", std::string(5000, 'q')}}).dump();
  const json body = json::parse(SlackMessageJson(insight, {}, nullptr));
  EXPECT_LE(body["blocks"][1]["text"]["text"].get<std::string>().size(), 3000u);
  EXPECT_LE(body["blocks"][0]["text"]["text"].get<std::string>().size(), 150u);
}

}  // namespace
}  // namespace debrief::routing
