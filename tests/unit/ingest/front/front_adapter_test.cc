#include "server/ingest/front/front_adapter.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/hook_signer.h"
#include "tests/unit/ingest/adapter_test_util.h"

namespace debrief::ingest {
namespace {

using ::testing::ElementsAre;

TEST(FrontAdapterTest, NormalizesAnArchivedConversation) {
  FrontAdapter adapter;
  absl::StatusOr<HookEvent> event = ParseBody(adapter, testing::HookPayload("front"));
  ASSERT_TRUE(event.ok()) << event.status();
  EXPECT_TRUE(event->closes);
  const core::Ticket& t = event->ticket;
  EXPECT_EQ(t.ticket_id, "cnv_keo696");
  EXPECT_EQ(t.delivery_id, "evt_28du7y2");
  EXPECT_EQ(t.requester.email, "hermes@planet.example");
  EXPECT_EQ(t.assignee.name, "Leela Turanga");
  EXPECT_THAT(t.tags, ElementsAre("dashboard"));
  EXPECT_EQ(t.custom_fields.at("Plan"), "Pro");
  ASSERT_EQ(t.messages.size(), 1u);
  EXPECT_EQ(t.messages[0].author_role, core::AuthorRole::kAgent);
  EXPECT_EQ(t.closed_at, absl::FromUnixMillis(1741307966678));
  EXPECT_TRUE(t.partial);
}

TEST(FrontAdapterTest, IgnoresOtherEventsAndTheValidationRequest) {
  FrontAdapter adapter;
  absl::StatusOr<HookEvent> tag =
      ParseBody(adapter, Edited(testing::HookPayload("front"), [](nlohmann::json& j) {
        j["type"] = "tag";
      }));
  ASSERT_TRUE(tag.ok());
  EXPECT_FALSE(tag->closes);
  absl::StatusOr<HookEvent> sync =
      ParseBody(adapter, R"({"type": "sync", "authorization": {"id": "cmp_abc"}})");
  ASSERT_TRUE(sync.ok());
  EXPECT_FALSE(sync->closes);
}

TEST(FrontAdapterTest, SignsApplicationAndRuleWebhooksDifferently) {
  FrontAdapter adapter;
  EXPECT_EQ(adapter.signature_scheme("app")->algorithm, MacAlgorithm::kSha256);
  EXPECT_EQ(adapter.signature_scheme("app")->timestamp_format, TimestampFormat::kUnixMillis);
  EXPECT_EQ(adapter.signature_scheme("rule")->algorithm, MacAlgorithm::kSha1);
  EXPECT_EQ(adapter.signature_scheme("rule")->timestamp_format, TimestampFormat::kNone);
}

TEST(FrontAdapterTest, RequiresTheConversationId) {
  FrontAdapter adapter;
  EXPECT_EQ(ParseBody(adapter, R"({"type": "archive", "conversation": {}})").status().message(),
            "body.conversation.id: is required");
}

}  // namespace
}  // namespace debrief::ingest
