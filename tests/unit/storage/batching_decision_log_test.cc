#include "server/storage/batching_decision_log.h"

#include "gtest/gtest.h"
#include "server/storage/sqlite_database.h"
#include "server/storage/sqlite_decision_log.h"
#include "tests/testing/test_env.h"

namespace debrief::storage {
namespace {

DecisionRecord Decision(const std::string& id) {
  return {.decision_id = id,
          .kind = "suggestion",
          .ticket_ref = "generic||1",
          .labels = {{.value = "billing/invoice", .confidence = 0.9, .source = core::LabelSource::kRule}},
          .model_version = "rules-x",
          .created_at = absl::FromUnixSeconds(5)};
}

class BatchingDecisionLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    config::StorageOptions options;
    options.data_dir = testing::MakeTempDir("decisions");
    auto database = SqliteDatabase::Open(options);
    ASSERT_TRUE(database.ok());
    database_ = std::move(*database);
    inner_ = std::make_unique<SqliteDecisionLog>(*database_);
  }
  std::unique_ptr<SqliteDatabase> database_;
  std::unique_ptr<SqliteDecisionLog> inner_;
};

TEST_F(BatchingDecisionLogTest, PendingDecisionsAreFindableBeforeTheCommit) {
  BatchingDecisionLog log(*inner_, {.flush_interval = absl::Hours(1)});
  ASSERT_TRUE(log.AppendDecisions({Decision("dsg_1")}).ok());
  auto pending = log.FindDecision("dsg_1");
  ASSERT_TRUE(pending.ok() && pending->has_value());
  EXPECT_FALSE(inner_->FindDecision("dsg_1")->has_value());
  ASSERT_TRUE(log.Flush().ok());
  auto committed = inner_->FindDecision("dsg_1");
  ASSERT_TRUE(committed.ok() && committed->has_value());
  EXPECT_EQ((*committed)->labels[0].value, "billing/invoice");
  EXPECT_EQ((*committed)->labels[0].source, core::LabelSource::kRule);
  EXPECT_EQ((*committed)->created_at, absl::FromUnixSeconds(5));
}

TEST_F(BatchingDecisionLogTest, ShutdownCommitsWhatIsPending) {
  {
    BatchingDecisionLog log(*inner_, {.flush_interval = absl::Hours(1)});
    log.Start();
    ASSERT_TRUE(log.AppendDecisions({Decision("dsg_a"), Decision("dsg_b")}).ok());
    log.Shutdown();
  }
  EXPECT_TRUE(inner_->FindDecision("dsg_a")->has_value());
  EXPECT_TRUE(inner_->FindDecision("dsg_b")->has_value());
}

TEST_F(BatchingDecisionLogTest, RefusesBeyondCapacityAndCountsDrops) {
  BatchingDecisionLog log(*inner_, {.flush_interval = absl::Hours(1), .max_pending = 2});
  ASSERT_TRUE(log.AppendDecisions({Decision("a"), Decision("b")}).ok());
  EXPECT_EQ(log.AppendDecisions({Decision("c")}).code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(log.dropped(), 1);
}

TEST_F(BatchingDecisionLogTest, FeedbackCommitsItsDecisionFirst) {
  BatchingDecisionLog log(*inner_, {.flush_interval = absl::Hours(1)});
  ASSERT_TRUE(log.AppendDecisions({Decision("dsg_f")}).ok());
  ASSERT_TRUE(log.AppendFeedback({.decision_id = "dsg_f", .accepted = {"billing/invoice"}},
                                 absl::FromUnixSeconds(6))
                  .ok());
  EXPECT_TRUE(inner_->FindDecision("dsg_f")->has_value());
}

}  // namespace
}  // namespace debrief::storage
