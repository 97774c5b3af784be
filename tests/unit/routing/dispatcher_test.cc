#include "server/routing/dispatcher.h"

#include <map>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/storage/sqlite_database.h"
#include "server/storage/sqlite_outbox_store.h"
#include "tests/fakes/fake_clock.h"
#include "tests/testing/test_env.h"
#include "tests/testing/wait_until.h"

namespace debrief::routing {
namespace {

const absl::Time kT0 = absl::FromUnixSeconds(1'790'000'000);

// A destination whose answers a test scripts by time; it records every attempt.
class ScriptedDestination final : public Destination {
 public:
  struct Attempt {
    std::string insight_id;
    std::string account_id;
    absl::Time at;
    int attempt;
  };

  ScriptedDestination(const common::Clock& clock, std::function<DeliveryResult(absl::Time)> script)
      : clock_(clock), script_(std::move(script)) {}

  DeliveryResult Deliver(const core::Insight& insight, const core::Delivery&, int attempt) override {
    absl::MutexLock lock(&mu_);
    attempts_.push_back({insight.insight_id, insight.account_id, clock_.Now(), attempt});
    DeliveryResult result = script_(clock_.Now());
    if (result.outcome == DeliveryResult::Outcome::kDelivered) delivered_.push_back(insight.insight_id);
    return result;
  }

  std::vector<Attempt> attempts() const {
    absl::MutexLock lock(&mu_);
    return attempts_;
  }
  std::vector<std::string> delivered() const {
    absl::MutexLock lock(&mu_);
    return delivered_;
  }

 private:
  const common::Clock& clock_;
  const std::function<DeliveryResult(absl::Time)> script_;
  mutable absl::Mutex mu_;
  std::vector<Attempt> attempts_ ABSL_GUARDED_BY(mu_);
  std::vector<std::string> delivered_ ABSL_GUARDED_BY(mu_);
};

DeliveryResult Refused() {
  DeliveryResult result;
  result.error = "libcurl: Couldn't connect to server";
  return result;
}

class DispatcherTest : public ::testing::Test {
 protected:
  DispatcherTest() : clock_(kT0), random_(42) {
    config::StorageOptions options;
    options.data_dir = testing::MakeTempDir("dispatcher");
    database_ = *storage::SqliteDatabase::Open(options);
    outbox_ = std::make_unique<storage::SqliteOutboxStore>(*database_);
    dispatcher_ = std::make_unique<Dispatcher>(*outbox_, clock_, random_, metrics_);
  }

  ScriptedDestination& Add(config::DestinationOptions options, std::function<DeliveryResult(absl::Time)> script) {
    auto destination = std::make_unique<ScriptedDestination>(clock_, std::move(script));
    ScriptedDestination& ref = *destination;
    EXPECT_TRUE(dispatcher_->AddDestination(options, std::move(destination)).ok());
    return ref;
  }

  // Enqueues `per_account` insights for each of `accounts`, interleaved; returns the ids
  // per account in enqueue order.
  std::map<std::string, std::vector<std::string>> Enqueue(const std::vector<std::string>& accounts,
                                                          int per_account, const std::string& destination) {
    std::map<std::string, std::vector<std::string>> ids;
    core::PlannedInsights planned;
    for (int i = 0; i < per_account; ++i) {
      for (const std::string& account : accounts) {
        const std::string id = core::InsightId(account, "renewal_risk_changed", std::to_string(i));
        planned.insights.push_back({.insight_id = id, .kind = "renewal_risk_changed",
                                    .audience = core::Team::kSuccess, .account_id = account,
                                    .created_at = clock_.Now(), .body_json = "{}"});
        planned.deliveries.push_back({.insight_id = id, .destination = destination, .route = "r"});
        ids[account].push_back(id);
      }
    }
    EXPECT_TRUE(outbox_->Enqueue(planned, clock_.Now()).ok());
    return ids;
  }

  // Moves the clock by `step` and delivers what is due, until `until`.
  void RunUntil(absl::Time until, absl::Duration step) {
    dispatcher_->DeliverDue();
    while (clock_.Now() < until) {
      clock_.Advance(step);
      dispatcher_->DeliverDue();
    }
  }

  testing::FakeClock clock_;
  common::SeededRandom random_;
  common::MetricsRegistry metrics_;
  std::unique_ptr<storage::SqliteDatabase> database_;
  std::unique_ptr<storage::SqliteOutboxStore> outbox_;
  std::unique_ptr<Dispatcher> dispatcher_;
};

config::DestinationOptions Crm() {
  config::DestinationOptions options;
  options.name = "crm";
  options.kind = "webhook";
  options.retry.max_delay = absl::Minutes(5);
  return options;
}

TEST_F(DispatcherTest, DeliversEverythingInAccountOrderThroughAnOutageWithoutARetryStorm) {
  const absl::Time down_until = kT0 + absl::Minutes(10);
  const absl::Time recovers_at = kT0 + absl::Minutes(15);
  ScriptedDestination& crm = Add(Crm(), [&](absl::Time now) {
    if (now < down_until) return Refused();
    if (now < recovers_at) return ResultOfHttpStatus(503, absl::Seconds(30), "maintenance");
    return ResultOfHttpStatus(200, std::nullopt, "");
  });
  const auto ids = Enqueue({"acme", "globex", "initech"}, 4, "crm");

  RunUntil(kT0 + absl::Minutes(40), absl::Seconds(1));

  // Every insight arrived exactly once, each account's in the order enqueued.
  const std::vector<std::string> delivered = crm.delivered();
  const std::vector<storage::OutboxEntry> dead = *outbox_->ListDead({});
  for (const storage::OutboxEntry& entry : dead) ADD_FAILURE() << "dead-lettered: " << entry.last_error;
  ASSERT_EQ(delivered.size(), 12u);
  for (const auto& [account, expected] : ids) {
    std::vector<std::string> got;
    for (const std::string& id : delivered) {
      if (std::find(expected.begin(), expected.end(), id) != expected.end()) got.push_back(id);
    }
    EXPECT_EQ(got, expected) << account;
  }
  EXPECT_EQ(*outbox_->CountPending("crm"), 0);

  // No retry storm: during the 15-minute outage at most 2 attempts per minute.
  int outage_attempts = 0;
  std::map<std::string, absl::Time> last_503;
  for (const ScriptedDestination::Attempt& attempt : crm.attempts()) {
    if (attempt.at < recovers_at) ++outage_attempts;
    // Retry-After: 30 was honoured: no attempt of an insight within 30s of its 503.
    auto it = last_503.find(attempt.insight_id);
    if (it != last_503.end()) {
      EXPECT_GE(attempt.at - it->second, absl::Seconds(30)) << attempt.insight_id;
    }
    if (attempt.at >= down_until && attempt.at < recovers_at) last_503[attempt.insight_id] = attempt.at;
  }
  EXPECT_LE(outage_attempts, 30);
  EXPECT_GE(outage_attempts, 3);
  // Recovery came within the 5-minute cap of the schedule.
  const absl::Time last_delivery = crm.attempts().back().at;
  EXPECT_LE(last_delivery - recovers_at, absl::Minutes(5) + absl::Seconds(31));
}

TEST_F(DispatcherTest, CircuitBreakerStopsAttemptsToADownDestinationAcrossAccounts) {
  config::DestinationOptions options = Crm();
  options.retry.schedule = {absl::Seconds(1), absl::Seconds(1), absl::Seconds(1), absl::Seconds(1)};
  options.retry.jitter = 0;
  ScriptedDestination& crm = Add(options, [](absl::Time) { return Refused(); });
  std::vector<std::string> accounts;
  for (int i = 0; i < 30; ++i) accounts.push_back("acct" + std::to_string(i));
  Enqueue(accounts, 1, "crm");
  dispatcher_->DeliverDue();
  // The breaker opened after 10 failures (minimum_requests) instead of trying all 30.
  EXPECT_EQ(crm.attempts().size(), 10u);
  // While open (30s), only one probe per open period gets through.
  RunUntil(kT0 + absl::Seconds(29), absl::Seconds(1));
  EXPECT_EQ(crm.attempts().size(), 10u);
  RunUntil(kT0 + absl::Seconds(95), absl::Seconds(1));
  EXPECT_EQ(crm.attempts().size(), 13u);  // probes at 30s, 60s, 90s
  EXPECT_EQ(*outbox_->CountPending("crm"), 30);
}

TEST_F(DispatcherTest, DeadLettersAClientErrorAtOnceAndMovesOnToTheNextInsight) {
  int calls = 0;
  ScriptedDestination& crm = Add(Crm(), [&](absl::Time) {
    return ResultOfHttpStatus(++calls == 1 ? 422 : 200, std::nullopt, "bad field");
  });
  const auto ids = Enqueue({"acme"}, 2, "crm");
  EXPECT_EQ(dispatcher_->DeliverDue(), 2);
  EXPECT_THAT(crm.delivered(), ::testing::ElementsAre(ids.at("acme")[1]));
  auto dead = *outbox_->ListDead({.destination = "crm"});
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(dead[0].insight.insight_id, ids.at("acme")[0]);
  EXPECT_EQ(dead[0].attempts, 1);
  EXPECT_THAT(dead[0].last_error, ::testing::HasSubstr("HTTP 422"));

  // Replayed, it is delivered.
  EXPECT_EQ(*outbox_->ReplayDead({.destination = "crm"}, clock_.Now()), 1);
  EXPECT_EQ(dispatcher_->DeliverDue(), 1);
  EXPECT_EQ(crm.delivered().size(), 2u);
}

TEST_F(DispatcherTest, GoneDisablesTheDestinationWithNoFurtherAttemptsAndKeepsItsInsights) {
  ScriptedDestination& crm = Add(Crm(), [](absl::Time) { return ResultOfHttpStatus(410, std::nullopt, ""); });
  Enqueue({"acme", "globex"}, 2, "crm");
  EXPECT_EQ(dispatcher_->DeliverDue(), 1);
  EXPECT_TRUE(dispatcher_->IsDisabled("crm"));
  RunUntil(kT0 + absl::Hours(1), absl::Minutes(1));
  EXPECT_EQ(crm.attempts().size(), 1u);
  EXPECT_EQ(*outbox_->CountPending("crm"), 4);
  EXPECT_TRUE(outbox_->DisabledReason("crm")->has_value());
}

TEST_F(DispatcherTest, PacesADestinationToItsMessagesPerSecond) {
  config::DestinationOptions options = Crm();
  options.name = "slack";
  options.max_per_second = 1;
  ScriptedDestination& slack = Add(options, [](absl::Time) { return ResultOfHttpStatus(200, std::nullopt, ""); });
  Enqueue({"a", "b", "c", "d", "e"}, 1, "slack");
  EXPECT_EQ(dispatcher_->DeliverDue(), 1);
  clock_.Advance(absl::Milliseconds(999));
  EXPECT_EQ(dispatcher_->DeliverDue(), 0);
  RunUntil(kT0 + absl::Seconds(10), absl::Milliseconds(250));
  const auto attempts = slack.attempts();
  ASSERT_EQ(attempts.size(), 5u);
  for (size_t i = 1; i < attempts.size(); ++i) {
    EXPECT_GE(attempts[i].at - attempts[i - 1].at, absl::Seconds(1));
  }
}

TEST_F(DispatcherTest, WorkersDeliverOnTheirOwnThreadsAndStopOnShutdown) {
  config::DestinationOptions options = Crm();
  options.concurrency = 4;
  ScriptedDestination& crm = Add(options, [](absl::Time) { return ResultOfHttpStatus(200, std::nullopt, ""); });
  const auto ids = Enqueue({"acme", "globex", "initech", "hooli"}, 25, "crm");
  ASSERT_TRUE(dispatcher_->Start().ok());
  dispatcher_->Notify();
  EXPECT_TRUE(testing::WaitUntil([&] { return *outbox_->CountPending("crm") == 0; }));
  dispatcher_->Shutdown(absl::Seconds(5));
  const std::vector<std::string> delivered = crm.delivered();
  ASSERT_EQ(delivered.size(), 100u);
  for (const auto& [account, expected] : ids) {
    std::vector<std::string> got;
    for (const std::string& id : delivered) {
      if (std::find(expected.begin(), expected.end(), id) != expected.end()) got.push_back(id);
    }
    EXPECT_EQ(got, expected) << account;
  }
}

}  // namespace
}  // namespace debrief::routing
