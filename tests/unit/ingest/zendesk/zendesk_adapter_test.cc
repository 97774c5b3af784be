#include "server/ingest/zendesk/zendesk_adapter.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/hook_signer.h"
#include "tests/unit/ingest/adapter_test_util.h"

namespace debrief::ingest {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(ZendeskAdapterTest, NormalizesASolvedStatusEventAsAThinClose) {
  ZendeskAdapter adapter;
  absl::StatusOr<HookEvent> event = ParseBody(adapter, testing::HookPayload("zendesk"));
  ASSERT_TRUE(event.ok()) << event.status();
  EXPECT_TRUE(event->closes);
  EXPECT_TRUE(event->enrich);
  EXPECT_EQ(event->event_type, "zen:event-type:ticket.status_changed");
  const core::Ticket& t = event->ticket;
  EXPECT_EQ(t.source, core::Source::kZendesk);
  EXPECT_EQ(t.ticket_id, "5158");
  EXPECT_EQ(t.delivery_id, "a8b9c1d2-3e4f-5a6b-7c8d-9e0f1a2b3c4d");
  EXPECT_EQ(t.source_tenant, "22129848");
  EXPECT_EQ(t.subject, "Charged twice for January");
  EXPECT_EQ(t.status, "solved");
  EXPECT_EQ(t.priority, core::Priority::kHigh);
  EXPECT_EQ(t.account.id, "8447346622462");
  EXPECT_EQ(t.channel, "web_form");
  EXPECT_THAT(t.tags, ElementsAre("billing", "vip"));
  ASSERT_EQ(t.messages.size(), 1u);
  EXPECT_EQ(t.messages[0].author_role, core::AuthorRole::kCustomer);
  EXPECT_THAT(t.messages[0].body_text, HasSubstr("charged twice"));
  EXPECT_EQ(t.closed_at, absl::FromUnixNanos(1736354720987654321));
  EXPECT_TRUE(t.partial);
}

TEST(ZendeskAdapterTest, IgnoresOtherStatusesAndEventTypes) {
  ZendeskAdapter adapter;
  const std::string body = testing::HookPayload("zendesk");
  absl::StatusOr<HookEvent> pending = ParseBody(adapter, Edited(body, [](nlohmann::json& j) {
    j["event"]["current"] = "PENDING";
  }));
  ASSERT_TRUE(pending.ok());
  EXPECT_FALSE(pending->closes);
  EXPECT_EQ(pending->ignore_reason, "status changed to PENDING");
  absl::StatusOr<HookEvent> comment = ParseBody(adapter, Edited(body, [](nlohmann::json& j) {
    j["type"] = "zen:event-type:ticket.comment_added";
  }));
  ASSERT_TRUE(comment.ok());
  EXPECT_FALSE(comment->closes);
}

TEST(ZendeskAdapterTest, IgnoresTheAutomationsSolvedToClosedBecauseSolvedWasDebriefed) {
  ZendeskAdapter adapter;
  absl::StatusOr<HookEvent> closed =
      ParseBody(adapter, Edited(testing::HookPayload("zendesk"), [](nlohmann::json& j) {
        j["event"] = {{"current", "CLOSED"}, {"previous", "SOLVED"}};
      }));
  ASSERT_TRUE(closed.ok());
  EXPECT_FALSE(closed->closes);
  absl::StatusOr<HookEvent> direct =
      ParseBody(adapter, Edited(testing::HookPayload("zendesk"), [](nlohmann::json& j) {
        j["event"] = {{"current", "CLOSED"}, {"previous", "OPEN"}};
      }));
  ASSERT_TRUE(direct.ok());
  EXPECT_TRUE(direct->closes);
}

TEST(ZendeskAdapterTest, NormalizesTheDocumentedTriggerBody) {
  ZendeskAdapter adapter;
  absl::StatusOr<HookEvent> event =
      ParseBody(adapter, testing::HookPayload("zendesk", "trigger_close.json"),
                {{"X-Zendesk-Webhook-Invocation-Id", "inv-77"}, {"X-Zendesk-Account-Id", "42"}});
  ASSERT_TRUE(event.ok()) << event.status();
  EXPECT_TRUE(event->closes);
  const core::Ticket& t = event->ticket;
  EXPECT_EQ(t.ticket_id, "5159");
  EXPECT_EQ(t.delivery_id, "inv-77");
  EXPECT_EQ(t.source_tenant, "42");
  EXPECT_EQ(t.status, "solved");
  EXPECT_THAT(t.tags, ElementsAre("export", "performance"));
  EXPECT_EQ(t.requester.email, "lee.park@example.com");
  EXPECT_EQ(t.account.id, "8447346622999");
  EXPECT_EQ(t.custom_fields.at("360011112222"), "enterprise");
  ASSERT_EQ(t.messages.size(), 2u);
  ASSERT_TRUE(t.satisfaction.has_value());
  EXPECT_EQ(t.satisfaction->score, 1.0);
}

TEST(ZendeskAdapterTest, FallsBackToADigestWhenTheTriggerSendsNoInvocationId) {
  ZendeskAdapter adapter;
  const std::string body = testing::HookPayload("zendesk", "trigger_close.json");
  absl::StatusOr<HookEvent> first = ParseBody(adapter, body);
  absl::StatusOr<HookEvent> again = ParseBody(adapter, body);
  ASSERT_TRUE(first.ok() && again.ok());
  EXPECT_EQ(first->ticket.delivery_id, again->ticket.delivery_id);
  EXPECT_THAT(first->ticket.delivery_id, ::testing::StartsWith("sha256:"));
}

TEST(ZendeskAdapterTest, RejectsBodiesOfNeitherShapeNamingTheField) {
  ZendeskAdapter adapter;
  EXPECT_THAT(ParseBody(adapter, R"({"hello": 1})").status().message(),
              HasSubstr("neither a Zendesk event"));
  absl::StatusOr<HookEvent> no_id =
      ParseBody(adapter, Edited(testing::HookPayload("zendesk"), [](nlohmann::json& j) {
        j["detail"].erase("id");
        j.erase("subject");
      }));
  EXPECT_EQ(no_id.status().message(), "body.detail.id: is required");
  absl::StatusOr<HookEvent> bad_time =
      ParseBody(adapter, Edited(testing::HookPayload("zendesk"), [](nlohmann::json& j) {
        j["time"] = "yesterday";
      }));
  EXPECT_THAT(bad_time.status().message(), HasSubstr("body.time: must be an RFC 3339 time"));
}

}  // namespace
}  // namespace debrief::ingest
