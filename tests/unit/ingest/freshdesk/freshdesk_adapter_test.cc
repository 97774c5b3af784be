#include "server/ingest/freshdesk/freshdesk_adapter.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/hook_signer.h"
#include "tests/unit/ingest/adapter_test_util.h"

namespace debrief::ingest {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(FreshdeskAdapterTest, NormalizesAResolvedTicketFromTheRuleTemplate) {
  FreshdeskAdapter adapter;
  absl::StatusOr<HookEvent> event = ParseBody(adapter, testing::HookPayload("freshdesk"));
  ASSERT_TRUE(event.ok()) << event.status();
  EXPECT_TRUE(event->closes);
  const core::Ticket& t = event->ticket;
  EXPECT_EQ(t.source, core::Source::kFreshdesk);
  EXPECT_EQ(t.ticket_id, "1187");
  EXPECT_EQ(t.source_tenant, "acme.freshdesk.com");
  EXPECT_EQ(t.status, "resolved");
  EXPECT_EQ(t.priority, core::Priority::kUrgent);
  EXPECT_THAT(t.tags, ElementsAre("sso", "login"));
  EXPECT_EQ(t.requester.email, "priya@globex.example");
  EXPECT_EQ(t.account.name, "Globex");
  ASSERT_EQ(t.messages.size(), 2u);
  EXPECT_THAT(t.messages[0].body_html, HasSubstr("Okta SSO"));
  EXPECT_THAT(t.delivery_id, ::testing::StartsWith("sha256:"));
}

TEST(FreshdeskAdapterTest, AcceptsTheUnwrappedShapeAndApiStatusCodes) {
  FreshdeskAdapter adapter;
  absl::StatusOr<HookEvent> event = ParseBody(
      adapter, R"({"ticket_id": 9, "ticket_subject": "x", "ticket_status": 5,
                   "ticket_description": "hello"})");
  ASSERT_TRUE(event.ok()) << event.status();
  EXPECT_TRUE(event->closes);
  EXPECT_EQ(event->ticket.status, "closed");
}

TEST(FreshdeskAdapterTest, IgnoresOpenTicketsAndGivesEachStatusItsOwnDeliveryId) {
  FreshdeskAdapter adapter;
  const std::string body = testing::HookPayload("freshdesk");
  absl::StatusOr<HookEvent> open = ParseBody(adapter, Edited(body, [](nlohmann::json& j) {
    j["freshdesk_webhook"]["ticket_status"] = "Open";
  }));
  ASSERT_TRUE(open.ok());
  EXPECT_FALSE(open->closes);
  EXPECT_EQ(open->ignore_reason, "status is open");
  absl::StatusOr<HookEvent> resolved = ParseBody(adapter, body);
  EXPECT_NE(open->ticket.delivery_id, resolved->ticket.delivery_id);
}

TEST(FreshdeskAdapterTest, RequiresTheTicketId) {
  FreshdeskAdapter adapter;
  EXPECT_EQ(ParseBody(adapter, R"({"freshdesk_webhook": {"ticket_status": "Resolved"}})")
                .status()
                .message(),
            "body.freshdesk_webhook.ticket_id: is required");
}

TEST(FreshdeskAdapterTest, CannotSign) {
  EXPECT_FALSE(FreshdeskAdapter().signature_scheme("").has_value());
}

}  // namespace
}  // namespace debrief::ingest
