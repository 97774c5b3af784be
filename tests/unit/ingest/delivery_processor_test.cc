#include "server/ingest/delivery_processor.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/fakes/fake_clock.h"
#include "tests/fakes/in_memory_webhook_inbox.h"
#include "tests/fakes/scripted_close_handler.h"
#include "tests/testing/fake_helpdesk_apis.h"
#include "tests/testing/test_env.h"
#include "tests/unit/ingest/api_test_util.h"

namespace debrief::ingest {
namespace {

using ::testing::HasSubstr;

// A processor over one configured source (`options`), with in-memory inbox and closer.
class DeliveryProcessorTest : public ::testing::Test {
 protected:
  void Configure(config::SourceOptions options) {
    options.secrets.push_back(
        {.env = "", .file = testing::WriteFile(testing::MakeTempDir("processor"), "secret", "s")});
    absl::StatusOr<std::unique_ptr<SourceRegistry>> registry =
        SourceRegistry::Create({.sources = {options}}, {}, clock_);
    ASSERT_TRUE(registry.ok()) << registry.status();
    sources_ = std::make_unique<common::Snapshot<SourceRegistry>>(std::move(*registry));
    processor_ = std::make_unique<DeliveryProcessor>(
        DeliveryProcessorOptions{.max_attempts = 3}, *sources_, closer_, inbox_, clock_, metrics_);
  }

  config::SourceOptions Zendesk(const std::string& base_url) {
    config::SourceOptions options;
    options.name = "zendesk";
    options.vendor = "zendesk";
    options.auth = "signature";
    if (!base_url.empty()) {
      options.api.base_url = base_url;
      options.api.username = "bot/token";
      options.api.secret = {.env = "", .file = testing::WriteFile(testing::MakeTempDir("api"), "t", "tok")};
      options.api.timeout = absl::Seconds(2);
    }
    return options;
  }

  // Accepts a thin Zendesk close of ticket 5158 and returns its inbox entry.
  core::InboxEntry Accept(bool close_confirmed = true) {
    core::InboxDelivery delivery;
    delivery.source = "zendesk";
    delivery.delivery_key = "evt-1";
    delivery.enrich = true;
    delivery.close_confirmed = close_confirmed;
    delivery.received_at = clock_.Now();
    delivery.ticket.source = core::Source::kZendesk;
    delivery.ticket.ticket_id = "5158";
    delivery.ticket.delivery_id = "evt-1";
    delivery.ticket.status = close_confirmed ? "solved" : "";
    delivery.ticket.partial = true;
    delivery.ticket.messages.push_back(
        TextMessage(core::AuthorRole::kCustomer, "We were charged twice."));
    EXPECT_TRUE(inbox_.Accept(delivery).ok());
    return NextDue();
  }

  core::InboxEntry NextDue() {
    absl::StatusOr<std::vector<core::InboxEntry>> due = inbox_.Due(clock_.Now(), 10, {});
    EXPECT_TRUE(due.ok() && due->size() == 1u);
    return due->front();
  }

  nlohmann::json Result() {
    return nlohmann::json::parse(inbox_.rows().begin()->second.record.result_json);
  }

  testing::FakeClock clock_;
  common::MetricsRegistry metrics_;
  testing::InMemoryWebhookInbox inbox_;
  testing::ScriptedCloseHandler closer_;
  std::unique_ptr<common::Snapshot<SourceRegistry>> sources_;
  std::unique_ptr<DeliveryProcessor> processor_;
};

TEST_F(DeliveryProcessorTest, EnrichesDebriefsAndDeletesThePayload) {
  testing::FakeZendesk zendesk("bot/token", "tok");
  zendesk.AddTicket("5158", {.subject = "Charged twice",
                             .comments = {{"100", "We were charged twice."},
                                          {"200", "Refunded the duplicate."}}});
  Configure(Zendesk(zendesk.base_url()));
  EXPECT_EQ(processor_->Process(Accept()), ProcessOutcome::kRecorded);
  ASSERT_EQ(closer_.closed().size(), 1u);
  EXPECT_EQ(closer_.closed()[0].messages.size(), 2u);
  EXPECT_FALSE(closer_.closed()[0].partial);
  const testing::InMemoryWebhookInbox::Row row = inbox_.rows().begin()->second;
  EXPECT_EQ(row.record.state, core::DeliveryState::kDone);
  EXPECT_FALSE(row.has_ticket);
  EXPECT_EQ(Result()["status"], "processed");
  EXPECT_EQ(Result()["partial"], false);
  EXPECT_THAT(Result()["decision_id"].get<std::string>(), ::testing::StartsWith("dcl_"));
}

TEST_F(DeliveryProcessorTest, RecordsAPartialTicketWhenTheApiIsDown) {
  Configure(Zendesk("http://127.0.0.1:" + std::to_string(testing::ClosedPort())));
  EXPECT_EQ(processor_->Process(Accept()), ProcessOutcome::kRecorded);
  ASSERT_EQ(closer_.closed().size(), 1u);
  EXPECT_TRUE(closer_.closed()[0].partial);
  EXPECT_EQ(closer_.closed()[0].messages.size(), 1u);
  EXPECT_EQ(Result()["partial"], true);
  EXPECT_THAT(metrics_.Exposition(),
              HasSubstr("debrief_hook_enrichments_total{source=\"zendesk\",outcome=\"unavailable\"} 1"));
}

TEST_F(DeliveryProcessorTest, RecordsAPartialTicketWithoutAnApi) {
  Configure(Zendesk(""));
  EXPECT_EQ(processor_->Process(Accept()), ProcessOutcome::kRecorded);
  EXPECT_TRUE(closer_.closed()[0].partial);
}

TEST_F(DeliveryProcessorTest, IgnoresAnUnconfirmedCloseTheApiShowsIsStillOpen) {
  testing::FakeZendesk zendesk("bot/token", "tok");
  zendesk.AddTicket("5158", {.subject = "x", .status = "open", .comments = {{"100", "hi"}}});
  Configure(Zendesk(zendesk.base_url()));
  EXPECT_EQ(processor_->Process(Accept(/*close_confirmed=*/false)), ProcessOutcome::kIgnored);
  EXPECT_TRUE(closer_.closed().empty());
  EXPECT_EQ(Result()["status"], "ignored");
  EXPECT_EQ(Result()["reason"], "status is open");
  EXPECT_FALSE(inbox_.rows().begin()->second.has_ticket);
}

TEST_F(DeliveryProcessorTest, RetriesStorageFailuresWithBackoffThenGivesUp) {
  Configure(Zendesk(""));
  closer_.FailNext(absl::UnavailableError("database is locked"));
  closer_.FailNext(absl::UnavailableError("database is locked"));
  closer_.FailNext(absl::UnavailableError("database is locked"));
  EXPECT_EQ(processor_->Process(Accept()), ProcessOutcome::kRetry);
  // Not due before the backoff has passed.
  EXPECT_TRUE(inbox_.Due(clock_.Now(), 10, {})->empty());
  clock_.Advance(absl::Seconds(10));
  EXPECT_EQ(processor_->Process(NextDue()), ProcessOutcome::kRetry);
  clock_.Advance(absl::Seconds(19));
  EXPECT_TRUE(inbox_.Due(clock_.Now(), 10, {})->empty());
  clock_.Advance(absl::Seconds(1));
  EXPECT_EQ(processor_->Process(NextDue()), ProcessOutcome::kFailed);
  const testing::InMemoryWebhookInbox::Row row = inbox_.rows().begin()->second;
  EXPECT_EQ(row.record.state, core::DeliveryState::kFailed);
  EXPECT_EQ(row.record.error, "database is locked");
  EXPECT_FALSE(row.has_ticket);
}

TEST_F(DeliveryProcessorTest, FailsAtOnceOnErrorsARetryCannotFix) {
  Configure(Zendesk(""));
  closer_.FailNext(absl::InvalidArgumentError("ticket.ticket_id: is required"));
  EXPECT_EQ(processor_->Process(Accept()), ProcessOutcome::kFailed);
}

TEST_F(DeliveryProcessorTest, WritesSuggestionsBackAndRetriesWhenTheApiIsDown) {
  testing::FakeZendesk zendesk("bot/token", "tok");
  zendesk.AddTicket("5158", {.subject = "x", .tags = {"vip"}, .comments = {{"100", "hi"}}});
  config::SourceOptions options = Zendesk(zendesk.base_url());
  options.write_back = {.enabled = true, .mode = "note"};
  Configure(options);
  zendesk.Stop();
  EXPECT_EQ(processor_->Process(Accept()), ProcessOutcome::kRetry);
  EXPECT_THAT(inbox_.rows().begin()->second.record.error, HasSubstr("write-back:"));
}

TEST_F(DeliveryProcessorTest, FailsDeliveriesOfASourceNoLongerConfigured) {
  Configure(Zendesk(""));
  core::InboxEntry entry = Accept();
  entry.delivery.source = "removed";
  EXPECT_EQ(processor_->Process(entry), ProcessOutcome::kFailed);
}

TEST(ClipToLimitsTest, KeepsTheFirstAndLastMessagesAndMarksThePartial) {
  core::Ticket ticket;
  for (int i = 0; i < 10; ++i) {
    ticket.messages.push_back(
        TextMessage(core::AuthorRole::kCustomer, std::string(100, static_cast<char>('a' + i))));
  }
  config::LimitsOptions limits;
  limits.max_messages = 4;
  limits.max_ticket_bytes = 350;
  ClipToLimits(limits, ticket);
  ASSERT_EQ(ticket.messages.size(), 3u);
  EXPECT_EQ(ticket.messages.front().body_text[0], 'a');
  EXPECT_EQ(ticket.messages.back().body_text[0], 'j');
  EXPECT_TRUE(ticket.partial);
}

}  // namespace
}  // namespace debrief::ingest
