#include "server/storage/sqlite_webhook_inbox.h"

#include "gtest/gtest.h"
#include "server/storage/sqlite_database.h"
#include "tests/testing/test_env.h"

namespace debrief::storage {
namespace {

const absl::Time kNow = absl::FromUnixSeconds(1'790'000'000);

core::InboxDelivery Delivery(const std::string& source, const std::string& key) {
  core::InboxDelivery delivery;
  delivery.source = source;
  delivery.delivery_key = key;
  delivery.enrich = true;
  delivery.close_confirmed = false;
  delivery.received_at = kNow;
  delivery.ticket.source = core::Source::kZendesk;
  delivery.ticket.ticket_id = "5158";
  delivery.ticket.delivery_id = key;
  delivery.ticket.requester.email = "dana@customer.example";
  core::Message message;
  message.author_role = core::AuthorRole::kCustomer;
  message.body_text = "Charged twice";
  delivery.ticket.messages.push_back(message);
  return delivery;
}

class SqliteWebhookInboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    options_.data_dir = testing::MakeTempDir("inbox");
    auto database = SqliteDatabase::Open(options_);
    ASSERT_TRUE(database.ok()) << database.status();
    database_ = std::move(*database);
    inbox_ = std::make_unique<SqliteWebhookInbox>(*database_);
  }

  // The raw ticket_json column of `id` ("" when NULL).
  std::string StoredTicket(int64_t id) {
    std::string json;
    EXPECT_TRUE(database_
                    ->Read([&](SqliteDb& db) -> absl::Status {
                      auto query = db.Prepare("SELECT ticket_json FROM webhook_inbox WHERE id = ?");
                      if (!query.ok()) return query.status();
                      query->Bind(1, id);
                      auto row = query->Step();
                      if (row.ok() && *row && !query->ColumnIsNull(0)) json = query->ColumnText(0);
                      return absl::OkStatus();
                    })
                    .ok());
    return json;
  }

  config::StorageOptions options_;
  std::unique_ptr<SqliteDatabase> database_;
  std::unique_ptr<SqliteWebhookInbox> inbox_;
};

TEST_F(SqliteWebhookInboxTest, AcceptsOnceAndAnswersTheSameKeyWithItsRecord) {
  auto first = inbox_->Accept(Delivery("zendesk", "evt-1"));
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_FALSE(first->duplicate);
  auto again = inbox_->Accept(Delivery("zendesk", "evt-1"));
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->duplicate);
  EXPECT_EQ(again->record.id, first->record.id);
  EXPECT_EQ(again->record.state, core::DeliveryState::kPending);
  // The same key from another source is another delivery.
  EXPECT_FALSE(inbox_->Accept(Delivery("zendesk-eu", "evt-1"))->duplicate);
  EXPECT_EQ(*inbox_->PendingCount(), 2);
}

TEST_F(SqliteWebhookInboxTest, HandsOutDueDeliveriesWithTheirTicketAndSkipsInFlightOnes) {
  const int64_t a = inbox_->Accept(Delivery("zendesk", "evt-a"))->record.id;
  const int64_t b = inbox_->Accept(Delivery("zendesk", "evt-b"))->record.id;
  auto due = inbox_->Due(kNow, 10, {a});
  ASSERT_TRUE(due.ok()) << due.status();
  ASSERT_EQ(due->size(), 1u);
  EXPECT_EQ((*due)[0].id, b);
  const core::InboxDelivery& delivery = (*due)[0].delivery;
  EXPECT_TRUE(delivery.enrich);
  EXPECT_FALSE(delivery.close_confirmed);
  EXPECT_EQ(delivery.ticket.requester.email, "dana@customer.example");
  EXPECT_EQ(delivery.ticket.messages[0].body_text, "Charged twice");
}

TEST_F(SqliteWebhookInboxTest, DeletesThePayloadWhenDoneAndKeepsTheResultForDuplicates) {
  const int64_t id = inbox_->Accept(Delivery("zendesk", "evt-1"))->record.id;
  EXPECT_NE(StoredTicket(id), "");
  ASSERT_TRUE(inbox_->Complete(id, R"({"decision_id":"dcl_1"})", kNow).ok());
  EXPECT_EQ(StoredTicket(id), "");
  auto again = inbox_->Accept(Delivery("zendesk", "evt-1"));
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->duplicate);
  EXPECT_EQ(again->record.state, core::DeliveryState::kDone);
  EXPECT_EQ(again->record.result_json, R"({"decision_id":"dcl_1"})");
  EXPECT_TRUE(inbox_->Due(kNow, 10, {})->empty());
}

TEST_F(SqliteWebhookInboxTest, RetriesLaterAndFailsWithoutKeepingThePayload) {
  const int64_t id = inbox_->Accept(Delivery("zendesk", "evt-1"))->record.id;
  ASSERT_TRUE(inbox_->Retry(id, kNow + absl::Seconds(10), "database is locked").ok());
  EXPECT_TRUE(inbox_->Due(kNow + absl::Seconds(9), 10, {})->empty());
  auto due = inbox_->Due(kNow + absl::Seconds(10), 10, {});
  ASSERT_EQ(due->size(), 1u);
  EXPECT_EQ((*due)[0].attempts, 1);
  ASSERT_TRUE(inbox_->Fail(id, "gave up", kNow).ok());
  EXPECT_EQ(StoredTicket(id), "");
  auto record = inbox_->Accept(Delivery("zendesk", "evt-1"));
  EXPECT_EQ(record->record.state, core::DeliveryState::kFailed);
  EXPECT_EQ(record->record.error, "gave up");
}

TEST_F(SqliteWebhookInboxTest, PurgesFinishedDeliveriesPastTheHorizonOnly) {
  const int64_t old_done = inbox_->Accept(Delivery("zendesk", "evt-old"))->record.id;
  ASSERT_TRUE(inbox_->Complete(old_done, "{}", kNow - absl::Hours(24 * 8)).ok());
  const int64_t recent = inbox_->Accept(Delivery("zendesk", "evt-new"))->record.id;
  ASSERT_TRUE(inbox_->Complete(recent, "{}", kNow).ok());
  inbox_->Accept(Delivery("zendesk", "evt-pending")).IgnoreError();
  EXPECT_EQ(*inbox_->Purge("zendesk", kNow - absl::Hours(24 * 7)), 1);
  EXPECT_FALSE(inbox_->Accept(Delivery("zendesk", "evt-old"))->duplicate);
  EXPECT_TRUE(inbox_->Accept(Delivery("zendesk", "evt-new"))->duplicate);
  EXPECT_TRUE(inbox_->Accept(Delivery("zendesk", "evt-pending"))->duplicate);
}

TEST_F(SqliteWebhookInboxTest, KeepsPendingDeliveriesAcrossReopening) {
  inbox_->Accept(Delivery("zendesk", "evt-1")).IgnoreError();
  inbox_.reset();
  database_.reset();
  auto database = SqliteDatabase::Open(options_);
  ASSERT_TRUE(database.ok());
  SqliteWebhookInbox reopened(**database);
  EXPECT_EQ(*reopened.PendingCount(), 1);
}

}  // namespace
}  // namespace debrief::storage
