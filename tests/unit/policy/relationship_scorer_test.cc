#include "server/policy/relationship_scorer.h"

#include <functional>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/policy/account_metrics.h"

namespace debrief::policy {
namespace {

using ::testing::HasSubstr;

const absl::Time kT0 = absl::FromUnixSeconds(1'790'000'000);
constexpr absl::Duration kDay = absl::Hours(24);

config::AccountsOptions WithoutDecay() {
  config::AccountsOptions options;
  options.relationship.half_life = absl::ZeroDuration();
  return options;
}

core::AccountClose Close(std::string ticket_id, absl::Time at) {
  core::AccountClose close;
  close.ticket_id = std::move(ticket_id);
  close.decision_id = "dcl_" + close.ticket_id;
  close.closed_at = at;
  return close;
}

const core::ScoreReason* FindReason(const std::vector<core::ScoreReason>& reasons,
                                    const std::string& signal) {
  for (const core::ScoreReason& reason : reasons) {
    if (reason.signal == signal) return &reason;
  }
  return nullptr;
}

struct SignalCase {
  std::string name;
  std::function<void(core::AccountClose&)> set;
  int risk;
  int expansion;
  // The reason expected on the moved score ("" = no reason at all).
  std::string signal;
};

TEST(RelationshipScorerTest, EachSignalAddsItsConfiguredPoints) {
  using Mention = core::AccountClose::Mention;
  const SignalCase cases[] = {
      {"nothing", [](core::AccountClose&) {}, 0, 0, ""},
      {"cancel", [](auto& c) { c.signals = {{"churn.cancel", 1.0}}; }, 40, 0, "churn.cancel"},
      {"cancel at half weight", [](auto& c) { c.signals = {{"churn.cancel", 0.5}}; }, 20, 0,
       "churn.cancel"},
      {"unlisted churn kind uses churn.*", [](auto& c) { c.signals = {{"churn.budget_cut", 1}}; },
       15, 0, "churn.budget_cut"},
      {"not renewing", [](auto& c) { c.signals = {{"churn.not_renewing", 1}}; }, 40, 0,
       "churn.not_renewing"},
      {"seats", [](auto& c) { c.signals = {{"expansion.seats", 1}}; }, 0, 30, "expansion.seats"},
      {"unlisted expansion kind uses expansion.*",
       [](auto& c) { c.signals = {{"expansion.new_region", 1}}; }, 0, 15, "expansion.new_region"},
      {"switching", [](auto& c) { c.competitor_mentions = {Mention{"Initech", core::CompetitorContext::kSwitching}}; },
       30, 0, "competitor.switching"},
      {"switching twice to one competitor counts once",
       [](auto& c) {
         c.competitor_mentions = {Mention{"Initech", core::CompetitorContext::kSwitching},
                                  Mention{"Initech", core::CompetitorContext::kSwitching}};
       },
       30, 0, "competitor.switching"},
      {"comparing", [](auto& c) { c.competitor_mentions = {Mention{"Initech", core::CompetitorContext::kComparing}}; },
       10, 0, "competitor.comparing"},
      {"a neutral mention moves nothing",
       [](auto& c) { c.competitor_mentions = {Mention{"Initech", core::CompetitorContext::kMention}}; },
       0, 0, ""},
      {"negative end", [](auto& c) { c.sentiment_end = -0.6; c.sentiment_delta = 0.0; }, 10, 0,
       "sentiment.negative"},
      {"end just above the threshold", [](auto& c) { c.sentiment_end = -0.29; c.sentiment_delta = 0.0; },
       0, 0, ""},
      {"confidence drop", [](auto& c) { c.sentiment_end = 0.0; c.sentiment_delta = -0.5; }, 8, 0,
       "confidence.drop"},
      {"happy end lowers risk (clamped) and raises expansion",
       [](auto& c) { c.sentiment_end = 0.6; c.sentiment_delta = 0.2; }, 0, 5, "sentiment.positive"},
      {"low satisfaction", [](auto& c) { c.satisfaction = 0.2; }, 10, 0, "satisfaction.low"},
      {"feature requests count up to three", [](auto& c) { c.feature_requests = 5; }, 0, 15,
       "feature_request"},
  };
  const RelationshipScorer scorer(WithoutDecay());
  for (const SignalCase& test : cases) {
    SCOPED_TRACE(test.name);
    core::AccountClose close = Close("T-1", kT0);
    test.set(close);
    const RelationshipScores scores = scorer.Score({close}, kT0);
    EXPECT_EQ(scores.renewal_risk, test.risk);
    EXPECT_EQ(scores.expansion_score, test.expansion);
    if (test.signal.empty()) {
      EXPECT_TRUE(scores.risk_reasons.empty());
      EXPECT_TRUE(scores.expansion_reasons.empty());
      continue;
    }
    const core::ScoreReason* reason = FindReason(
        test.expansion > 0 ? scores.expansion_reasons : scores.risk_reasons, test.signal);
    ASSERT_NE(reason, nullptr);
    EXPECT_EQ(reason->ticket_id, "T-1");
    EXPECT_FALSE(reason->text.empty());
  }
}

TEST(RelationshipScorerTest, PointsHalveWithEachHalfLifeAndExpireWithTheWindow) {
  const RelationshipScorer scorer{config::AccountsOptions()};  // half-life 30d, window 90d
  core::AccountClose close = Close("T-1", kT0);
  close.signals = {{"churn.cancel", 1.0}};
  EXPECT_EQ(scorer.Score({close}, kT0).renewal_risk, 40);
  EXPECT_EQ(scorer.Score({close}, kT0 + 30 * kDay).renewal_risk, 20);
  EXPECT_EQ(scorer.Score({close}, kT0 + 60 * kDay).renewal_risk, 10);
  EXPECT_EQ(scorer.Score({close}, kT0 + 90 * kDay).renewal_risk, 0);
  // A close after the scoring instant does not count yet.
  EXPECT_EQ(scorer.Score({close}, kT0 - absl::Seconds(1)).renewal_risk, 0);
}

TEST(RelationshipScorerTest, ScoresAreClampedToOneHundred) {
  const RelationshipScorer scorer(WithoutDecay());
  std::vector<core::AccountClose> closes;
  for (int i = 0; i < 3; ++i) {
    closes.push_back(Close("T-" + std::to_string(i), kT0 + absl::Hours(i)));
    closes.back().signals = {{"churn.cancel", 1.0}};
  }
  const RelationshipScores scores = scorer.Score(closes, kT0 + absl::Hours(3));
  EXPECT_EQ(scores.renewal_risk, 100);
  ASSERT_EQ(scores.risk_reasons.size(), 3u);
  EXPECT_EQ(scores.risk_reasons[0].ticket_id, "T-2") << "most recent first";
  EXPECT_EQ(scores.risk_reasons[2].ticket_id, "T-0");
}

TEST(RelationshipScorerTest, RepeatContactNeedsTheSameIssueWithinTheRepeatWindow) {
  struct Case {
    std::string name;
    absl::Duration gap;
    std::vector<std::string> first_errors, second_errors;
    std::string first_cause, second_cause;
    bool repeat;
  };
  const Case cases[] = {
      {"same error 10 days later", 10 * kDay, {"fp-a"}, {"fp-a"}, "", "", true},
      {"same error 20 days later", 20 * kDay, {"fp-a"}, {"fp-a"}, "", "", false},
      {"different errors", 2 * kDay, {"fp-a"}, {"fp-b"}, "", "", false},
      {"same root cause", 2 * kDay, {}, {}, "product-defect", "product-defect", true},
      {"both without a cause", 2 * kDay, {}, {}, "", "", false},
  };
  const RelationshipScorer scorer(WithoutDecay());
  for (const Case& test : cases) {
    SCOPED_TRACE(test.name);
    core::AccountClose first = Close("T-1", kT0);
    first.error_fingerprints = test.first_errors;
    first.root_cause = test.first_cause;
    core::AccountClose second = Close("T-2", kT0 + test.gap);
    second.error_fingerprints = test.second_errors;
    second.root_cause = test.second_cause;
    const std::vector<core::AccountClose> closes = {first, second};
    EXPECT_EQ(IsRepeatContact(closes, 1, absl::Hours(24 * 14)), test.repeat);
    const core::Relationship relationship = scorer.Relate({first}, second, second.closed_at);
    EXPECT_EQ(relationship.renewal_risk_delta, test.repeat ? 10 : 0);
    EXPECT_EQ(relationship.repeat_contacts, test.repeat ? 1 : 0);
    if (test.repeat) {
      const core::ScoreReason* reason = FindReason(relationship.risk_reasons, "repeat_contact");
      ASSERT_NE(reason, nullptr);
      EXPECT_EQ(reason->ticket_id, "T-2");
      EXPECT_THAT(reason->text, HasSubstr("ticket T-1"));
    }
  }
}

TEST(RelationshipScorerTest, RelateReportsOnlyTheChangeThisCloseCaused) {
  const RelationshipScorer scorer{config::AccountsOptions()};
  core::AccountClose old_cancel = Close("T-1", kT0);
  old_cancel.signals = {{"churn.cancel", 1.0}};
  core::AccountClose switching = Close("T-2", kT0 + 30 * kDay);
  switching.competitor_mentions = {{"Initech", core::CompetitorContext::kSwitching}};

  const core::Relationship relationship =
      scorer.Relate({old_cancel}, switching, switching.closed_at);
  // The cancel has decayed from 40 to 20; that decay is not this close's doing.
  EXPECT_EQ(relationship.renewal_risk, 50);
  EXPECT_EQ(relationship.renewal_risk_delta, 30);
  EXPECT_EQ(relationship.expansion_delta, 0);
  ASSERT_EQ(relationship.reasons.size(), 1u);
  EXPECT_THAT(relationship.reasons[0], HasSubstr("renewal risk +30"));
  EXPECT_THAT(relationship.reasons[0], HasSubstr("switching to Initech"));
  ASSERT_EQ(relationship.risk_reasons.size(), 2u);
  EXPECT_EQ(relationship.risk_reasons[0].ticket_id, "T-2");
  EXPECT_EQ(relationship.risk_reasons[0].points, 30);
  EXPECT_EQ(relationship.risk_reasons[1].ticket_id, "T-1");
  EXPECT_EQ(relationship.risk_reasons[1].points, 20);
}

TEST(AccountMetricsTest, WindowCountsOnlyItsOwnCloses) {
  std::vector<core::AccountClose> closes;
  closes.push_back(Close("T-1", kT0 - 40 * kDay));
  closes.back().signals = {{"churn.cancel", 1}};
  closes.push_back(Close("T-2", kT0 - 5 * kDay));
  closes.back().sentiment_end = -0.5;
  closes.back().sentiment_delta = -0.4;
  closes.back().escalation = core::EscalationLevel::kEscalate;
  closes.back().error_fingerprints = {"fp-a"};
  closes.push_back(Close("T-2", kT0 - 2 * kDay));  // reopened and closed again
  closes.back().sentiment_end = 0.5;
  closes.back().sentiment_delta = 0.1;
  closes.back().error_fingerprints = {"fp-a"};
  closes.back().feature_requests = 2;
  closes.back().signals = {{"expansion.seats", 1}};
  closes.back().competitor_mentions = {{"Initech", core::CompetitorContext::kComparing}};

  const core::AccountWindowMetrics week =
      ComputeWindowMetrics(closes, kT0, 7 * kDay, 14 * kDay);
  EXPECT_EQ(week.tickets, 1);
  EXPECT_EQ(week.repeat_contacts, 1);
  EXPECT_DOUBLE_EQ(week.sentiment_mean, 0.0);
  EXPECT_NEAR(week.confidence_change, -0.3, 1e-9);
  EXPECT_EQ(week.open_escalations, 1);
  EXPECT_EQ(week.competitor_mentions, 1);
  EXPECT_EQ(week.feature_requests, 2);
  EXPECT_EQ(week.expansion_signals, 1);
  EXPECT_EQ(week.churn_signals, 0);

  const core::AccountWindowMetrics quarter =
      ComputeWindowMetrics(closes, kT0, 90 * kDay, 14 * kDay);
  EXPECT_EQ(quarter.tickets, 2);
  EXPECT_EQ(quarter.churn_signals, 1);
}

}  // namespace
}  // namespace debrief::policy
