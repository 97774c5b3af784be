#include "server/storage/sqlite_history_store.h"

#include <atomic>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "server/storage/migrations.h"
#include "server/storage/sqlite_database.h"
#include "tests/testing/test_env.h"

namespace debrief::storage {
namespace {

CloseRecord Record(const std::string& key, const std::string& decision_id) {
  CloseRecord record;
  record.close_key = key;
  record.ticket.source = core::Source::kGeneric;
  record.ticket.ticket_id = "42";
  record.ticket.messages.push_back({.author_role = core::AuthorRole::kCustomer, .body_text = "hi"});
  record.debriefing.decision_id = decision_id;
  record.debriefing.suggested_tags.push_back({.value = "billing/invoice", .confidence = 0.7});
  record.recorded_at = absl::FromUnixSeconds(1000);
  return record;
}

config::StorageOptions Options() {
  config::StorageOptions options;
  options.data_dir = testing::MakeTempDir("history");
  return options;
}

TEST(SqliteHistoryStoreTest, RecordsThenReplaysTheSameKey) {
  auto database = SqliteDatabase::Open(Options());
  ASSERT_TRUE(database.ok()) << database.status();
  SqliteHistoryStore store(**database);
  auto first = store.RecordClose(Record("k1", "dcl_1"));
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_FALSE(first->replayed);
  EXPECT_FALSE(first->debriefing.replayed);

  CloseRecord again = Record("k1", "dcl_other");
  again.debriefing.suggested_tags.clear();
  auto second = store.RecordClose(again);
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE(second->replayed);
  EXPECT_TRUE(second->debriefing.replayed);
  EXPECT_EQ(second->debriefing.decision_id, "dcl_1");
  ASSERT_EQ(second->debriefing.suggested_tags.size(), 1u);

  auto found = store.FindClose("k1");
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->decision_id, "dcl_1");
  EXPECT_TRUE((*found)->replayed);
  EXPECT_FALSE(store.FindClose("k2")->has_value());
}

TEST(SqliteHistoryStoreTest, SurvivesReopening) {
  const config::StorageOptions options = Options();
  {
    auto database = SqliteDatabase::Open(options);
    ASSERT_TRUE(database.ok());
    SqliteHistoryStore store(**database);
    ASSERT_TRUE(store.RecordClose(Record("k1", "dcl_1")).ok());
  }
  auto database = SqliteDatabase::Open(options);
  ASSERT_TRUE(database.ok());
  SqliteHistoryStore store(**database);
  auto found = store.FindClose("k1");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->suggested_tags[0].value, "billing/invoice");
}

TEST(SqliteHistoryStoreTest, ConcurrentDeliveriesOfOneCloseRecordItOnce) {
  auto database = SqliteDatabase::Open(Options());
  ASSERT_TRUE(database.ok());
  SqliteHistoryStore store(**database);
  std::atomic<int> recorded{0};
  std::atomic<int> replayed{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      auto outcome = store.RecordClose(Record("same", "dcl_" + std::to_string(i)));
      ASSERT_TRUE(outcome.ok()) << outcome.status();
      (outcome->replayed ? replayed : recorded).fetch_add(1);
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(recorded.load(), 1);
  EXPECT_EQ(replayed.load(), 7);
  int64_t rows = 0;
  ASSERT_TRUE((*database)
                  ->Read([&](SqliteDb& db) -> absl::Status {
                    auto query = db.Prepare("SELECT COUNT(*) FROM tickets");
                    if (!query.ok()) return query.status();
                    auto row = query->Step();
                    if (!row.ok()) return row.status();
                    rows = query->ColumnInt(0);
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(rows, 1);
}

TEST(MigrationsTest, AppliesOnceAndRefusesANewerSchema) {
  const config::StorageOptions options = Options();
  int version = 0;
  {
    auto database = SqliteDatabase::Open(options);
    ASSERT_TRUE(database.ok());
    version = (*database)->schema_version();
    EXPECT_EQ(version, SqliteMigrations().back().version);
  }
  {
    auto database = SqliteDatabase::Open(options);  // re-open applies nothing new
    ASSERT_TRUE(database.ok()) << database.status();
    EXPECT_EQ((*database)->schema_version(), version);
  }
  auto db = SqliteDb::Open(options.data_dir + "/" + options.sqlite_file, {});
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE((*db)->Exec("INSERT INTO schema_migrations VALUES (9999, 'future', 0)").ok());
  db->reset();
  auto refused = SqliteDatabase::Open(options);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST(MigrationsTest, AFailingMigrationLeavesNothingBehind) {
  auto db = SqliteDb::Open(testing::MakeTempDir("migrate") + "/m.db", {});
  ASSERT_TRUE(db.ok());
  const std::vector<Migration> migrations = {
      {1, "good", "CREATE TABLE a (x INTEGER);"},
      {2, "bad", "CREATE TABLE b (x INTEGER); THIS IS NOT SQL;"},
  };
  auto applied = ApplyMigrations(**db, migrations);
  ASSERT_FALSE(applied.ok());
  EXPECT_NE(std::string(applied.status().message()).find("migration 2 (bad)"), std::string::npos);
  // Table b (created before the error inside migration 2) was rolled back with it.
  auto query = (*db)->Prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'b'");
  ASSERT_TRUE(query.ok());
  ASSERT_TRUE(*query->Step());
  EXPECT_EQ(query->ColumnInt(0), 0);
  auto ok = ApplyMigrations(**db, {migrations[0]});
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, 1);
}

}  // namespace
}  // namespace debrief::storage
