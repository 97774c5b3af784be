#include "server/ingest/intercom/intercom_adapter.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/hook_signer.h"
#include "tests/unit/ingest/adapter_test_util.h"

namespace debrief::ingest {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(IntercomAdapterTest, NormalizesAnAdminCloseWithItsParts) {
  IntercomAdapter adapter;
  absl::StatusOr<HookEvent> event = ParseBody(adapter, testing::HookPayload("intercom"));
  ASSERT_TRUE(event.ok()) << event.status();
  EXPECT_TRUE(event->closes);
  const core::Ticket& t = event->ticket;
  EXPECT_EQ(t.ticket_id, "21322009097");
  EXPECT_EQ(t.delivery_id, "notif_2bc4bf3a-0064-4fb0-9e17-dc44d91bcb9b");
  EXPECT_EQ(t.source_tenant, "i6wc9ipe");
  EXPECT_EQ(t.status, "closed");
  EXPECT_EQ(t.requester.email, "omar@initech.example");
  EXPECT_EQ(t.assignee.name, "Cordelia Lear");
  EXPECT_THAT(t.tags, ElementsAre("salesforce"));
  ASSERT_TRUE(t.satisfaction.has_value());
  EXPECT_EQ(t.satisfaction->score, 1.0);
  ASSERT_EQ(t.messages.size(), 2u);
  EXPECT_EQ(t.messages[0].author_role, core::AuthorRole::kCustomer);
  EXPECT_EQ(t.messages[1].author_role, core::AuthorRole::kAgent);
  EXPECT_THAT(t.messages[1].body_html, HasSubstr("token expired"));
  EXPECT_EQ(t.closed_at, absl::FromUnixSeconds(1739003600));
  EXPECT_FALSE(t.partial);
}

TEST(IntercomAdapterTest, MarksTruncatedConversationsPartial) {
  IntercomAdapter adapter;
  absl::StatusOr<HookEvent> event =
      ParseBody(adapter, Edited(testing::HookPayload("intercom"), [](nlohmann::json& j) {
        j["data"]["item"]["conversation_parts"]["total_count"] = 40;
      }));
  ASSERT_TRUE(event.ok());
  EXPECT_TRUE(event->ticket.partial);
}

TEST(IntercomAdapterTest, IgnoresOtherTopics) {
  IntercomAdapter adapter;
  absl::StatusOr<HookEvent> event =
      ParseBody(adapter, Edited(testing::HookPayload("intercom"), [](nlohmann::json& j) {
        j["topic"] = "conversation.user.replied";
      }));
  ASSERT_TRUE(event.ok());
  EXPECT_FALSE(event->closes);
  EXPECT_EQ(event->ignore_reason, "topic conversation.user.replied is not a close");
}

TEST(IntercomAdapterTest, RequiresTheItemId) {
  IntercomAdapter adapter;
  EXPECT_EQ(ParseBody(adapter, R"({"topic": "ticket.closed", "data": {"item": {}}})")
                .status()
                .message(),
            "body.data.item.id: is required");
}

}  // namespace
}  // namespace debrief::ingest
