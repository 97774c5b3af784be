// The close pipeline with account memory on the real SQLite store: replays change
// nothing, a reopen-and-close is a new close, concurrent closes of one account lose no
// update, and rules see the account as stored.
#include <atomic>
#include <set>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/config/config_loader.h"
#include "server/pipeline/close_pipeline.h"
#include "server/storage/sqlite_account_store.h"
#include "server/storage/sqlite_database.h"
#include "server/storage/sqlite_history_store.h"
#include "tests/fakes/fake_clock.h"
#include "tests/testing/test_env.h"

namespace debrief::pipeline {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;

// Only low satisfaction moves the risk (3 points, no decay), so the arithmetic of the
// tests does not depend on what the analyzers find in the text.
constexpr char kConfig[] = R"yaml(
accounts:
  relationship:
    half_life: 0s
    renewal_risk:
      - {signal: satisfaction.low, points: 3}
    expansion: []
escalation:
  rules:
    - name: key-account-unhappy
      when:
        - {field: account.arr, op: ">=", value: 100000}
        - {field: ticket.satisfaction, op: "<=", value: 0.2}
      level: escalate
      team: success
      reason: "{account.name} rated support {ticket.satisfaction}"
)yaml";

// An AccountStore that lets another writer move the account right after the first read,
// as a CRM import committing beside a close would.
class InterleavingAccountStore final : public storage::AccountStore {
 public:
  explicit InterleavingAccountStore(storage::AccountStore& inner) : inner_(inner) {}

  absl::StatusOr<storage::AccountState> LoadState(const storage::AccountStateQuery& query) override {
    absl::StatusOr<storage::AccountState> state = inner_.LoadState(query);
    if (loads_++ == 0) {
      core::Account change;
      change.id = query.account_id;
      change.plan = "from-crm";
      EXPECT_TRUE(inner_.UpsertAccounts({change}, query.as_of).ok());
    }
    return state;
  }
  absl::StatusOr<storage::TimelinePage> ReadTimeline(
      absl::string_view account_id, int limit,
      std::optional<std::pair<absl::Time, int64_t>> after) override {
    return inner_.ReadTimeline(account_id, limit, after);
  }
  absl::StatusOr<core::UpsertResult> UpsertAccounts(const std::vector<core::Account>& accounts,
                                                    absl::Time at) override {
    return inner_.UpsertAccounts(accounts, at);
  }
  absl::StatusOr<core::ForgetResult> Forget(const storage::ForgetOrder& order) override {
    return inner_.Forget(order);
  }
  int loads() const { return loads_; }

 private:
  storage::AccountStore& inner_;
  int loads_ = 0;
};

class ClosePipelineAccountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto config = config::LoadConfigText(kConfig);
    ASSERT_TRUE(config.ok()) << config.status();
    auto components = BuildDecisionComponents(*config);
    ASSERT_TRUE(components.ok()) << components.status();
    components_ = std::make_unique<common::Snapshot<DecisionComponents>>(*components);
    config::StorageOptions storage;
    storage.data_dir = testing::MakeTempDir("pipeline-accounts");
    auto database = storage::SqliteDatabase::Open(storage);
    ASSERT_TRUE(database.ok()) << database.status();
    database_ = std::move(*database);
    history_ = std::make_unique<storage::SqliteHistoryStore>(*database_);
    accounts_ = std::make_unique<storage::SqliteAccountStore>(*database_);
    pipeline_ = std::make_unique<ClosePipeline>(*components_, *history_, clock_, metrics_,
                                                accounts_.get());
  }

  static core::Ticket Ticket(const std::string& ticket_id, const std::string& delivery_id) {
    core::Ticket ticket;
    ticket.source = core::Source::kGeneric;
    ticket.ticket_id = ticket_id;
    ticket.delivery_id = delivery_id;
    ticket.account.id = "acme";
    ticket.requester.email = "Pat@Example.com";
    ticket.requester.id = "user-77";
    ticket.satisfaction = core::Satisfaction{0.1, "1/10", ""};
    core::Message message;
    message.author_role = core::AuthorRole::kCustomer;
    message.body_text = "The export still does not include the archived rows.";
    ticket.messages.push_back(message);
    return ticket;
  }

  storage::AccountState State() {
    storage::AccountStateQuery query;
    query.account_id = "acme";
    query.as_of = clock_.Now() + absl::Hours(1);
    query.lookback = absl::Hours(24 * 90);
    auto state = accounts_->LoadState(query);
    EXPECT_TRUE(state.ok()) << state.status();
    return state.ok() ? *state : storage::AccountState();
  }

  int64_t Count(const std::string& sql) {
    int64_t count = -1;
    EXPECT_TRUE(database_
                    ->Read([&](storage::SqliteDb& db) -> absl::Status {
                      auto query = db.Prepare(sql);
                      if (!query.ok()) return query.status();
                      auto row = query->Step();
                      if (!row.ok()) return row.status();
                      count = query->ColumnInt(0);
                      return absl::OkStatus();
                    })
                    .ok());
    return count;
  }

  testing::FakeClock clock_;
  common::MetricsRegistry metrics_;
  std::unique_ptr<common::Snapshot<DecisionComponents>> components_;
  std::unique_ptr<storage::SqliteDatabase> database_;
  std::unique_ptr<storage::SqliteHistoryStore> history_;
  std::unique_ptr<storage::SqliteAccountStore> accounts_;
  std::unique_ptr<ClosePipeline> pipeline_;
};

TEST_F(ClosePipelineAccountsTest, ARedeliveryIsAReplayThatChangesNothing) {
  auto first = pipeline_->Close(Ticket("T-1", "d-1"), core::CloseMode::kLive);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_FALSE(first->replayed);
  EXPECT_EQ(first->relationship.renewal_risk, 3);
  EXPECT_EQ(first->relationship.renewal_risk_delta, 3);
  clock_.Advance(absl::Minutes(10));
  auto second = pipeline_->Close(Ticket("T-1", "d-1"), core::CloseMode::kLive);
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE(second->replayed);
  EXPECT_EQ(second->decision_id, first->decision_id);
  EXPECT_EQ(second->relationship.renewal_risk_delta, 3) << "the recorded debriefing, as it was";
  const storage::AccountState state = State();
  EXPECT_EQ(state.total_tickets, 1);
  EXPECT_EQ(state.version, 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM tickets"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM account_timeline"), 1);
}

TEST_F(ClosePipelineAccountsTest, AReopenAndCloseIsANewCloseThatUpdatesTheHistory) {
  ASSERT_TRUE(pipeline_->Close(Ticket("T-1", "d-1"), core::CloseMode::kLive).ok());
  clock_.Advance(absl::Hours(3));
  auto again = pipeline_->Close(Ticket("T-1", "d-2"), core::CloseMode::kLive);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_FALSE(again->replayed);
  EXPECT_EQ(again->relationship.renewal_risk, 6);
  EXPECT_EQ(again->relationship.renewal_risk_delta, 3);
  const storage::AccountState state = State();
  EXPECT_EQ(state.total_tickets, 2);
  ASSERT_EQ(state.closes.size(), 2u);
  auto timeline = accounts_->ReadTimeline("acme", 10, std::nullopt);
  ASSERT_TRUE(timeline.ok());
  EXPECT_THAT(timeline->entries.front().summary, HasSubstr("Closed ticket T-1 again"));
}

TEST_F(ClosePipelineAccountsTest, ConcurrentClosesOfOneAccountLoseNoUpdate) {
  constexpr int kThreads = 8;
  constexpr int kClosesPerThread = 3;
  std::vector<int> risks(kThreads * kClosesPerThread, -1);
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kClosesPerThread; ++i) {
        const int n = t * kClosesPerThread + i;
        auto debriefing = pipeline_->Close(Ticket(absl::StrCat("T-", n), "d"), core::CloseMode::kLive);
        if (!debriefing.ok()) {
          failures.fetch_add(1);
          continue;
        }
        risks[n] = debriefing->relationship.renewal_risk;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  ASSERT_EQ(failures.load(), 0);
  // Every close saw every close committed before it: the risks are 3, 6, ..., 72 once each.
  const std::set<int> distinct(risks.begin(), risks.end());
  EXPECT_EQ(distinct.size(), risks.size());
  EXPECT_EQ(*distinct.begin(), 3);
  EXPECT_EQ(*distinct.rbegin(), 3 * kThreads * kClosesPerThread);
  const storage::AccountState state = State();
  EXPECT_EQ(state.total_tickets, kThreads * kClosesPerThread);
  EXPECT_EQ(state.renewal_risk, 3 * kThreads * kClosesPerThread);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM account_closes"), kThreads * kClosesPerThread);
}

TEST_F(ClosePipelineAccountsTest, AnAccountMovedBetweenReadAndCommitIsDecidedAgain) {
  InterleavingAccountStore interleaving(*accounts_);
  ClosePipeline pipeline(*components_, *history_, clock_, metrics_, &interleaving);
  auto debriefing = pipeline.Close(Ticket("T-1", "d-1"), core::CloseMode::kLive);
  ASSERT_TRUE(debriefing.ok()) << debriefing.status();
  EXPECT_EQ(interleaving.loads(), 2) << "the first decision was refused and made again";
  const storage::AccountState state = State();
  EXPECT_EQ(state.account.plan, "from-crm") << "the other writer's update was not lost";
  EXPECT_EQ(state.total_tickets, 1);
  EXPECT_EQ(state.version, 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM tickets"), 1);
  EXPECT_THAT(metrics_.Exposition(), HasSubstr("debrief_account_conflicts_total 1"));
}

TEST_F(ClosePipelineAccountsTest, RulesSeeTheStoredAccountUpdatedByTheTicket) {
  core::Account crm;
  crm.id = "acme";
  crm.name = "Acme Corp";
  crm.arr_cents = 25'000'000;
  ASSERT_TRUE(accounts_->UpsertAccounts({crm}, clock_.Now()).ok());
  core::Ticket ticket = Ticket("T-1", "d-1");
  ticket.account.plan = "enterprise";  // the ticket knows the plan, the CRM the ARR
  auto debriefing = pipeline_->Close(ticket, core::CloseMode::kLive);
  ASSERT_TRUE(debriefing.ok()) << debriefing.status();
  ASSERT_EQ(debriefing->escalation.reasons.size(), 1u);
  EXPECT_EQ(debriefing->escalation.reasons[0].rule, "key-account-unhappy");
  EXPECT_EQ(debriefing->escalation.reasons[0].text, "Acme Corp rated support 0.10");
  const storage::AccountState state = State();
  EXPECT_EQ(state.account.plan, "enterprise");
  EXPECT_EQ(state.account.arr_cents, 25'000'000);
}

TEST_F(ClosePipelineAccountsTest, TheRequesterIsKeptOnlyAsHashedLookupKeys) {
  ASSERT_TRUE(pipeline_->Close(Ticket("T-1", "d-1"), core::CloseMode::kLive).ok());
  EXPECT_EQ(Count(absl::StrCat("SELECT COUNT(*) FROM tickets WHERE requester_email_key = '",
                               storage::RequesterEmailKey("pat@example.com"),
                               "' AND requester_id_key = '", storage::RequesterIdKey("user-77"),
                               "'")),
            1);
  auto forgotten = accounts_->Forget({.subject = core::ForgetSubject::kRequesterId,
                                      .value = "user-77",
                                      .reason = "request 4",
                                      .audit_id = "era_1",
                                      .at = clock_.Now()});
  ASSERT_TRUE(forgotten.ok()) << forgotten.status();
  EXPECT_EQ(forgotten->tickets_erased, 1);
}

TEST_F(ClosePipelineAccountsTest, ATicketWithoutAnAccountIsDecidedOnTheTicketAlone) {
  core::Ticket ticket = Ticket("T-1", "d-1");
  ticket.account = core::Account();
  auto debriefing = pipeline_->Close(ticket, core::CloseMode::kLive);
  ASSERT_TRUE(debriefing.ok()) << debriefing.status();
  EXPECT_EQ(debriefing->relationship.renewal_risk, 0);
  EXPECT_EQ(debriefing->escalation.level, core::EscalationLevel::kNone);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM accounts"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM tickets"), 1);
}

}  // namespace
}  // namespace debrief::pipeline
