#include "server/policy/decision_facts.h"

#include "gtest/gtest.h"

namespace debrief::policy {
namespace {

TEST(DecisionFactsTest, DerivesTicketAndAccountFacts) {
  core::Ticket ticket;
  ticket.source = core::Source::kZendesk;
  ticket.priority = core::Priority::kHigh;
  ticket.tags = {"vip"};
  ticket.subject = "Help";
  ticket.messages = {{.author_role = core::AuthorRole::kCustomer, .body_text = "hello"},
                     {.author_role = core::AuthorRole::kAgent, .body_text = "hi"}};
  ticket.account = {.id = "acme", .name = "Acme", .arr_cents = 12'345'600, .renewal_date = "2026-12-31"};
  ticket.created_at = absl::FromUnixSeconds(0);
  ticket.closed_at = absl::FromUnixSeconds(7200);
  core::Debriefing debriefing;
  debriefing.suggested_tags = {{.value = "billing/invoice", .confidence = 0.8}};
  const absl::Time now = absl::FromCivil(absl::CivilDay(2026, 12, 1), absl::UTCTimeZone());
  const Facts facts = BuildDecisionFacts(ticket, debriefing, now);
  EXPECT_EQ(facts.Get("ticket.priority")->number, 3);
  EXPECT_EQ(facts.Display("ticket.priority"), "high");
  EXPECT_EQ(facts.Get("ticket.source")->word, "zendesk");
  EXPECT_EQ(facts.Get("ticket.customer_messages")->number, 1);
  EXPECT_EQ(facts.Get("ticket.age_hours")->number, 2);
  EXPECT_EQ(facts.Get("account.arr")->number, 123456);
  EXPECT_EQ(facts.Get("account.days_to_renewal")->number, 30);
  EXPECT_EQ(facts.Get("tags")->items, std::vector<std::string>{"billing/invoice"});
  ASSERT_EQ(facts.Get("text.all")->text.size(), 3u);
  EXPECT_EQ(facts.Get("text.all")->text[0].message_index, core::kSubjectIndex);
  EXPECT_EQ(facts.Get("sentiment.end"), nullptr);  // no sentiment yet: absent, not zero
  EXPECT_EQ(facts.Get("ticket.satisfaction"), nullptr);
}

TEST(DecisionFactsTest, EveryFactBuiltIsInTheCatalog) {
  core::Ticket ticket;
  ticket.account.id = "a";
  ticket.account.renewal_date = "2027-01-01";
  ticket.satisfaction = core::Satisfaction{.score = 0.2};
  core::Debriefing debriefing;
  debriefing.sentiment.messages.push_back({.message_index = 0, .score = -0.5});
  debriefing.fix_category = core::Label{.value = "workaround"};
  debriefing.root_cause = core::Label{.value = "defect"};
  const Facts facts = BuildDecisionFacts(ticket, debriefing, absl::UnixEpoch());
  // Every name the builder sets must be declared, or rules could never name it.
  for (const char* name : {"ticket.source", "ticket.tags", "ticket.messages", "text.customer",
                           "text.all", "tags", "fix_category", "root_cause", "sentiment.end",
                           "sentiment.delta", "competitors", "feedback.kinds", "errors.count",
                           "signals", "account.id", "account.arr", "account.days_to_renewal",
                           "ticket.satisfaction", "ticket.partial"}) {
    EXPECT_NE(FindFact(name), nullptr) << name;
    EXPECT_NE(facts.Get(name), nullptr) << name;
  }
}

}  // namespace
}  // namespace debrief::policy
