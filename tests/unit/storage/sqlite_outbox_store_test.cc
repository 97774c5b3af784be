#include "server/storage/sqlite_outbox_store.h"

#include <set>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "server/storage/sqlite_database.h"
#include "server/storage/sqlite_history_store.h"
#include "tests/testing/test_env.h"

namespace debrief::storage {
namespace {

const absl::Time kT0 = absl::FromUnixSeconds(1'790'000'000);

std::unique_ptr<SqliteDatabase> OpenDatabase() {
  config::StorageOptions options;
  options.data_dir = testing::MakeTempDir("outbox");
  auto database = SqliteDatabase::Open(options);
  EXPECT_TRUE(database.ok()) << database.status();
  return *std::move(database);
}

core::Insight MakeInsight(const std::string& id, const std::string& account, const std::string& kind,
                          core::Team audience = core::Team::kSuccess) {
  return {.insight_id = id, .kind = kind, .audience = audience, .account_id = account,
          .ticket_id = "t", .decision_id = "d", .created_at = kT0, .body_json = "{}"};
}

core::PlannedInsights Planned(const std::vector<core::Insight>& insights, const std::string& destination) {
  core::PlannedInsights planned;
  planned.insights = insights;
  for (const core::Insight& insight : insights) {
    planned.deliveries.push_back({.insight_id = insight.insight_id, .destination = destination, .route = "r"});
  }
  return planned;
}

CloseRecord Close(const std::string& key) {
  CloseRecord record;
  record.close_key = key;
  record.ticket.source = core::Source::kGeneric;
  record.ticket.ticket_id = key;
  record.debriefing.decision_id = "dcl_" + key;
  record.recorded_at = kT0;
  return record;
}

TEST(SqliteOutboxStoreTest, RecordCloseCommitsTheInsightsAndDeliveriesWithTheTicket) {
  auto database = OpenDatabase();
  SqliteHistoryStore history(*database);
  SqliteOutboxStore outbox(*database);
  CloseRecord record = Close("k1");
  record.insights = Planned({MakeInsight("ins_a", "acme", "renewal_risk_changed")}, "crm");
  ASSERT_TRUE(history.RecordClose(record).ok());

  // A replay of the close writes nothing more, even with other insights planned.
  CloseRecord replay = Close("k1");
  replay.insights = Planned({MakeInsight("ins_b", "acme", "renewal_risk_changed")}, "crm");
  auto outcome = history.RecordClose(replay);
  ASSERT_TRUE(outcome.ok());
  EXPECT_TRUE(outcome->replayed);

  auto due = outbox.DueHeads("crm", kT0, 10);
  ASSERT_TRUE(due.ok()) << due.status();
  ASSERT_EQ(due->size(), 1u);
  EXPECT_EQ((*due)[0].insight.insight_id, "ins_a");
  EXPECT_EQ(*outbox.LastSequence(), 1);
}

TEST(SqliteOutboxStoreTest, AFailedCloseCommitLeavesNoOutboxRow) {
  auto database = OpenDatabase();
  SqliteHistoryStore history(*database);
  SqliteOutboxStore outbox(*database);
  CloseRecord record = Close("k1");
  record.insights = Planned({MakeInsight("ins_a", "acme", "renewal_risk_changed")}, "crm");
  // A delivery of an insight not in the record fails the whole commit.
  record.insights.deliveries.push_back({.insight_id = "ins_missing", .destination = "crm"});
  EXPECT_FALSE(history.RecordClose(record).ok());
  EXPECT_FALSE(history.FindClose("k1")->has_value());
  EXPECT_EQ(*outbox.CountPending("crm"), 0);
  EXPECT_EQ(*outbox.LastSequence(), 0);
}

TEST(SqliteOutboxStoreTest, DueHeadsHoldsBackLaterInsightsOfAnAccountUntilTheEarlierOneIsDone) {
  auto database = OpenDatabase();
  SqliteOutboxStore outbox(*database);
  ASSERT_TRUE(outbox
                  .Enqueue(Planned({MakeInsight("a1", "acme", "expansion_signal"),
                                    MakeInsight("b1", "globex", "expansion_signal"),
                                    MakeInsight("a2", "acme", "expansion_signal")},
                                   "crm"),
                           kT0)
                  .ok());
  auto due = *outbox.DueHeads("crm", kT0, 10);
  ASSERT_EQ(due.size(), 2u);
  EXPECT_EQ(due[0].insight.insight_id, "a1");
  EXPECT_EQ(due[1].insight.insight_id, "b1");

  // a1 waits for a retry: a2 still waits behind it.
  ASSERT_TRUE(outbox.ScheduleRetry(due[0].id, 1, kT0 + absl::Seconds(5), "HTTP 503").ok());
  due = *outbox.DueHeads("crm", kT0, 10);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].insight.insight_id, "b1");
  EXPECT_EQ(*outbox.NextDue("crm"), kT0);

  due = *outbox.DueHeads("crm", kT0 + absl::Seconds(5), 10);
  ASSERT_EQ(due.size(), 2u);
  EXPECT_EQ(due[0].insight.insight_id, "a1");
  EXPECT_EQ(due[0].attempts, 1);
  ASSERT_TRUE(outbox.MarkDelivered(due[0].id, 2, kT0 + absl::Seconds(5)).ok());
  due = *outbox.DueHeads("crm", kT0 + absl::Seconds(5), 10);
  ASSERT_EQ(due.size(), 2u);
  EXPECT_EQ(due[0].insight.insight_id, "b1");
  EXPECT_EQ(due[1].insight.insight_id, "a2");
  // A delivered row cannot be marked again.
  EXPECT_EQ(outbox.MarkDelivered(due[0].id - 100, 1, kT0).code(), absl::StatusCode::kNotFound);
}

TEST(SqliteOutboxStoreTest, ListsAndReplaysDeadLettersByDestinationKindAndTime) {
  auto database = OpenDatabase();
  SqliteOutboxStore outbox(*database);
  core::PlannedInsights planned = Planned({MakeInsight("a1", "acme", "expansion_signal"),
                                           MakeInsight("b1", "globex", "error_reported")},
                                          "crm");
  planned.deliveries.push_back({.insight_id = "a1", .destination = "slack", .route = "r2"});
  ASSERT_TRUE(outbox.Enqueue(planned, kT0).ok());
  for (const char* destination : {"crm", "slack"}) {
    const std::vector<OutboxEntry> due = *outbox.DueHeads(destination, kT0, 10);
    for (const OutboxEntry& entry : due) {
      const absl::Time at = entry.insight.insight_id == "b1" ? kT0 + absl::Hours(2) : kT0 + absl::Hours(1);
      ASSERT_TRUE(outbox.MarkDead(entry.id, 8, "HTTP 404", at).ok());
    }
  }
  auto all = outbox.ListDead({});
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_EQ(all->size(), 3u);
  EXPECT_EQ(outbox.ListDead({.destination = "slack"})->size(), 1u);
  auto errors = *outbox.ListDead({.kind = "error_reported"});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].insight.insight_id, "b1");
  EXPECT_EQ(errors[0].attempts, 8);
  EXPECT_EQ(errors[0].last_error, "HTTP 404");
  EXPECT_EQ(outbox.ListDead({.from = kT0 + absl::Minutes(90)})->size(), 1u);
  EXPECT_EQ(outbox.ListDead({.to = kT0 + absl::Minutes(90)})->size(), 2u);
  // Paging.
  auto first = *outbox.ListDead({.limit = 2});
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(outbox.ListDead({.after_id = first[1].id, .limit = 2})->size(), 1u);

  auto replayed = outbox.ReplayDead({.destination = "crm"}, kT0 + absl::Hours(3));
  ASSERT_TRUE(replayed.ok()) << replayed.status();
  EXPECT_EQ(*replayed, 2);
  EXPECT_EQ(outbox.ListDead({})->size(), 1u);
  auto due = *outbox.DueHeads("crm", kT0 + absl::Hours(3), 10);
  ASSERT_EQ(due.size(), 2u);
  EXPECT_EQ(due[0].attempts, 0);
}

TEST(SqliteOutboxStoreTest, ReadsTheInsightFeedAfterACursorWithoutGaps) {
  auto database = OpenDatabase();
  SqliteOutboxStore outbox(*database);
  std::vector<core::Insight> insights;
  for (int i = 0; i < 10; ++i) {
    insights.push_back(MakeInsight("i" + std::to_string(i), "acme",
                                   i % 2 == 0 ? "feature_requested" : "expansion_signal",
                                   i % 2 == 0 ? core::Team::kProduct : core::Team::kSales));
  }
  // Insights with no delivery are in the feed too.
  core::PlannedInsights planned;
  planned.insights = insights;
  ASSERT_TRUE(outbox.Enqueue(planned, kT0).ok());
  std::vector<std::string> seen;
  int64_t cursor = 0;
  while (true) {
    auto page = *outbox.ReadInsights({.after_sequence = cursor, .limit = 3});
    if (page.empty()) break;
    for (const core::Insight& insight : page) {
      EXPECT_EQ(insight.sequence, cursor + 1);
      cursor = insight.sequence;
      seen.push_back(insight.insight_id);
    }
  }
  EXPECT_EQ(seen.size(), 10u);
  auto product = *outbox.ReadInsights({.audiences = {core::Team::kProduct}});
  EXPECT_EQ(product.size(), 5u);
  auto sales = *outbox.ReadInsights({.after_sequence = 5, .kinds = {"expansion_signal"}});
  ASSERT_EQ(sales.size(), 3u);
  EXPECT_EQ(sales[0].insight_id, "i5");
}

TEST(SqliteOutboxStoreTest, RemembersDisabledDestinationsAcrossReopening) {
  auto database = OpenDatabase();
  SqliteOutboxStore outbox(*database);
  ASSERT_TRUE(outbox.DisableDestination("crm", "410 Gone", kT0).ok());
  EXPECT_EQ(outbox.DisabledReason("crm")->value_or(""), "410 Gone");
  EXPECT_FALSE(outbox.DisabledReason("slack")->has_value());
  ASSERT_TRUE(outbox.EnableDestination("crm").ok());
  EXPECT_FALSE(outbox.DisabledReason("crm")->has_value());
}

}  // namespace
}  // namespace debrief::storage
