#include "server/core/json_codec.h"

#include "gtest/gtest.h"

namespace debrief::core {
namespace {

TEST(JsonCodecTest, DebriefingRoundTrips) {
  Debriefing debriefing;
  debriefing.decision_id = "dcl_X";
  debriefing.suggested_tags.push_back({.value = "billing/invoice",
                                       .confidence = 0.75,
                                       .source = LabelSource::kRule,
                                       .evidence = {{.message_index = -1, .start = 0, .end = 7, .quote = "invoice"}}});
  debriefing.root_cause = Label{.value = "billing-error", .confidence = 0.6};
  debriefing.escalation.level = EscalationLevel::kUrgent;
  debriefing.escalation.due_by = absl::FromUnixSeconds(1'800'000'000);
  debriefing.competitors.push_back({.competitor = "Acme", .context = CompetitorContext::kSwitching});
  auto back = DebriefingFromJson(DebriefingToJson(debriefing).dump());
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->decision_id, "dcl_X");
  ASSERT_EQ(back->suggested_tags.size(), 1u);
  EXPECT_EQ(back->suggested_tags[0].evidence[0].quote, "invoice");
  EXPECT_EQ(back->suggested_tags[0].source, LabelSource::kRule);
  ASSERT_TRUE(back->root_cause.has_value());
  EXPECT_EQ(back->root_cause->value, "billing-error");
  EXPECT_FALSE(back->fix_category.has_value());
  EXPECT_EQ(back->escalation.level, EscalationLevel::kUrgent);
  EXPECT_EQ(back->escalation.due_by, absl::FromUnixSeconds(1'800'000'000));
  EXPECT_EQ(back->competitors[0].context, CompetitorContext::kSwitching);
}

TEST(JsonCodecTest, MissingKeysDecodeToDefaults) {
  auto ticket = TicketFromJson(R"({"ticket_id": "7"})");
  ASSERT_TRUE(ticket.ok()) << ticket.status();
  EXPECT_EQ(ticket->ticket_id, "7");
  EXPECT_TRUE(ticket->messages.empty());
  EXPECT_FALSE(ticket->closed_at.has_value());
}

TEST(JsonCodecTest, RejectsGarbage) {
  EXPECT_EQ(TicketFromJson("{not json").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(TicketFromJson(R"({"messages": 3})").status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(CloseKeyTest, DistinguishesDeliveriesAndCloses) {
  Ticket ticket;
  ticket.source = Source::kZendesk;
  ticket.ticket_id = "42";
  ticket.messages.push_back({.author_role = AuthorRole::kCustomer, .body_text = "help"});
  const std::string by_content = CloseKey(ticket);
  EXPECT_EQ(by_content, CloseKey(ticket));
  ticket.closed_at = absl::FromUnixSeconds(100);
  const std::string by_close = CloseKey(ticket);
  EXPECT_NE(by_close, by_content);
  ticket.closed_at = absl::FromUnixSeconds(200);  // reopened and closed again
  EXPECT_NE(CloseKey(ticket), by_close);
  ticket.delivery_id = "d1";
  EXPECT_EQ(CloseKey(ticket), "zendesk||42|delivery:d1");
}

}  // namespace
}  // namespace debrief::core
