#include "server/ingest/zammad/zammad_api.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/fake_helpdesk_apis.h"
#include "tests/unit/ingest/api_test_util.h"

namespace debrief::ingest {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

testing::FakeZammad::Ticket Ticket() {
  return {.title = "Mobile app crashes on login",
          .tags = {"mobile", "ios"},
          .attributes = {{"debrief_tags", ""}, {"escalation_note", "call them Monday"}},
          .articles = {{"The iOS app crashes at login.", "Customer"},
                       {"Please update to 4.2.1.", "Agent"},
                       {"Works now, thanks.", "Customer"}}};
}

ZammadApi Client(const testing::FakeZammad& fake, config::WriteBackOptions write_back = {}) {
  return ZammadApi(Api(fake.base_url(), "token"), write_back, "zammad-token", Http());
}

TEST(ZammadApiTest, FetchesArticlesAndTags) {
  testing::FakeZammad fake("zammad-token");
  fake.AddTicket("81", Ticket());
  core::Ticket ticket;
  ticket.ticket_id = "81";
  ASSERT_TRUE(Client(fake).Fetch(ticket).ok());
  ASSERT_EQ(ticket.messages.size(), 3u);
  EXPECT_EQ(ticket.messages[1].author_role, core::AuthorRole::kAgent);
  EXPECT_THAT(ticket.tags, ElementsAre("mobile", "ios"));
  EXPECT_EQ(ticket.status, "closed");
  EXPECT_EQ(ticket.subject, "Mobile app crashes on login");
}

TEST(ZammadApiTest, ReportsAnUnreachableApi) {
  ZammadApi api(Api("http://127.0.0.1:" + std::to_string(testing::ClosedPort()), "token"), {},
                "zammad-token", Http());
  core::Ticket ticket;
  ticket.ticket_id = "81";
  EXPECT_TRUE(absl::IsUnavailable(api.Fetch(ticket)));
}

TEST(ZammadApiTest, AddsOneInternalNoteAndLeavesTagsAlone) {
  testing::FakeZammad fake("zammad-token");
  fake.AddTicket("81", Ticket());
  ZammadApi api = Client(fake, {.enabled = true, .mode = "note"});
  core::Ticket ticket;
  ticket.ticket_id = "81";
  absl::StatusOr<WriteBackResult> written = api.Write(ticket, Suggestions("dcl_Z1"));
  ASSERT_TRUE(written.ok()) << written.status();
  EXPECT_EQ(*written, WriteBackResult::kNoteAdded);
  const testing::FakeZammad::Ticket after = fake.ticket("81");
  ASSERT_EQ(after.articles.size(), 4u);
  EXPECT_TRUE(after.articles.back().internal);
  EXPECT_THAT(after.articles.back().body, HasSubstr("dcl_Z1"));
  EXPECT_THAT(after.tags, ElementsAre("mobile", "ios"));
  EXPECT_EQ(*api.Write(ticket, Suggestions("dcl_Z1")), WriteBackResult::kNoteAlreadyThere);
  EXPECT_EQ(fake.ticket("81").articles.size(), 4u);
}

TEST(ZammadApiTest, WritesOnlyAttributesThatAreEmptyOrItsOwn) {
  testing::FakeZammad fake("zammad-token");
  fake.AddTicket("81", Ticket());
  ZammadApi api = Client(fake, {.enabled = true, .mode = "field", .tags_field = "debrief_tags",
                                .escalation_field = "escalation_note"});
  core::Ticket ticket;
  ticket.ticket_id = "81";
  ASSERT_EQ(*api.Write(ticket, Suggestions("dcl_Z1")), WriteBackResult::kFieldsWritten);
  const testing::FakeZammad::Ticket after = fake.ticket("81");
  EXPECT_THAT(after.attributes.at("debrief_tags"), HasSubstr("Debrief: billing/refund"));
  EXPECT_EQ(after.attributes.at("escalation_note"), "call them Monday");
  EXPECT_THAT(after.tags, ElementsAre("mobile", "ios"));
}

}  // namespace
}  // namespace debrief::ingest
