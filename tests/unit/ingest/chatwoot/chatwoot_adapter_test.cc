#include "server/ingest/chatwoot/chatwoot_adapter.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/hook_signer.h"
#include "tests/unit/ingest/adapter_test_util.h"

namespace debrief::ingest {
namespace {

using ::testing::ElementsAre;

TEST(ChatwootAdapterTest, NormalizesAResolvedConversationAsPartial) {
  ChatwootAdapter adapter;
  absl::StatusOr<HookEvent> event = ParseBody(adapter, testing::HookPayload("chatwoot"),
                                              {{"X-Chatwoot-Delivery", "4c1d-uuid"}});
  ASSERT_TRUE(event.ok()) << event.status();
  EXPECT_TRUE(event->closes);
  const core::Ticket& t = event->ticket;
  EXPECT_EQ(t.ticket_id, "10");
  EXPECT_EQ(t.source_tenant, "1");
  EXPECT_EQ(t.delivery_id, "4c1d-uuid");
  EXPECT_EQ(t.channel, "webwidget");
  EXPECT_EQ(t.priority, core::Priority::kNormal);
  EXPECT_THAT(t.tags, ElementsAre("billing", "invoice"));
  EXPECT_EQ(t.requester.email, "jane@acme.example");
  EXPECT_EQ(t.requester.external_id, "crm-881");
  EXPECT_EQ(t.group, "Billing");
  EXPECT_EQ(t.custom_fields.at("seats"), "25");
  ASSERT_EQ(t.messages.size(), 1u);
  EXPECT_EQ(t.messages[0].author_role, core::AuthorRole::kCustomer);
  EXPECT_TRUE(t.partial);
}

TEST(ChatwootAdapterTest, IgnoresOtherEventsAndStatuses) {
  ChatwootAdapter adapter;
  const std::string body = testing::HookPayload("chatwoot");
  absl::StatusOr<HookEvent> snoozed = ParseBody(adapter, Edited(body, [](nlohmann::json& j) {
    j["status"] = "snoozed";
  }));
  ASSERT_TRUE(snoozed.ok());
  EXPECT_FALSE(snoozed->closes);
  absl::StatusOr<HookEvent> created = ParseBody(adapter, Edited(body, [](nlohmann::json& j) {
    j["event"] = "message_created";
  }));
  ASSERT_TRUE(created.ok());
  EXPECT_FALSE(created->closes);
  absl::StatusOr<HookEvent> legacy = ParseBody(adapter, Edited(body, [](nlohmann::json& j) {
    j["event"] = "conversation_resolved";
  }));
  EXPECT_TRUE(legacy->closes);
}

TEST(ChatwootAdapterTest, RequiresTheEventAndId) {
  ChatwootAdapter adapter;
  EXPECT_EQ(ParseBody(adapter, R"({"id": 3})").status().message(), "body.event: is required");
  EXPECT_EQ(ParseBody(adapter, R"({"event": "conversation_status_changed", "id": {}})")
                .status()
                .message(),
            "body.id: must be a string or a number");
}

}  // namespace
}  // namespace debrief::ingest
