// Account memory (`accounts:` section): the rolling windows account metrics and the
// account.* escalation facts are computed over, and the relationship scoring — how many
// points each signal adds to an account's renewal risk or expansion score.
//
//   accounts:
//     windows: [7d, 30d, 90d]
//     repeat_window: 14d
//     relationship:
//       renewal_risk:
//         - {signal: churn.cancel, points: 40}
#ifndef DEBRIEF_SERVER_CONFIG_ACCOUNTS_OPTIONS_H_
#define DEBRIEF_SERVER_CONFIG_ACCOUNTS_OPTIONS_H_

#include <string>
#include <vector>

#include "absl/time/time.h"

namespace debrief::config {

// Points one signal adds to a score at each close where it is found (before age decay;
// churn.* and expansion.* points are also multiplied by the signal's weight, 1 unless
// relationship_signals says otherwise).
struct SignalPoints {
  // Renewal risk: churn.<kind>, churn.* (any other churn signal), competitor.switching,
  // competitor.comparing, competitor.pricing, competitor.integration, competitor.mention,
  // sentiment.negative, sentiment.positive, confidence.drop, repeat_contact,
  // satisfaction.low. Expansion: expansion.<kind>, expansion.*, feature_request,
  // sentiment.positive.
  std::string signal;
  // -100..100; negative points lower the score.
  int points = 0;
};

// How closes turn into the renewal-risk and expansion scores (0..100 each). A score is
// the clamped sum of the points of the closes inside score_window, each decayed by age.
// Renewal-risk bands the defaults are tuned for: 0-29 low, 30-59 watch, 60+ at risk.
struct RelationshipOptions {
  // Closes older than this stop counting. Default 90d: a quarter, the horizon of a
  // renewal review.
  absl::Duration score_window = absl::Hours(24 * 90);
  // A close's points halve with each half_life of age, so last week's trouble weighs
  // more than last quarter's; 0 turns decay off. Default 30d.
  absl::Duration half_life = absl::Hours(24 * 30);
  // End sentiment at or below which sentiment.negative applies. Default -0.3.
  double negative_sentiment_at = -0.3;
  // End sentiment at or above which sentiment.positive applies. Default 0.4.
  double positive_sentiment_at = 0.4;
  // Sentiment change (end - start) at or below which confidence.drop applies. Default -0.3.
  double confidence_drop_at = -0.3;
  // Satisfaction score at or below which satisfaction.low applies. Default 0.4.
  double low_satisfaction_at = 0.4;
  // Renewal-risk points. Defaults and why:
  //   churn.cancel 40, churn.not_renewing 40 — stated intent to leave, the strongest
  //     evidence there is: alone it puts an account in the watch band, with any other
  //     signal at risk;
  //   churn.downgrade 20 — revenue at risk, but the customer stays;
  //   churn.refund 10 — often just a billing fix; weak alone;  churn.* 15 — any other;
  //   competitor.switching 30 — names a way out; comparing 10, pricing 10 — evaluation,
  //     not yet intent; integration 0, mention 0 — neutral;
  //   repeat_contact 10 — back about the same problem: the fix did not hold;
  //   sentiment.negative 10, satisfaction.low 10, confidence.drop 8 — unhappy today,
  //     individually weak, together a watch-band account;
  //   sentiment.positive -5 — a good ending relieves a little, never enough to hide a
  //     churn signal.
  std::vector<SignalPoints> renewal_risk = {
      {"churn.cancel", 40},         {"churn.not_renewing", 40},   {"churn.downgrade", 20},
      {"churn.refund", 10},         {"churn.*", 15},              {"competitor.switching", 30},
      {"competitor.comparing", 10}, {"competitor.pricing", 10},   {"repeat_contact", 10},
      {"sentiment.negative", 10},   {"satisfaction.low", 10},     {"confidence.drop", 8},
      {"sentiment.positive", -5},
  };
  // Expansion points. Defaults and why: expansion.upgrade 35, expansion.seats 30,
  // expansion.new_team 25 — the customer says they want to buy more, strongest first;
  // expansion.tier_feature 20 — asks for what a higher plan has; expansion.* 15;
  // feature_request 5, sentiment.positive 5 — an engaged, happy customer.
  std::vector<SignalPoints> expansion = {
      {"expansion.upgrade", 35},          {"expansion.seats", 30}, {"expansion.new_team", 25},
      {"expansion.tier_feature", 20}, {"expansion.*", 15},    {"feature_request", 5},
      {"sentiment.positive", 5},
  };
};

struct AccountsOptions {
  // Windows GetAccountHealth reports rolling metrics over, each ending now. 1 to 8
  // windows of 1h to 730d. Default [7d, 30d, 90d].
  std::vector<absl::Duration> windows = {absl::Hours(24 * 7), absl::Hours(24 * 30),
                                         absl::Hours(24 * 90)};
  // Window of the account.* escalation facts (tickets, sentiment mean and trend,
  // confidence change, open escalations, competitor mentions, signals). Default 30d.
  absl::Duration trend_window = absl::Hours(24 * 30);
  // Two closes of an account about the same root cause or error fingerprint within this
  // window make the later one a repeat contact. Default 14d.
  absl::Duration repeat_window = absl::Hours(24 * 14);
  // errors.accounts counts the accounts that reported an error fingerprint within this
  // window. Default 24h.
  absl::Duration error_spread_window = absl::Hours(24);
  RelationshipOptions relationship;
};

}  // namespace debrief::config

#endif  // DEBRIEF_SERVER_CONFIG_ACCOUNTS_OPTIONS_H_
