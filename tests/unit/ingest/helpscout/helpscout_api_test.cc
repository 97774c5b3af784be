#include "server/ingest/helpscout/helpscout_api.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/fake_helpdesk_apis.h"
#include "tests/testing/hook_signer.h"
#include "tests/unit/ingest/api_test_util.h"

namespace debrief::ingest {
namespace {

TEST(HelpScoutApiTest, FetchesTheConversationANotificationPointsAt) {
  testing::FakeHelpScout fake("oauth-token");
  fake.AddConversation("123", nlohmann::json::parse(testing::HookPayload("helpscout")));
  HelpScoutApi api(Api(fake.base_url(), "bearer"), "oauth-token", Http());
  core::Ticket ticket;
  ticket.ticket_id = "123";
  ASSERT_TRUE(api.Fetch(ticket).ok());
  EXPECT_EQ(ticket.status, "closed");
  EXPECT_EQ(ticket.subject, "Cancel our subscription");
  ASSERT_EQ(ticket.messages.size(), 2u);
  EXPECT_EQ(ticket.messages[0].author_role, core::AuthorRole::kCustomer);
  EXPECT_EQ(fake.requests(), std::vector<std::string>{"GET /v2/conversations/123"});
}

TEST(HelpScoutApiTest, TimesOutOnASlowApi) {
  testing::FakeHelpScout fake("oauth-token");
  fake.Hold();
  HelpScoutApi api(Api(fake.base_url(), "bearer"), "oauth-token", Http(absl::Milliseconds(300)));
  core::Ticket ticket;
  ticket.ticket_id = "123";
  const absl::Status status = api.Fetch(ticket);
  fake.Release();
  EXPECT_TRUE(absl::IsDeadlineExceeded(status)) << status;
}

}  // namespace
}  // namespace debrief::ingest
