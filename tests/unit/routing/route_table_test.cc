#include "server/routing/route_table.h"

#include <set>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "server/config/config_loader.h"

namespace debrief::routing {
namespace {

using ::testing::UnorderedElementsAre;

core::Ticket Ticket() {
  core::Ticket ticket;
  ticket.source = core::Source::kZendesk;
  ticket.ticket_id = "42";
  ticket.subject = "Invoice wrong for jane@acme.com";
  ticket.url = "https://acme.zendesk.com/tickets/42";
  ticket.requester.email = "jane@acme.com";
  ticket.account = {.id = "acme", .name = "Acme", .arr_cents = 12'000'000, .segment = "enterprise"};
  ticket.tags = {"billing"};
  return ticket;
}

core::Debriefing Debriefing() {
  core::Debriefing d;
  d.decision_id = "dcl_1";
  d.decided_at = absl::FromUnixSeconds(1'790'000'000);
  d.escalation.level = core::EscalationLevel::kUrgent;
  d.escalation.target = core::Team::kSuccess;
  d.relationship.renewal_risk = 60;
  d.relationship.renewal_risk_delta = 15;
  d.relationship.expansion_delta = 5;
  d.sentiment.start = 0.3;
  d.sentiment.end = -0.5;
  d.sentiment.delta = -0.8;
  d.competitors.push_back({.competitor = "Zendesk", .context = core::CompetitorContext::kSwitching});
  d.competitors.push_back({.competitor = "Freshdesk", .context = core::CompetitorContext::kComparing});
  d.product_feedback.push_back({.kind = core::FeedbackKind::kFeatureRequest, .product_area = "reports",
                                .theme = "export to csv"});
  d.product_feedback.push_back({.kind = core::FeedbackKind::kBug, .product_area = "reports"});
  d.errors.push_back({.fingerprint = "fp1", .normalized = "E<n> timeout", .kind = "timeout"});
  return d;
}

std::unique_ptr<RouteTable> Table(const std::string& yaml) {
  auto config = config::LoadConfigText(yaml, "test.yaml");
  EXPECT_TRUE(config.ok()) << config.status();
  auto table = RouteTable::Create(config->routing);
  EXPECT_TRUE(table.ok()) << table.status();
  return *std::move(table);
}

constexpr char kDestinations[] = R"yaml(
destinations:
  crm: {kind: jsonl, path: /tmp/crm.jsonl}
  product: {kind: jsonl, path: /tmp/product.jsonl}
)yaml";

std::set<std::string> Kinds(const core::PlannedInsights& planned) {
  std::set<std::string> kinds;
  for (const auto& i : planned.insights) kinds.insert(i.kind);
  return kinds;
}

TEST(RouteTableTest, ProducesEveryTypedInsightOfACloseWithItsAudience) {
  auto table = Table(kDestinations);
  const auto planned = table->Plan("close-1", Ticket(), Ticket(), Debriefing());
  EXPECT_EQ(Kinds(planned),
            (std::set<std::string>{"escalation_recommended", "renewal_risk_changed", "expansion_signal",
                                   "confidence_changed", "competitor_mentioned", "feature_requested",
                                   "error_reported"}));
  EXPECT_EQ(planned.insights.size(), 8u);  // two competitors; the bug is not a feature request
  for (const core::Insight& insight : planned.insights) {
    EXPECT_EQ(insight.account_id, "acme");
    EXPECT_EQ(insight.decision_id, "dcl_1");
    if (insight.kind == "feature_requested") {
      EXPECT_EQ(insight.audience, core::Team::kProduct);
    }
    if (insight.kind == "competitor_mentioned") {
      EXPECT_EQ(insight.audience, core::Team::kSales);
    }
    if (insight.kind == "renewal_risk_changed") {
      EXPECT_EQ(insight.audience, core::Team::kSuccess);
    }
  }
  EXPECT_TRUE(planned.deliveries.empty());  // no routes
}

TEST(RouteTableTest, AReplayedCloseYieldsTheSameInsightIds) {
  auto table = Table(kDestinations);
  const auto first = table->Plan("close-1", Ticket(), Ticket(), Debriefing());
  const auto again = table->Plan("close-1", Ticket(), Ticket(), Debriefing());
  const auto other = table->Plan("close-2", Ticket(), Ticket(), Debriefing());
  std::set<std::string> ids;
  for (size_t i = 0; i < first.insights.size(); ++i) {
    EXPECT_EQ(first.insights[i].insight_id, again.insights[i].insight_id);
    EXPECT_NE(first.insights[i].insight_id, other.insights[i].insight_id);
    EXPECT_THAT(first.insights[i].insight_id, ::testing::StartsWith("ins_"));
    ids.insert(first.insights[i].insight_id);
  }
  EXPECT_EQ(ids.size(), first.insights.size());
}

TEST(RouteTableTest, RoutesOnlyWhatAudienceKindAndEveryFilterAllow) {
  auto table = Table(std::string(kDestinations) + R"yaml(
routes:
  - {name: risk, audience: success, kinds: [renewal_risk_changed], destination: crm,
     filters: {min_arr: 100000, segments: [enterprise], min_level: escalate, tags: [billing]}}
  - {name: too_small, kinds: [expansion_signal], destination: crm, filters: {min_arr: 500000}}
  - {name: wrong_segment, kinds: [expansion_signal], destination: crm, filters: {segments: [smb]}}
  - {name: competitor, kinds: [competitor_mentioned], destination: crm, filters: {competitors: [zendesk]}}
  - {name: product, audience: product, destination: product}
  - {name: wrong_audience, audience: sales, kinds: [feature_requested], destination: crm}
)yaml");
  const auto planned = table->Plan("close-1", Ticket(), Ticket(), Debriefing());
  std::map<std::string, std::string> kind_of;
  for (const auto& i : planned.insights) kind_of[i.insight_id] = i.kind;
  std::vector<std::string> routed;
  for (const core::Delivery& d : planned.deliveries) routed.push_back(d.route + ":" + kind_of[d.insight_id]);
  EXPECT_THAT(routed, UnorderedElementsAre("risk:renewal_risk_changed", "competitor:competitor_mentioned",
                                           "product:feature_requested"));
  // Only the Zendesk mention, not the Freshdesk one.
  for (const core::Delivery& d : planned.deliveries) {
    if (d.route != "competitor") continue;
    for (const auto& i : planned.insights) {
      if (i.insight_id == d.insight_id) {
        EXPECT_THAT(i.body_json, ::testing::HasSubstr("Zendesk"));
      }
    }
  }
}

TEST(RouteTableTest, CarriesOnlyTheExtraFieldsTheRouteAllows) {
  auto table = Table(std::string(kDestinations) + R"yaml(
routes:
  - {name: with_url, kinds: [escalation_recommended], destination: crm, extra_fields: [ticket_url]}
  - {name: plain, kinds: [escalation_recommended], destination: product}
)yaml");
  core::Ticket redacted = Ticket();
  redacted.subject = "Invoice wrong for [EMAIL]";
  redacted.requester.email = "";
  const auto planned = table->Plan("close-1", Ticket(), redacted, Debriefing());
  ASSERT_EQ(planned.deliveries.size(), 2u);
  for (const core::Delivery& d : planned.deliveries) {
    const auto extra = nlohmann::json::parse(d.extra_json);
    if (d.route == "with_url") {
      EXPECT_EQ(extra, nlohmann::json({{"ticket_url", "https://acme.zendesk.com/tickets/42"}}));
    } else {
      EXPECT_TRUE(extra.empty());
    }
  }
  for (const core::Insight& i : planned.insights) EXPECT_THAT(i.body_json, ::testing::Not(::testing::HasSubstr("jane@")));
}

TEST(RouteTableTest, SendsAnInsightToADestinationOnceEvenWhenTwoRoutesMatch) {
  auto table = Table(std::string(kDestinations) + R"yaml(
routes:
  - {name: a, kinds: [error_reported], destination: crm}
  - {name: b, audience: engineering, destination: crm}
)yaml");
  const auto planned = table->Plan("close-1", Ticket(), Ticket(), Debriefing());
  ASSERT_EQ(planned.deliveries.size(), 1u);
  EXPECT_EQ(planned.deliveries[0].route, "a");
}

}  // namespace
}  // namespace debrief::routing
