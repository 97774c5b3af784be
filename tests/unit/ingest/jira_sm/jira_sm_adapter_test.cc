#include "server/ingest/jira_sm/jira_sm_adapter.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/hook_signer.h"
#include "tests/unit/ingest/adapter_test_util.h"

namespace debrief::ingest {
namespace {

using ::testing::ElementsAre;

TEST(JiraSmAdapterTest, NormalizesAnIssueMovedToDone) {
  JiraSmAdapter adapter;
  absl::StatusOr<HookEvent> event = ParseBody(adapter, testing::HookPayload("jira_sm"),
                                              {{"X-Atlassian-Webhook-Identifier", "wh-1"}});
  ASSERT_TRUE(event.ok()) << event.status();
  EXPECT_TRUE(event->closes);
  const core::Ticket& t = event->ticket;
  EXPECT_EQ(t.ticket_id, "10042");
  EXPECT_EQ(t.ticket_number, "SD-42");
  EXPECT_EQ(t.delivery_id, "wh-1");
  EXPECT_EQ(t.source_tenant, "acme.atlassian.net");
  EXPECT_EQ(t.url, "https://acme.atlassian.net/browse/SD-42");
  EXPECT_EQ(t.priority, core::Priority::kHigh);
  EXPECT_THAT(t.tags, ElementsAre("api", "rate-limit"));
  EXPECT_EQ(t.requester.email, "mia@hooli.example");
  EXPECT_EQ(t.custom_fields.at("request_type"), "Technical support");
  EXPECT_EQ(t.custom_fields.at("customfield_10112"), "Acme Enterprise");
  ASSERT_EQ(t.messages.size(), 2u);
  EXPECT_EQ(t.messages[0].author_role, core::AuthorRole::kCustomer);
  EXPECT_EQ(t.messages[1].author_role, core::AuthorRole::kAgent);
  // 2025-02-26T15:18:54.716+0100: the offset has no colon.
  EXPECT_EQ(t.closed_at, absl::FromUnixMillis(1740579534716));
}

TEST(JiraSmAdapterTest, IgnoresUpdatesThatDoNotMoveTheStatusToDone) {
  JiraSmAdapter adapter;
  const std::string body = testing::HookPayload("jira_sm");
  absl::StatusOr<HookEvent> comment_on_done = ParseBody(adapter, Edited(body, [](nlohmann::json& j) {
    j["changelog"]["items"] = {{{"field", "labels"}}};
  }));
  ASSERT_TRUE(comment_on_done.ok());
  EXPECT_FALSE(comment_on_done->closes);
  absl::StatusOr<HookEvent> in_progress = ParseBody(adapter, Edited(body, [](nlohmann::json& j) {
    j["issue"]["fields"]["status"]["statusCategory"]["key"] = "indeterminate";
  }));
  ASSERT_TRUE(in_progress.ok());
  EXPECT_FALSE(in_progress->closes);
  EXPECT_EQ(in_progress->ignore_reason, "status category is indeterminate");
}

TEST(JiraSmAdapterTest, ReadsAtlassianDocumentFormatDescriptions) {
  JiraSmAdapter adapter;
  absl::StatusOr<HookEvent> event =
      ParseBody(adapter, Edited(testing::HookPayload("jira_sm"), [](nlohmann::json& j) {
        j["issue"]["fields"]["description"] = nlohmann::json::parse(R"({"type": "doc", "content": [
            {"type": "paragraph", "content": [{"type": "text", "text": "Sync fails"},
                                              {"type": "text", "text": " with 429"}]}]})");
      }));
  ASSERT_TRUE(event.ok()) << event.status();
  EXPECT_EQ(event->ticket.messages[0].body_text, "Sync fails with 429");
}

TEST(JiraSmAdapterTest, AcceptsAnAutomationRulesBareIssue) {
  JiraSmAdapter adapter;
  nlohmann::json issue = nlohmann::json::parse(testing::HookPayload("jira_sm"))["issue"];
  absl::StatusOr<HookEvent> event = ParseBody(adapter, issue.dump());
  ASSERT_TRUE(event.ok()) << event.status();
  EXPECT_TRUE(event->closes);
  EXPECT_EQ(event->event_type, "automation");
}

TEST(JiraSmAdapterTest, RequiresTheIssue) {
  JiraSmAdapter adapter;
  EXPECT_EQ(ParseBody(adapter, R"({"webhookEvent": "jira:issue_updated"})").status().message(),
            "body.issue: is required");
}

}  // namespace
}  // namespace debrief::ingest
