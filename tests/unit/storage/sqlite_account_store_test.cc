#include "server/storage/sqlite_account_store.h"

#include <filesystem>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/storage/sqlite_database.h"
#include "server/storage/sqlite_decision_log.h"
#include "server/storage/sqlite_history_store.h"
#include "tests/testing/test_env.h"

namespace debrief::storage {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

const absl::Time kT0 = absl::FromUnixSeconds(1'790'000'000);
constexpr absl::Duration kDay = absl::Hours(24);

class SqliteAccountStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    options_.data_dir = testing::MakeTempDir("accounts");
    auto database = SqliteDatabase::Open(options_);
    ASSERT_TRUE(database.ok()) << database.status();
    database_ = std::move(*database);
    accounts_ = std::make_unique<SqliteAccountStore>(*database_);
    history_ = std::make_unique<SqliteHistoryStore>(*database_);
  }

  // A close of `ticket_id` for `account_id` at `at`, decided on `version`.
  static CloseRecord Close(const std::string& account_id, const std::string& ticket_id,
                           absl::Time at, int64_t version, std::vector<std::string> errors = {}) {
    CloseRecord record;
    record.close_key = absl::StrCat("generic||", ticket_id, "|closed:", absl::ToUnixMillis(at));
    record.ticket.source = core::Source::kGeneric;
    record.ticket.ticket_id = ticket_id;
    record.ticket.account.id = account_id;
    record.ticket.closed_at = at;
    core::Message message;
    message.author_role = core::AuthorRole::kCustomer;
    message.body_text = "text of " + ticket_id;
    record.ticket.messages.push_back(message);
    record.debriefing.decision_id = "dcl_" + ticket_id + "_" + std::to_string(absl::ToUnixSeconds(at));
    record.recorded_at = at;
    AccountUpdate update;
    update.account.id = account_id;
    update.expected_version = version;
    update.renewal_risk = 10;
    update.close.ticket_id = ticket_id;
    update.close.decision_id = record.debriefing.decision_id;
    update.close.closed_at = at;
    update.close.error_fingerprints = std::move(errors);
    core::TimelineEntry entry;
    entry.at = at;
    entry.kind = "close";
    entry.ticket_id = ticket_id;
    entry.decision_id = record.debriefing.decision_id;
    entry.summary = "Closed ticket " + ticket_id;
    update.timeline.push_back(entry);
    record.account = update;
    return record;
  }

  AccountState Load(const std::string& account_id, absl::Time as_of,
                    absl::Duration lookback = 90 * kDay) {
    auto state = accounts_->LoadState(
        {.account_id = account_id, .as_of = as_of, .lookback = lookback,
         .error_fingerprints = {}, .error_spread_window = kDay});
    EXPECT_TRUE(state.ok()) << state.status();
    return state.ok() ? *state : AccountState();
  }

  int64_t Count(const std::string& sql) {
    int64_t count = -1;
    absl::Status status = database_->Read([&](SqliteDb& db) -> absl::Status {
      auto query = db.Prepare(sql);
      if (!query.ok()) return query.status();
      auto row = query->Step();
      if (!row.ok()) return row.status();
      count = query->ColumnInt(0);
      return absl::OkStatus();
    });
    EXPECT_TRUE(status.ok()) << status;
    return count;
  }

  config::StorageOptions options_;
  std::unique_ptr<SqliteDatabase> database_;
  std::unique_ptr<SqliteAccountStore> accounts_;
  std::unique_ptr<SqliteHistoryStore> history_;
};

TEST_F(SqliteAccountStoreTest, UpsertCreatesThenUpdatesOnlyWhatChanged) {
  core::Account acme{.id = "acme", .name = "Acme", .plan = "pro", .arr_cents = 1200000,
                     .currency = "USD", .renewal_date = "2026-09-01", .segment = "mid"};
  auto first = accounts_->UpsertAccounts({acme}, kT0);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->created, 1);
  EXPECT_EQ(first->updated, 0);

  core::Account change;
  change.id = "acme";
  change.plan = "enterprise";  // everything else empty: kept
  auto second = accounts_->UpsertAccounts({change, acme}, kT0 + kDay);
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(second->created, 0);
  EXPECT_EQ(second->updated, 2);  // plan changed, then changed back

  auto third = accounts_->UpsertAccounts({acme}, kT0 + 2 * kDay);
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->updated, 0) << "an unchanged account is not an update";

  const AccountState state = Load("acme", kT0 + 3 * kDay);
  EXPECT_EQ(state.account.name, "Acme");
  EXPECT_EQ(state.account.plan, "pro");
  EXPECT_EQ(state.account.arr_cents, 1200000);
  EXPECT_EQ(state.account.renewal_date, "2026-09-01");
  EXPECT_EQ(state.version, 3);
  auto page = accounts_->ReadTimeline("acme", 10, std::nullopt);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->entries.size(), 3u);
  EXPECT_EQ(page->entries[0].summary, "CRM update: plan");
  EXPECT_EQ(page->entries[2].summary, "Account created from CRM data");
}

TEST_F(SqliteAccountStoreTest, ACloseCommitsItsAccountUpdateWithTheTicket) {
  auto outcome = history_->RecordClose(Close("acme", "T-1", kT0, 0, {"fp-a"}));
  ASSERT_TRUE(outcome.ok()) << outcome.status();
  const AccountState state = Load("acme", kT0);
  EXPECT_EQ(state.version, 1);
  EXPECT_EQ(state.total_tickets, 1);
  EXPECT_EQ(state.renewal_risk, 10);
  ASSERT_EQ(state.closes.size(), 1u);
  EXPECT_EQ(state.closes[0].ticket_id, "T-1");
  EXPECT_EQ(state.closes[0].error_fingerprints, std::vector<std::string>{"fp-a"});
  EXPECT_EQ(Count("SELECT COUNT(*) FROM account_timeline WHERE account_id = 'acme'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM error_sightings"), 1);
}

TEST_F(SqliteAccountStoreTest, AStaleVersionIsAbortedAndWritesNothing) {
  ASSERT_TRUE(history_->RecordClose(Close("acme", "T-1", kT0, 0)).ok());
  // Decided on version 0 while T-1 moved the account to version 1.
  auto stale = history_->RecordClose(Close("acme", "T-2", kT0 + absl::Hours(1), 0));
  EXPECT_EQ(stale.status().code(), absl::StatusCode::kAborted);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM tickets"), 1) << "the ticket rolled back with it";
  EXPECT_EQ(Count("SELECT COUNT(*) FROM account_closes"), 1);
  // Decided again on the current version, it commits.
  auto fresh = history_->RecordClose(Close("acme", "T-2", kT0 + absl::Hours(1), 1));
  ASSERT_TRUE(fresh.ok()) << fresh.status();
  EXPECT_EQ(Load("acme", kT0 + kDay).total_tickets, 2);
}

TEST_F(SqliteAccountStoreTest, AReplayedCloseLeavesTheAccountAlone) {
  const CloseRecord record = Close("acme", "T-1", kT0, 0);
  ASSERT_TRUE(history_->RecordClose(record).ok());
  CloseRecord again = record;
  again.account->expected_version = 1;
  auto replay = history_->RecordClose(again);
  ASSERT_TRUE(replay.ok());
  EXPECT_TRUE(replay->replayed);
  const AccountState state = Load("acme", kT0);
  EXPECT_EQ(state.version, 1);
  EXPECT_EQ(state.total_tickets, 1);
  EXPECT_EQ(state.closes.size(), 1u);
}

TEST_F(SqliteAccountStoreTest, LoadStateReturnsTheClosesInsideTheLookbackOldestFirst) {
  int64_t version = 0;
  for (int day : {100, 50, 10, 1}) {
    ASSERT_TRUE(history_->RecordClose(Close("acme", absl::StrCat("T-", day), kT0 - day * kDay,
                                            version++)).ok());
  }
  const AccountState state = Load("acme", kT0, 60 * kDay);
  ASSERT_EQ(state.closes.size(), 3u);
  EXPECT_EQ(state.closes[0].ticket_id, "T-50");
  EXPECT_EQ(state.closes[2].ticket_id, "T-1");
  EXPECT_EQ(state.total_tickets, 4);
  EXPECT_TRUE(Load("acme", kT0 - 20 * kDay, 60 * kDay).closes.size() == 1)
      << "closes after as_of are not part of the state";
}

TEST_F(SqliteAccountStoreTest, ErrorSpreadCountsOtherAccountsInsideTheWindow) {
  ASSERT_TRUE(history_->RecordClose(Close("a1", "T-1", kT0 - absl::Hours(2), 0, {"fp"})).ok());
  ASSERT_TRUE(history_->RecordClose(Close("a2", "T-2", kT0 - absl::Hours(3), 0, {"fp"})).ok());
  ASSERT_TRUE(history_->RecordClose(Close("a2", "T-3", kT0 - absl::Hours(1), 1, {"fp"})).ok());
  ASSERT_TRUE(history_->RecordClose(Close("a3", "T-4", kT0 - absl::Hours(30), 0, {"fp"})).ok());
  ASSERT_TRUE(history_->RecordClose(Close("me", "T-5", kT0 - absl::Hours(1), 0, {"fp"})).ok());
  auto state = accounts_->LoadState({.account_id = "me", .as_of = kT0, .lookback = kDay,
                                     .error_fingerprints = {"fp", "other"},
                                     .error_spread_window = kDay});
  ASSERT_TRUE(state.ok());
  // a1 and a2 (twice); a3 is outside the day; "me" is not another account.
  EXPECT_EQ(state->other_accounts_by_fingerprint.at("fp"), 2);
  EXPECT_EQ(state->other_accounts_by_fingerprint.count("other"), 0u);
}

TEST_F(SqliteAccountStoreTest, TimelinePagesAreNewestFirstWithoutGapsOrRepeats) {
  int64_t version = 0;
  for (int i = 0; i < 7; ++i) {
    ASSERT_TRUE(history_->RecordClose(Close("acme", absl::StrCat("T-", i), kT0 + absl::Hours(i % 3),
                                            version++)).ok());
  }
  std::vector<std::string> seen;
  std::optional<std::pair<absl::Time, int64_t>> after;
  int pages = 0;
  do {
    auto page = accounts_->ReadTimeline("acme", 3, after);
    ASSERT_TRUE(page.ok()) << page.status();
    for (const core::TimelineEntry& entry : page->entries) seen.push_back(entry.ticket_id);
    after = page->next;
    ++pages;
  } while (after.has_value() && pages < 10);
  EXPECT_EQ(pages, 3);
  // Hours 2, 1, 0; inside one hour, the later insert first.
  EXPECT_THAT(seen, ElementsAre("T-5", "T-2", "T-4", "T-1", "T-6", "T-3", "T-0"));
}

TEST_F(SqliteAccountStoreTest, ForgettingARequesterErasesTextKeepsAggregatesAndIsIdempotent) {
  CloseRecord jane = Close("acme", "T-1", kT0, 0, {"fp-a"});
  jane.ticket.requester.email = "Jane.Doe@Example.com";
  jane.ticket.requester.name = "Jane Doe";
  jane.ticket.messages[0].body_text = "Jane's unique complaint text";
  jane.requester_email_key = RequesterEmailKey(jane.ticket.requester.email);
  ASSERT_TRUE(history_->RecordClose(jane).ok());
  CloseRecord other = Close("acme", "T-2", kT0 + absl::Hours(1), 1);
  other.requester_email_key = RequesterEmailKey("someone@else.com");
  ASSERT_TRUE(history_->RecordClose(other).ok());

  ForgetOrder order{.subject = core::ForgetSubject::kRequesterEmail,
                    .value = "  jane.doe@EXAMPLE.com ",
                    .reason = "GDPR request 17",
                    .audit_id = "era_1",
                    .at = kT0 + kDay};
  auto forgotten = accounts_->Forget(order);
  ASSERT_TRUE(forgotten.ok()) << forgotten.status();
  EXPECT_EQ(forgotten->tickets_erased, 1);
  EXPECT_FALSE(forgotten->already_forgotten);
  EXPECT_EQ(forgotten->audit_id, "era_1");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM tickets WHERE ticket_json LIKE '%Jane%'"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM tickets WHERE ticket_json LIKE '%text of T-2%'"), 1)
      << "other requesters' tickets are untouched";
  EXPECT_EQ(Count("SELECT COUNT(*) FROM tickets WHERE erased_at IS NOT NULL"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM account_closes WHERE account_id = 'acme'"), 2)
      << "the account's anonymous aggregates stay";
  EXPECT_EQ(Count("SELECT COUNT(*) FROM erasures WHERE audit_id = 'era_1' AND tickets_erased = 1 "
                  "AND subject_kind = 'requester_email'"),
            1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM account_timeline WHERE kind = 'forgotten'"), 1);

  order.audit_id = "era_2";
  auto again = accounts_->Forget(order);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->tickets_erased, 0);
  EXPECT_TRUE(again->already_forgotten);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM erasures"), 2) << "every request is audited";
}

TEST_F(SqliteAccountStoreTest, ForgettingARequesterErasesTheirInsightsAndWithdrawsTheirDeliveries) {
  CloseRecord jane = Close("acme", "T-1", kT0, 0);
  jane.requester_email_key = RequesterEmailKey("jane@example.com");
  core::Insight insight{.insight_id = "ins_jane", .kind = "competitor_mentioned",
                        .audience = core::Team::kSales, .account_id = "acme",
                        .ticket_id = "T-1", .decision_id = jane.debriefing.decision_id,
                        .created_at = kT0,
                        .body_json = R"({"quote":"Jane is moving us to Rival"})"};
  jane.insights.insights.push_back(insight);
  jane.insights.deliveries.push_back({.insight_id = "ins_jane", .destination = "crm", .route = "r"});
  jane.insights.deliveries.push_back({.insight_id = "ins_jane", .destination = "slack", .route = "r"});
  ASSERT_TRUE(history_->RecordClose(jane).ok());
  // One delivery already made: its record stays delivered, the pending one is withdrawn.
  ASSERT_TRUE(database_
                  ->Write([](SqliteDb& db) -> absl::Status {
                    return db.Exec("UPDATE outbox SET state = 'delivered' WHERE destination = 'crm'");
                  })
                  .ok());

  auto forgotten = accounts_->Forget({.subject = core::ForgetSubject::kRequesterEmail,
                                      .value = "jane@example.com",
                                      .reason = "GDPR",
                                      .audit_id = "era_1",
                                      .at = kT0 + kDay});
  ASSERT_TRUE(forgotten.ok()) << forgotten.status();
  EXPECT_EQ(Count("SELECT COUNT(*) FROM insights WHERE body_json LIKE '%Jane%'"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM insights WHERE insight_id = 'ins_jane'"), 1)
      << "the insight's id and kind stay, for counts and idempotency";
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE state = 'pending'"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE destination = 'slack' AND state = 'erased'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE destination = 'crm' AND state = 'delivered'"), 1);
}

TEST_F(SqliteAccountStoreTest, ForgettingAnAccountDeletesItAndReKeysItsAggregates) {
  ASSERT_TRUE(accounts_->UpsertAccounts({{.id = "acme", .name = "Acme Secret Name", .plan = "",
                                          .arr_cents = 0, .currency = "", .renewal_date = "",
                                          .segment = ""}},
                                        kT0)
                  .ok());
  ASSERT_TRUE(history_->RecordClose(Close("acme", "T-1", kT0, 1, {"fp-a"})).ok());
  ASSERT_TRUE(history_->RecordClose(Close("other", "T-2", kT0, 0, {"fp-a"})).ok());
  auto forgotten = accounts_->Forget({.subject = core::ForgetSubject::kAccount,
                                      .value = "acme",
                                      .reason = "contract ended",
                                      .audit_id = "era_9",
                                      .at = kT0 + kDay});
  ASSERT_TRUE(forgotten.ok()) << forgotten.status();
  EXPECT_EQ(forgotten->tickets_erased, 1);
  EXPECT_EQ(Load("acme", kT0 + kDay).version, 0) << "the account is gone";
  EXPECT_EQ(Count("SELECT COUNT(*) FROM account_timeline WHERE account_id = 'acme'"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM account_closes WHERE account_id = 'acme'"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM account_closes WHERE account_id LIKE 'anon_%'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM tickets WHERE account_id = 'acme'"), 0);
  // The error still counts toward the spread across accounts, under its anonymous id.
  auto spread = accounts_->LoadState({.account_id = "third", .as_of = kT0 + absl::Hours(1),
                                      .lookback = kDay, .error_fingerprints = {"fp-a"},
                                      .error_spread_window = kDay});
  ASSERT_TRUE(spread.ok());
  EXPECT_EQ(spread->other_accounts_by_fingerprint.at("fp-a"), 2);

  auto again = accounts_->Forget({.subject = core::ForgetSubject::kAccount,
                                  .value = "acme",
                                  .reason = "contract ended",
                                  .audit_id = "era_10",
                                  .at = kT0 + 2 * kDay});
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->already_forgotten);
}

// Every byte of the files that make up the database.
std::string DatabaseBytes(const std::string& path) {
  std::string bytes;
  for (const char* suffix : {"", "-wal", "-journal"}) {
    if (std::filesystem::exists(path + suffix)) bytes += testing::ReadFile(path + suffix);
  }
  return bytes;
}

TEST_F(SqliteAccountStoreTest, ErasedTextSurvivesNowhereInTheFileOrItsLog) {
  // Enough tickets that the tables span many pages and split while being written, so
  // stale copies of rows would be left in free space if erasure did not zero it.
  int64_t version = 0;
  for (int i = 0; i < 400; ++i) {
    CloseRecord record = Close("acme", absl::StrCat("T-", i), kT0 + absl::Minutes(i), version++);
    const bool jane = i % 7 == 3;
    record.ticket.requester.email = jane ? "jane.doe@example.com" : absl::StrCat("c", i, "@x.io");
    record.ticket.requester.name = jane ? "Jane Qwertyson" : "Someone Else";
    record.ticket.messages[0].body_text =
        jane ? absl::StrCat("zebrafish-quasar complaint number ", i, std::string(600, 'j'))
             : absl::StrCat("ordinary text ", i, std::string(600, 'o'));
    record.requester_email_key = RequesterEmailKey(record.ticket.requester.email);
    ASSERT_TRUE(history_->RecordClose(record).ok());
  }
  // A suggestion made while one of Jane's tickets was open keeps its text for learning.
  SqliteDecisionLog decisions(*database_);
  DecisionRecord suggestion;
  suggestion.decision_id = "dsg_1";
  suggestion.kind = "suggestion";
  suggestion.ticket_ref = "generic||T-10";
  suggestion.learning_text = "zebrafish-quasar draft text";
  suggestion.created_at = kT0;
  ASSERT_TRUE(decisions.AppendDecisions({suggestion}).ok());
  const std::string path = options_.data_dir + "/" + options_.sqlite_file;
  std::string before = DatabaseBytes(path);
  ASSERT_NE(before.find("zebrafish-quasar"), std::string::npos) << "the scan can see text";
  ASSERT_NE(before.find("Jane Qwertyson"), std::string::npos);
  before.clear();

  auto forgotten = accounts_->Forget({.subject = core::ForgetSubject::kRequesterEmail,
                                      .value = "jane.doe@example.com",
                                      .reason = "GDPR",
                                      .audit_id = "era_1",
                                      .at = kT0 + kDay});
  ASSERT_TRUE(forgotten.ok()) << forgotten.status();
  EXPECT_EQ(forgotten->tickets_erased, 57);

  const std::string after = DatabaseBytes(path);
  EXPECT_EQ(after.find("zebrafish-quasar"), std::string::npos);
  EXPECT_EQ(after.find("Jane Qwertyson"), std::string::npos);
  EXPECT_EQ(after.find("jane.doe@example.com"), std::string::npos);
  EXPECT_NE(after.find("ordinary text 398"), std::string::npos) << "other tickets are kept";
  EXPECT_EQ(std::filesystem::file_size(path + "-wal"), 0u) << "the log was truncated";
  EXPECT_EQ(Count("SELECT COUNT(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"), 1);
}

}  // namespace
}  // namespace debrief::storage
