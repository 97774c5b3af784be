// HubSpot notes and Salesforce Tasks: request shapes, auth, templates, account ids.
#include <cstdlib>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "server/routing/destinations/hubspot/hubspot_destination.h"
#include "server/routing/destinations/salesforce/salesforce_destination.h"
#include "tests/fakes/fake_clock.h"
#include "tests/fakes/fake_http_transport.h"

namespace debrief::routing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using nlohmann::json;

core::Insight Risk(const std::string& account_id) {
  return {.insight_id = "ins_01RISK",
          .kind = "renewal_risk_changed",
          .audience = core::Team::kSuccess,
          .account_id = account_id,
          .ticket_id = "9001",
          .created_at = absl::FromUnixSeconds(1'790'000'000),  // 2026-09-21T...
          .body_json = json({{"renewal_risk", 60},
                             {"delta", 20},
                             {"reasons", json::array({{{"text", "3 escalations <in> 30 days"}}})},
                             {"account", {{"id", account_id}, {"name", "Acme & Co"}}},
                             {"ticket", {{"source", "zendesk"}, {"id", "9001"}, {"number", "9001"}}}})
                           .dump()};
}

class CrmDestinationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("DEBRIEF_TEST_CRM_TOKEN", "pat-na1-SECRET", 1);
    options_.name = "crm";
    options_.secret = {.env = "DEBRIEF_TEST_CRM_TOKEN"};
  }
  json SentBody() {
    const auto requests = http_.requests();
    EXPECT_FALSE(requests.empty());
    return requests.empty() ? json() : json::parse(requests.back().body);
  }

  testing::FakeHttpTransport http_;
  testing::FakeClock clock_;
  config::DestinationOptions options_;
};

TEST_F(CrmDestinationTest, HubSpotCreatesANoteAssociatedWithTheCompany) {
  options_.kind = "hubspot";
  options_.url = "https://api.hubapi.com";
  auto hubspot = HubSpotDestination::Create(options_, http_.Handle(), clock_);
  ASSERT_TRUE(hubspot.ok()) << hubspot.status();
  http_.Answer(201, R"({"id":"512"})");
  EXPECT_EQ((*hubspot)->Deliver(Risk("18734523"), {}, 1).outcome, DeliveryResult::Outcome::kDelivered);
  const auto requests = http_.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].url, "https://api.hubapi.com/crm/v3/objects/notes");
  EXPECT_EQ(testing::HeaderOf(requests[0], "Authorization"), "Bearer pat-na1-SECRET");
  const json body = SentBody();
  EXPECT_EQ(body["properties"]["hs_timestamp"], "2026-09-21T14:13:20Z");
  const std::string note = body["properties"]["hs_note_body"];
  EXPECT_THAT(note, HasSubstr("<strong>Debrief: Renewal risk changed</strong><br>"));
  EXPECT_THAT(note, HasSubstr("Acme &amp; Co (18734523)"));
  EXPECT_THAT(note, HasSubstr("Renewal risk: 40 \u2192 60 (+20)"));
  EXPECT_THAT(note, HasSubstr("3 escalations &lt;in&gt; 30 days"));
  ASSERT_EQ(body["associations"].size(), 1u);
  EXPECT_EQ(body["associations"][0]["to"]["id"], "18734523");
  EXPECT_EQ(body["associations"][0]["types"][0]["associationCategory"], "HUBSPOT_DEFINED");
  EXPECT_EQ(body["associations"][0]["types"][0]["associationTypeId"], 190);
}

TEST_F(CrmDestinationTest, HubSpotNoteFollowsTheTemplate) {
  options_.kind = "hubspot";
  options_.url = "https://api.hubapi.com";
  options_.template_text = "Risk now {body.renewal_risk} for {body.account.name}\n{summary}";
  auto hubspot = HubSpotDestination::Create(options_, http_.Handle(), clock_);
  ASSERT_TRUE(hubspot.ok()) << hubspot.status();
  (*hubspot)->Deliver(Risk("18734523"), {}, 1);
  EXPECT_THAT(SentBody()["properties"]["hs_note_body"].get<std::string>(),
              ::testing::StartsWith("Risk now 60 for Acme &amp; Co<br>Acme &amp; Co (18734523)"));
}

TEST_F(CrmDestinationTest, HubSpotDeadLettersAnAccountThatIsNotACompanyIdAndHidesTheToken) {
  options_.kind = "hubspot";
  options_.url = "https://api.hubapi.com";
  auto hubspot = HubSpotDestination::Create(options_, http_.Handle(), clock_);
  ASSERT_TRUE(hubspot.ok());
  DeliveryResult result = (*hubspot)->Deliver(Risk("acme"), {}, 1);
  EXPECT_EQ(result.outcome, DeliveryResult::Outcome::kReject);
  EXPECT_THAT(result.error, HasSubstr("not a HubSpot company id"));
  EXPECT_TRUE(http_.requests().empty());
  http_.Answer(401, "invalid token pat-na1-SECRET");
  result = (*hubspot)->Deliver(Risk("18734523"), {}, 1);
  EXPECT_EQ(result.outcome, DeliveryResult::Outcome::kReject);
  EXPECT_THAT(result.error, Not(HasSubstr("pat-na1-SECRET")));
  http_.Answer(429, "", {{"retry-after", "10"}});
  result = (*hubspot)->Deliver(Risk("18734523"), {}, 1);
  EXPECT_EQ(result.outcome, DeliveryResult::Outcome::kRetry);
  EXPECT_EQ(result.retry_after, absl::Seconds(10));
}

TEST_F(CrmDestinationTest, SalesforceLogsACompletedTaskOnTheAccount) {
  options_.kind = "salesforce";
  options_.url = "https://acme.my.salesforce.com/";
  options_.api_version = "v59.0";
  auto salesforce = SalesforceDestination::Create(options_, http_.Handle(), clock_);
  ASSERT_TRUE(salesforce.ok()) << salesforce.status();
  http_.Answer(201, R"({"id":"00T5e00000AbCdE","success":true})");
  EXPECT_EQ((*salesforce)->Deliver(Risk("0015e00000XyZaBAAZ"), {}, 1).outcome,
            DeliveryResult::Outcome::kDelivered);
  const auto requests = http_.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].url, "https://acme.my.salesforce.com/services/data/v59.0/sobjects/Task");
  EXPECT_EQ(testing::HeaderOf(requests[0], "Authorization"), "Bearer pat-na1-SECRET");
  const json task = SentBody();
  EXPECT_EQ(task["WhatId"], "0015e00000XyZaBAAZ");
  EXPECT_EQ(task["Subject"], "Debrief: Renewal risk changed");
  EXPECT_EQ(task["Status"], "Completed");
  EXPECT_EQ(task["ActivityDate"], "2026-09-21");
  EXPECT_THAT(task["Description"].get<std::string>(), HasSubstr("Renewal risk: 40 \u2192 60 (+20)"));
  EXPECT_THAT(task["Description"].get<std::string>(), HasSubstr("3 escalations <in> 30 days"));
  EXPECT_THAT(task["Description"].get<std::string>(), HasSubstr("ins_01RISK"));
}

TEST_F(CrmDestinationTest, SalesforceDescriptionFollowsTheTemplateAndBadIdsAreDeadLettered) {
  options_.kind = "salesforce";
  options_.url = "https://acme.my.salesforce.com";
  options_.template_text = "{insight.kind} on ticket {insight.ticket_id}: risk {body.renewal_risk}";
  auto salesforce = SalesforceDestination::Create(options_, http_.Handle(), clock_);
  ASSERT_TRUE(salesforce.ok()) << salesforce.status();
  EXPECT_EQ((*salesforce)->Deliver(Risk("acme"), {}, 1).outcome, DeliveryResult::Outcome::kReject);
  EXPECT_TRUE(http_.requests().empty());
  (*salesforce)->Deliver(Risk("0015e00000XyZaB"), {}, 1);
  EXPECT_EQ(SentBody()["Description"], "renewal_risk_changed on ticket 9001: risk 60");
  http_.Answer(401, R"([{"message":"Session expired or invalid: pat-na1-SECRET"}])");
  const DeliveryResult expired = (*salesforce)->Deliver(Risk("0015e00000XyZaB"), {}, 1);
  EXPECT_EQ(expired.outcome, DeliveryResult::Outcome::kReject);
  EXPECT_THAT(expired.error, HasSubstr("Session expired"));
  EXPECT_THAT(expired.error, Not(HasSubstr("pat-na1-SECRET")));
}

TEST_F(CrmDestinationTest, BothRefuseAnInvalidTemplateNamingTheField) {
  options_.kind = "salesforce";
  options_.url = "https://acme.my.salesforce.com";
  options_.template_text = "{insight.kindd}";
  auto salesforce = SalesforceDestination::Create(options_, http_.Handle(), clock_);
  EXPECT_THAT(salesforce.status().message(), HasSubstr("destinations.crm.template"));
  EXPECT_THAT(salesforce.status().message(), HasSubstr("{insight.kindd}"));
  options_.kind = "hubspot";
  options_.template_text = "{body.quote";
  auto hubspot = HubSpotDestination::Create(options_, http_.Handle(), clock_);
  EXPECT_EQ(hubspot.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(hubspot.status().message(), HasSubstr("destinations.crm.template"));
}

}  // namespace
}  // namespace debrief::routing
