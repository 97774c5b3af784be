#include "server/ingest/generic/generic_adapter.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/hook_signer.h"
#include "tests/unit/ingest/adapter_test_util.h"

namespace debrief::ingest {
namespace {

using ::testing::HasSubstr;

TEST(GenericAdapterTest, ReadsTheV1TicketInProtobufJson) {
  GenericAdapter adapter;
  absl::StatusOr<HookEvent> event =
      ParseBody(adapter, testing::HookPayload("generic"), {{"webhook-id", "msg_1"}});
  ASSERT_TRUE(event.ok()) << event.status();
  EXPECT_TRUE(event->closes);
  const core::Ticket& t = event->ticket;
  EXPECT_EQ(t.source, core::Source::kGeneric);
  EXPECT_EQ(t.ticket_id, "HS-9912");
  EXPECT_EQ(t.delivery_id, "msg_1");
  EXPECT_EQ(t.account.arr_cents, 12000000);
  EXPECT_EQ(t.priority, core::Priority::kHigh);
  ASSERT_EQ(t.messages.size(), 2u);
  EXPECT_EQ(t.messages[1].author_role, core::AuthorRole::kAgent);
}

TEST(GenericAdapterTest, IgnoresEventsOtherThanTicketClosed) {
  GenericAdapter adapter;
  absl::StatusOr<HookEvent> event =
      ParseBody(adapter, Edited(testing::HookPayload("generic"), [](nlohmann::json& j) {
        j["event"] = "ticket.updated";
      }));
  ASSERT_TRUE(event.ok());
  EXPECT_FALSE(event->closes);
}

TEST(GenericAdapterTest, RejectsUnknownFieldsAndEnumValues) {
  GenericAdapter adapter;
  EXPECT_EQ(ParseBody(adapter, R"({"ticket": {"ticketId": "1"}, "extra": 1})").status().message(),
            "body.extra: unknown field");
  EXPECT_THAT(ParseBody(adapter, R"({"ticket": {"ticketId": "1", "priority": "PRIORITY_MEH"}})")
                  .status()
                  .message(),
              HasSubstr("body.ticket:"));
  EXPECT_EQ(ParseBody(adapter, R"({"event": "ticket.closed"})").status().message(),
            "body.ticket: is required (a debrief.v1.Ticket object)");
}

}  // namespace
}  // namespace debrief::ingest
