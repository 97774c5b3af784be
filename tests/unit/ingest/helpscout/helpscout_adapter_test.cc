#include "server/ingest/helpscout/helpscout_adapter.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/hook_signer.h"
#include "tests/unit/ingest/adapter_test_util.h"

namespace debrief::ingest {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(HelpScoutAdapterTest, NormalizesAClosedConversationWithThreadsOldestFirst) {
  HelpScoutAdapter adapter;
  absl::StatusOr<HookEvent> event = ParseBody(adapter, testing::HookPayload("helpscout"),
                                              {{"X-HelpScout-Event", "convo.status"}});
  ASSERT_TRUE(event.ok()) << event.status();
  EXPECT_TRUE(event->closes);
  EXPECT_FALSE(event->enrich);
  const core::Ticket& t = event->ticket;
  EXPECT_EQ(t.ticket_id, "123");
  EXPECT_EQ(t.ticket_number, "12");
  EXPECT_EQ(t.source_tenant, "13");
  EXPECT_EQ(t.requester.email, "bear@acme.example");
  EXPECT_EQ(t.requester.name, "Bear Grylls");
  EXPECT_THAT(t.tags, ElementsAre("vip"));
  EXPECT_EQ(t.custom_fields.at("8"), "Enterprise");
  ASSERT_EQ(t.messages.size(), 2u);
  EXPECT_EQ(t.messages[0].author_role, core::AuthorRole::kCustomer);
  EXPECT_THAT(t.messages[0].body_html, HasSubstr("Please cancel"));
  EXPECT_EQ(t.messages[1].author_role, core::AuthorRole::kAgent);
  EXPECT_FALSE(t.partial);
  EXPECT_THAT(t.delivery_id, ::testing::StartsWith("sha256:"));
}

TEST(HelpScoutAdapterTest, TakesTheIdFromANotificationAndLeavesTheCloseToEnrichment) {
  HelpScoutAdapter adapter;
  absl::StatusOr<HookEvent> event =
      ParseBody(adapter, R"({"_links": {"self": {"href": "https://api.helpscout.net/v2/conversations/456"}}})",
                {{"X-HelpScout-Event", "convo.status"}});
  ASSERT_TRUE(event.ok()) << event.status();
  EXPECT_TRUE(event->closes);
  EXPECT_FALSE(event->close_confirmed);
  EXPECT_TRUE(event->enrich);
  EXPECT_EQ(event->ticket.ticket_id, "456");
  EXPECT_TRUE(event->ticket.partial);
}

TEST(HelpScoutAdapterTest, IgnoresActiveConversationsAndOtherEvents) {
  HelpScoutAdapter adapter;
  const std::string body = testing::HookPayload("helpscout");
  absl::StatusOr<HookEvent> active = ParseBody(adapter, Edited(body, [](nlohmann::json& j) {
    j["status"] = "active";
  }), {{"X-HelpScout-Event", "convo.status"}});
  ASSERT_TRUE(active.ok());
  EXPECT_FALSE(active->closes);
  absl::StatusOr<HookEvent> tags = ParseBody(adapter, body, {{"X-HelpScout-Event", "convo.tags"}});
  ASSERT_TRUE(tags.ok());
  EXPECT_FALSE(tags->closes);
}

TEST(HelpScoutAdapterTest, RejectsANotificationWithoutAnId) {
  HelpScoutAdapter adapter;
  EXPECT_THAT(ParseBody(adapter, R"({"href": "https://example.com/nothing"})").status().message(),
              HasSubstr("body.id: is required"));
}

}  // namespace
}  // namespace debrief::ingest
