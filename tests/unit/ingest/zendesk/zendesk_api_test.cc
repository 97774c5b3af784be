#include "server/ingest/zendesk/zendesk_api.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/fake_helpdesk_apis.h"
#include "tests/unit/ingest/api_test_util.h"

namespace debrief::ingest {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kUser[] = "bot@acme.example/token";

testing::FakeZendesk::Ticket HumanTaggedTicket() {
  return {.subject = "Charged twice for January",
          .requester_id = "100",
          .tags = {"vip", "billing"},
          .custom_fields = {{"360001", ""}, {"360002", "Agent: looks like a refund"}},
          .comments = {{"100", "We were charged twice for January."},
                       {"200", "Refund issued for the duplicate charge.", true},
                       {"200", "Checked Stripe: two captures.", false},
                       {"100", "Thanks, got it!"}}};
}

ZendeskApi Client(const testing::FakeZendesk& fake, config::WriteBackOptions write_back = {}) {
  return ZendeskApi(Api(fake.base_url(), "basic", kUser), write_back, "api-token", Http());
}

TEST(ZendeskApiTest, FetchesEveryCommentPageWithRolesAndTheTicketsFields) {
  testing::FakeZendesk fake(kUser, "api-token");
  fake.AddTicket("5158", HumanTaggedTicket());
  ZendeskApi api = Client(fake);
  core::Ticket ticket;
  ticket.ticket_id = "5158";
  ticket.status = "solved";
  ASSERT_TRUE(api.Fetch(ticket).ok());
  ASSERT_EQ(ticket.messages.size(), 4u);
  EXPECT_EQ(ticket.messages[0].author_role, core::AuthorRole::kCustomer);
  EXPECT_EQ(ticket.messages[1].author_role, core::AuthorRole::kAgent);
  EXPECT_FALSE(ticket.messages[2].is_public);
  EXPECT_EQ(ticket.messages[3].body_text, "Thanks, got it!");
  EXPECT_THAT(ticket.tags, ElementsAre("vip", "billing"));
  EXPECT_EQ(ticket.requester.email, "dana@customer.example");
  EXPECT_EQ(ticket.custom_fields.at("360002"), "Agent: looks like a refund");
  // Two comments per page: the second page was followed.
  EXPECT_THAT(fake.requests(), Contains("GET /api/v2/tickets/5158/comments.json"));
  EXPECT_EQ(fake.requests().size(), 3u);
}

TEST(ZendeskApiTest, ReportsAnUnreachableApiAndLeavesTheTicketAlone) {
  ZendeskApi api(Api("http://127.0.0.1:" + std::to_string(testing::ClosedPort()), "basic", kUser),
                 {}, "api-token", Http());
  core::Ticket ticket;
  ticket.ticket_id = "5158";
  ticket.subject = "from the webhook";
  const absl::Status status = api.Fetch(ticket);
  EXPECT_TRUE(absl::IsUnavailable(status)) << status;
  EXPECT_EQ(ticket.subject, "from the webhook");
  EXPECT_TRUE(ticket.messages.empty());
}

TEST(ZendeskApiTest, ReportsADeletedTicketAndRefusedCredentials) {
  testing::FakeZendesk fake(kUser, "api-token");
  core::Ticket ticket;
  ticket.ticket_id = "404";
  EXPECT_TRUE(absl::IsNotFound(Client(fake).Fetch(ticket)));
  ZendeskApi wrong(Api(fake.base_url(), "basic", kUser), {}, "stale-token", Http());
  fake.AddTicket("404", HumanTaggedTicket());
  EXPECT_TRUE(absl::IsPermissionDenied(wrong.Fetch(ticket)));
}

TEST(ZendeskApiTest, WritesAnInternalNoteOnceAndKeepsTheHumanTags) {
  testing::FakeZendesk fake(kUser, "api-token");
  fake.AddTicket("5158", HumanTaggedTicket());
  ZendeskApi api = Client(fake, {.enabled = true, .mode = "note"});
  core::Ticket ticket;
  ticket.ticket_id = "5158";
  absl::StatusOr<WriteBackResult> first = api.Write(ticket, Suggestions("dcl_ABC"));
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(*first, WriteBackResult::kNoteAdded);
  const testing::FakeZendesk::Ticket after = fake.ticket("5158");
  EXPECT_THAT(after.tags, ElementsAre("vip", "billing"));
  ASSERT_EQ(after.comments.size(), 5u);
  EXPECT_FALSE(after.comments.back().is_public);
  EXPECT_THAT(after.comments.back().body, HasSubstr("dcl_ABC"));
  EXPECT_THAT(after.comments.back().body, HasSubstr("billing/refund/double-charge (0.92)"));
  EXPECT_THAT(after.comments.back().body, HasSubstr("Escalation: escalate to success"));
  // A retry of the same decision finds its note and adds nothing.
  absl::StatusOr<WriteBackResult> again = api.Write(ticket, Suggestions("dcl_ABC"));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, WriteBackResult::kNoteAlreadyThere);
  EXPECT_EQ(fake.ticket("5158").comments.size(), 5u);
}

TEST(ZendeskApiTest, FillsEmptyCustomFieldsAndKeepsOnesAHumanSet) {
  testing::FakeZendesk fake(kUser, "api-token");
  fake.AddTicket("5158", HumanTaggedTicket());
  ZendeskApi api = Client(fake, {.enabled = true, .mode = "field", .tags_field = "360001",
                                 .escalation_field = "360002"});
  core::Ticket ticket;
  ticket.ticket_id = "5158";
  absl::StatusOr<WriteBackResult> written = api.Write(ticket, Suggestions("dcl_ABC"));
  ASSERT_TRUE(written.ok()) << written.status();
  EXPECT_EQ(*written, WriteBackResult::kFieldsWritten);
  const testing::FakeZendesk::Ticket after = fake.ticket("5158");
  EXPECT_EQ(after.custom_fields.at("360001"),
            "Debrief: billing/refund/double-charge (0.92), billing/invoice (0.61)");
  EXPECT_EQ(after.custom_fields.at("360002"), "Agent: looks like a refund");
  EXPECT_THAT(after.tags, ElementsAre("vip", "billing"));
  // Debrief's own earlier value may be refreshed; the request never carried tags.
  ASSERT_TRUE(api.Write(ticket, Suggestions("dcl_DEF")).ok());
  EXPECT_THAT(fake.requests(), Not(Contains(HasSubstr("/tags"))));
}

TEST(ZendeskApiTest, WritesNothingWhenEveryFieldHoldsAHumanValue) {
  testing::FakeZendesk fake(kUser, "api-token");
  testing::FakeZendesk::Ticket ticket_data = HumanTaggedTicket();
  ticket_data.custom_fields["360001"] = "refund";
  fake.AddTicket("5158", ticket_data);
  ZendeskApi api = Client(fake, {.enabled = true, .mode = "field", .tags_field = "360001"});
  core::Ticket ticket;
  ticket.ticket_id = "5158";
  absl::StatusOr<WriteBackResult> written = api.Write(ticket, Suggestions("dcl_ABC"));
  ASSERT_TRUE(written.ok());
  EXPECT_EQ(*written, WriteBackResult::kKeptHumanValue);
  EXPECT_EQ(fake.ticket("5158").custom_fields.at("360001"), "refund");
  EXPECT_THAT(fake.requests(), Not(Contains(HasSubstr("PUT"))));
}

}  // namespace
}  // namespace debrief::ingest
