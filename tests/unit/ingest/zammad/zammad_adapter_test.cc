#include "server/ingest/zammad/zammad_adapter.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/hook_signer.h"
#include "tests/unit/ingest/adapter_test_util.h"

namespace debrief::ingest {
namespace {

using ::testing::HasSubstr;

TEST(ZammadAdapterTest, NormalizesAClosedTicketWithItsTriggeringArticle) {
  ZammadAdapter adapter;
  absl::StatusOr<HookEvent> event = ParseBody(adapter, testing::HookPayload("zammad"),
                                              {{"X-Zammad-Delivery", "job-9f2"}});
  ASSERT_TRUE(event.ok()) << event.status();
  EXPECT_TRUE(event->closes);
  EXPECT_TRUE(event->enrich);
  const core::Ticket& t = event->ticket;
  EXPECT_EQ(t.ticket_id, "81");
  EXPECT_EQ(t.ticket_number, "10081");
  EXPECT_EQ(t.delivery_id, "job-9f2");
  EXPECT_EQ(t.status, "closed");
  EXPECT_EQ(t.priority, core::Priority::kNormal);
  EXPECT_EQ(t.requester.email, "emily@example.com");
  EXPECT_EQ(t.requester.name, "Emily Adams");
  EXPECT_EQ(t.assignee.email, "emma@chrispresso.com");
  EXPECT_EQ(t.account.name, "Awesome Customer Inc.");
  EXPECT_EQ(t.group, "Service Desk");
  ASSERT_EQ(t.messages.size(), 1u);
  EXPECT_EQ(t.messages[0].author_role, core::AuthorRole::kAgent);
  EXPECT_THAT(t.messages[0].body_html, HasSubstr("4.2.1"));
  // Three articles, one in the payload.
  EXPECT_TRUE(t.partial);
  EXPECT_EQ(t.closed_at, absl::FromUnixSeconds(1740928800));
}

TEST(ZammadAdapterTest, IgnoresOtherStates) {
  ZammadAdapter adapter;
  absl::StatusOr<HookEvent> event =
      ParseBody(adapter, Edited(testing::HookPayload("zammad"), [](nlohmann::json& j) {
        j["ticket"]["state"] = {{"name", "pending reminder"}};
      }));
  ASSERT_TRUE(event.ok());
  EXPECT_FALSE(event->closes);
  EXPECT_EQ(event->ignore_reason, "state is pending reminder");
}

TEST(ZammadAdapterTest, RequiresATicket) {
  ZammadAdapter adapter;
  EXPECT_EQ(ParseBody(adapter, R"({"article": {}})").status().message(), "body.ticket: is required");
  EXPECT_EQ(ParseBody(adapter, R"({"ticket": {"title": "x"}})").status().message(),
            "body.ticket.id: is required");
}

}  // namespace
}  // namespace debrief::ingest
