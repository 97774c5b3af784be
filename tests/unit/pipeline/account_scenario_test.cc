// A realistic month of one account's tickets, replayed through the account decision
// and the real store with the shipped rules and weights: the renewal risk rises with
// the right reasons, and each escalation fires at the close where it should.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/config/config_loader.h"
#include "server/core/ticket.h"
#include "server/pipeline/account_decision.h"
#include "server/storage/sqlite_account_store.h"
#include "server/storage/sqlite_database.h"
#include "server/storage/sqlite_history_store.h"
#include "tests/testing/test_env.h"

namespace debrief::pipeline {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;

const absl::Time kStart = absl::FromUnixSeconds(1'790'000'000);
constexpr absl::Duration kDay = absl::Hours(24);

// One ticket of the month: when it closed and what analysis found in it.
struct Day {
  std::string ticket_id;
  int day;
  double sentiment_start;
  double sentiment_end;
  std::string error;
  std::string root_cause;
  core::CompetitorContext competitor = core::CompetitorContext::kUnspecified;
  std::string signal;
  bool feature_request = false;
};

class AccountScenarioTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto config = config::LoadConfigFile(testing::SourceDir() + "/config/debrief.yaml");
    ASSERT_TRUE(config.ok()) << config.status();
    auto escalation = policy::EscalationPolicy::Create(config->escalation);
    ASSERT_TRUE(escalation.ok()) << escalation.status();
    components_.escalation = std::move(*escalation);
    components_.accounts = config->accounts;
    components_.relationship = std::make_shared<policy::RelationshipScorer>(config->accounts);
    config::StorageOptions storage;
    storage.data_dir = testing::MakeTempDir("scenario");
    auto database = storage::SqliteDatabase::Open(storage);
    ASSERT_TRUE(database.ok()) << database.status();
    database_ = std::move(*database);
    accounts_ = std::make_unique<storage::SqliteAccountStore>(*database_);
    history_ = std::make_unique<storage::SqliteHistoryStore>(*database_);
  }

  // Decides and records `day` for `account_id` as the close pipeline does.
  core::Debriefing Close(const std::string& account_id, const Day& day, absl::Time at) {
    core::Ticket ticket;
    ticket.source = core::Source::kZendesk;
    ticket.ticket_id = day.ticket_id;
    ticket.account.id = account_id;
    ticket.closed_at = at;
    core::Message message;
    message.author_role = core::AuthorRole::kCustomer;
    message.body_text = "…";
    ticket.messages.push_back(message);

    core::Debriefing debriefing;
    debriefing.decision_id = "dcl_" + account_id + "_" + day.ticket_id;
    core::MessageSentiment last;
    last.score = day.sentiment_end;
    debriefing.sentiment.messages = {last};
    debriefing.sentiment.start = day.sentiment_start;
    debriefing.sentiment.end = day.sentiment_end;
    debriefing.sentiment.delta = day.sentiment_end - day.sentiment_start;
    if (!day.error.empty()) {
      core::ErrorSignature error;
      error.fingerprint = day.error;
      error.evidence.quote = "SyncError 500";
      debriefing.errors.push_back(error);
    }
    if (!day.root_cause.empty()) {
      core::Label cause;
      cause.value = day.root_cause;
      debriefing.root_cause = cause;
    }
    if (day.competitor != core::CompetitorContext::kUnspecified) {
      core::CompetitorMention mention;
      mention.competitor = "Initech";
      mention.context = day.competitor;
      debriefing.competitors.push_back(mention);
    }
    if (!day.signal.empty()) {
      core::Signal signal;
      signal.kind = day.signal;
      signal.weight = 1.0;
      debriefing.relationship.signals.push_back(signal);
    }
    if (day.feature_request) {
      core::ProductFeedback feedback;
      feedback.kind = core::FeedbackKind::kFeatureRequest;
      debriefing.product_feedback.push_back(feedback);
    }

    storage::CloseRecord record;
    record.close_key = absl::StrCat("zendesk||", account_id, "/", day.ticket_id);
    record.ticket = ticket;
    record.recorded_at = at;
    auto state = accounts_->LoadState(AccountQueryFor(components_, ticket, debriefing, at));
    EXPECT_TRUE(state.ok()) << state.status();
    record.debriefing = debriefing;
    record.account = DecideWithAccount(components_, &*state, ticket, at, record.debriefing);
    auto outcome = history_->RecordClose(record);
    EXPECT_TRUE(outcome.ok()) << outcome.status();
    return outcome.ok() ? outcome->debriefing : core::Debriefing();
  }

  static std::vector<std::string> Rules(const core::Debriefing& debriefing) {
    std::vector<std::string> rules;
    for (const core::EscalationReason& reason : debriefing.escalation.reasons) {
      rules.push_back(reason.rule);
    }
    return rules;
  }

  DecisionComponents components_;
  std::unique_ptr<storage::SqliteDatabase> database_;
  std::unique_ptr<storage::SqliteAccountStore> accounts_;
  std::unique_ptr<storage::SqliteHistoryStore> history_;
};

TEST_F(AccountScenarioTest, AMonthOfTicketsRaisesTheRiskAndEscalatesAtTheRightCloses) {
  // Globex: ARR 150k from the CRM, renewal 75 days after the month starts.
  core::Account globex;
  globex.id = "globex";
  globex.name = "Globex";
  globex.arr_cents = 15'000'000;
  globex.renewal_date =
      absl::FormatCivilTime(absl::ToCivilDay(kStart + 75 * kDay, absl::UTCTimeZone()));
  ASSERT_TRUE(accounts_->UpsertAccounts({globex}, kStart).ok());

  using Ctx = core::CompetitorContext;
  const std::vector<Day> month = {
      // A how-to question, resolved to the customer's delight.
      {"T-101", 1, 0.2, 0.6, "", "", Ctx::kUnspecified, "", false},
      // A sync bug: first contact, mildly annoyed.
      {"T-102", 4, 0.0, -0.2, "fp-sync-500", "product-defect", Ctx::kUnspecified, "", false},
      // The same error again: unhappy, confidence falls, renewal is 66 days out.
      {"T-103", 9, -0.1, -0.5, "fp-sync-500", "product-defect", Ctx::kUnspecified, "", false},
      // Third time, and four other accounts hit the same error today.
      {"T-104", 12, -0.3, -0.7, "fp-sync-500", "product-defect", Ctx::kUnspecified, "", false},
      // A neutral feature request.
      {"T-105", 15, 0.0, 0.0, "", "feature-gap", Ctx::kUnspecified, "", true},
      // They look at a competitor.
      {"T-106", 20, -0.2, -0.3, "", "", Ctx::kSwitching, "", false},
      // And say they will not renew.
      {"T-107", 26, -0.2, -0.6, "", "", Ctx::kUnspecified, "churn.not_renewing", false},
  };
  const std::vector<std::vector<std::string>> expected_rules = {
      {},
      {},
      {"renewal-at-risk", "unhappy-key-account"},
      {"error-across-accounts", "renewal-at-risk", "repeated-error", "unhappy-key-account"},
      {},
      {"competitor-switching", "renewal-risk-high"},
      {"renewal-at-risk", "unhappy-key-account", "renewal-risk-high"},
  };

  std::vector<int> risk;
  std::vector<core::Debriefing> debriefings;
  for (size_t i = 0; i < month.size(); ++i) {
    const absl::Time at = kStart + month[i].day * kDay;
    if (month[i].ticket_id == "T-104") {
      for (int other = 1; other <= 4; ++other) {
        Close(absl::StrCat("other-", other),
              {"X-1", 12, 0, 0, "fp-sync-500", "", Ctx::kUnspecified, "", false},
              at - absl::Hours(other));
      }
    }
    debriefings.push_back(Close("globex", month[i], at));
    risk.push_back(debriefings.back().relationship.renewal_risk);
    SCOPED_TRACE(month[i].ticket_id);
    EXPECT_THAT(Rules(debriefings.back()), ElementsAreArray(expected_rules[i]));
  }

  // Nothing worrying for the first two tickets; then every bad close raises the risk.
  EXPECT_EQ(risk[0], 0);
  EXPECT_EQ(risk[1], 0);
  EXPECT_GT(risk[2], risk[1]);
  EXPECT_GT(risk[3], risk[2]);
  EXPECT_GT(risk[5], risk[4]);
  EXPECT_GT(risk[6], risk[5]);
  EXPECT_LT(risk[3], 60);
  EXPECT_GE(risk[6], 60);
  EXPECT_EQ(debriefings[4].relationship.renewal_risk_delta, 0);
  EXPECT_EQ(debriefings[4].relationship.expansion_delta, 5);
  EXPECT_EQ(debriefings[3].relationship.repeat_contacts, 2);

  // The escalation's level, team and due time follow the top rule.
  EXPECT_EQ(debriefings[3].escalation.level, core::EscalationLevel::kUrgent);
  EXPECT_EQ(debriefings[3].escalation.target, core::Team::kEngineering);
  EXPECT_EQ(debriefings[3].escalation.due_by, kStart + 12 * kDay + absl::Hours(4));
  EXPECT_EQ(debriefings[5].escalation.target, core::Team::kSales);
  EXPECT_EQ(debriefings[6].escalation.target, core::Team::kSuccess);

  // The final risk names its reasons: which ticket, which signal, how many points.
  const core::Relationship& last = debriefings[6].relationship;
  auto points = [&](const std::string& ticket, const std::string& signal) {
    for (const core::ScoreReason& reason : last.risk_reasons) {
      if (reason.ticket_id == ticket && reason.signal == signal) return reason.points;
    }
    return 0;
  };
  EXPECT_EQ(points("T-107", "churn.not_renewing"), 40);
  EXPECT_EQ(points("T-107", "sentiment.negative"), 10);
  EXPECT_GT(points("T-106", "competitor.switching"), 20);
  EXPECT_GT(points("T-104", "repeat_contact"), 0);
  EXPECT_GT(points("T-103", "repeat_contact"), 0);
  EXPECT_EQ(points("T-102", "repeat_contact"), 0) << "a first contact is not a repeat";
  EXPECT_EQ(last.risk_reasons.front().ticket_id, "T-107");
  // This close's own points (40 + 10 + 8) overflow the scale: the change it caused is
  // what was left up to 100 from the score just before it, at its own time (so the decay
  // of older points since T-106 is not counted as its doing).
  EXPECT_EQ(risk[6], 100);
  const absl::Time t107 = kStart + 26 * kDay;
  storage::AccountStateQuery query;
  query.account_id = "globex";
  query.as_of = t107;
  query.lookback = components_.relationship->lookback();
  auto state = accounts_->LoadState(query);
  ASSERT_TRUE(state.ok());
  std::vector<core::AccountClose> before_t107;
  for (const core::AccountClose& close : state->closes) {
    if (close.ticket_id != "T-107") before_t107.push_back(close);
  }
  const int before = components_.relationship->Score(before_t107, t107).renewal_risk;
  EXPECT_LT(before, risk[5]) << "older points decayed between T-106 and T-107";
  EXPECT_EQ(last.renewal_risk_delta, 100 - before);
  EXPECT_THAT(last.reasons, ElementsAre(HasSubstr("renewal risk +40: churn.not_renewing"),
                                        HasSubstr("renewal risk +10: ended the conversation"),
                                        HasSubstr("renewal risk +8: confidence dropped")));

  // The timeline has each close and each escalation, newest first.
  auto timeline = accounts_->ReadTimeline("globex", 100, std::nullopt);
  ASSERT_TRUE(timeline.ok());
  std::vector<std::string> kinds;
  for (const core::TimelineEntry& entry : timeline->entries) kinds.push_back(entry.kind);
  EXPECT_THAT(kinds, ElementsAre("escalation", "close", "escalation", "close", "close",
                                 "escalation", "close", "escalation", "close", "close", "close",
                                 "account_update"));
  EXPECT_EQ(timeline->entries[1].renewal_risk_delta, last.renewal_risk_delta);
  EXPECT_THAT(timeline->entries[1].summary, HasSubstr("renewal risk 100"));
}

}  // namespace
}  // namespace debrief::pipeline
