#include "server/policy/relationship_scorer.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "server/policy/account_metrics.h"

namespace debrief::policy {
namespace {

// Reasons listed per score; the score itself sums every contribution.
constexpr size_t kMaxReasons = 100;

absl::Duration Lookback(const config::AccountsOptions& options) {
  absl::Duration longest = std::max(options.relationship.score_window, 2 * options.trend_window);
  for (const absl::Duration window : options.windows) longest = std::max(longest, window);
  return longest + options.repeat_window;
}

std::string CompetitorText(const core::AccountClose::Mention& mention) {
  switch (mention.context) {
    case core::CompetitorContext::kSwitching:
      return absl::StrCat("talked about switching to ", mention.competitor);
    case core::CompetitorContext::kComparing:
      return absl::StrCat("compared us with ", mention.competitor);
    case core::CompetitorContext::kPricing:
      return absl::StrCat("compared our pricing with ", mention.competitor);
    case core::CompetitorContext::kIntegration:
      return absl::StrCat("asked about integrating with ", mention.competitor);
    default:
      return absl::StrCat("mentioned ", mention.competitor);
  }
}

// What an earlier close shares with `close`, for the repeat-contact reason.
std::string SharedIssue(const core::AccountClose& close, const core::AccountClose& earlier) {
  for (const std::string& fingerprint : close.error_fingerprints) {
    if (std::find(earlier.error_fingerprints.begin(), earlier.error_fingerprints.end(),
                  fingerprint) != earlier.error_fingerprints.end()) {
      return absl::StrCat("error ", fingerprint);
    }
  }
  return absl::StrCat("root cause ", close.root_cause);
}

}  // namespace

RelationshipScorer::RelationshipScorer(const config::AccountsOptions& options)
    : options_(options), lookback_(Lookback(options)) {}

int RelationshipScorer::PointsOf(const std::vector<config::SignalPoints>& table,
                                 const std::string& signal) {
  for (const config::SignalPoints& entry : table) {
    if (entry.signal == signal) return entry.points;
  }
  for (const absl::string_view family : {"churn.", "expansion."}) {
    if (!absl::StartsWith(signal, family)) continue;
    const std::string wildcard = absl::StrCat(family, "*");
    for (const config::SignalPoints& entry : table) {
      if (entry.signal == wildcard) return entry.points;
    }
  }
  return 0;
}

std::vector<RelationshipScorer::Contribution> RelationshipScorer::Contributions(
    const std::vector<core::AccountClose>& closes, size_t index, absl::Time as_of) const {
  const config::RelationshipOptions& options = options_.relationship;
  const core::AccountClose& close = closes[index];
  const absl::Duration age = as_of - close.closed_at;
  if (age < absl::ZeroDuration() || age >= options.score_window) return {};
  const double decay =
      options.half_life > absl::ZeroDuration() ? std::exp2(-absl::FDivDuration(age, options.half_life)) : 1.0;
  std::vector<Contribution> out;
  auto add = [&](bool risk, const std::string& signal, double points, std::string text) {
    const int decayed = static_cast<int>(std::lround(points * decay));
    if (decayed == 0) return;
    out.push_back({risk, {close.ticket_id, signal, decayed, std::move(text)}});
  };
  const auto& risk = options.renewal_risk;
  const auto& expansion = options.expansion;

  for (const core::AccountClose::SignalWeight& signal : close.signals) {
    const std::string text = absl::StrFormat("%s signal (weight %.2f)", signal.kind, signal.weight);
    if (absl::StartsWith(signal.kind, "churn.")) {
      add(true, signal.kind, PointsOf(risk, signal.kind) * signal.weight, text);
    } else if (absl::StartsWith(signal.kind, "expansion.")) {
      add(false, signal.kind, PointsOf(expansion, signal.kind) * signal.weight, text);
    }
  }
  std::set<std::pair<std::string, core::CompetitorContext>> mentioned;
  for (const core::AccountClose::Mention& mention : close.competitor_mentions) {
    if (!mentioned.insert({mention.competitor, mention.context}).second) continue;
    const std::string signal =
        absl::StrCat("competitor.", core::CompetitorContextName(mention.context));
    add(true, signal, PointsOf(risk, signal), CompetitorText(mention));
  }
  if (close.sentiment_end.has_value()) {
    const double end = *close.sentiment_end;
    if (end <= options.negative_sentiment_at) {
      add(true, "sentiment.negative", PointsOf(risk, "sentiment.negative"),
          absl::StrFormat("ended the conversation unhappy (sentiment %.2f)", end));
    }
    if (end >= options.positive_sentiment_at) {
      const std::string text = absl::StrFormat("ended the conversation happy (sentiment %.2f)", end);
      add(true, "sentiment.positive", PointsOf(risk, "sentiment.positive"), text);
      add(false, "sentiment.positive", PointsOf(expansion, "sentiment.positive"), text);
    }
  }
  if (close.sentiment_delta.has_value() && *close.sentiment_delta <= options.confidence_drop_at) {
    add(true, "confidence.drop", PointsOf(risk, "confidence.drop"),
        absl::StrFormat("confidence dropped during the conversation (change %.2f)",
                        *close.sentiment_delta));
  }
  if (close.satisfaction.has_value() && *close.satisfaction <= options.low_satisfaction_at) {
    add(true, "satisfaction.low", PointsOf(risk, "satisfaction.low"),
        absl::StrFormat("rated support %.2f", *close.satisfaction));
  }
  for (size_t j = index; j-- > 0;) {
    if (close.closed_at - closes[j].closed_at > options_.repeat_window) break;
    if (!SameIssue(close, closes[j])) continue;
    add(true, "repeat_contact", PointsOf(risk, "repeat_contact"),
        absl::StrCat("came back about ", SharedIssue(close, closes[j]), " (ticket ",
                     closes[j].ticket_id, ") within ", absl::FormatDuration(options_.repeat_window)));
    break;
  }
  if (close.feature_requests > 0) {
    const int counted = std::min(close.feature_requests, 3);
    add(false, "feature_request", PointsOf(expansion, "feature_request") * counted,
        absl::StrCat("asked for ", close.feature_requests, " feature",
                     close.feature_requests == 1 ? "" : "s"));
  }
  return out;
}

RelationshipScores RelationshipScorer::Score(const std::vector<core::AccountClose>& closes,
                                             absl::Time as_of) const {
  RelationshipScores scores;
  int risk = 0;
  int expansion = 0;
  for (size_t i = closes.size(); i-- > 0;) {
    for (Contribution& contribution : Contributions(closes, i, as_of)) {
      if (contribution.risk) {
        risk += contribution.reason.points;
        if (scores.risk_reasons.size() < kMaxReasons) {
          scores.risk_reasons.push_back(std::move(contribution.reason));
        }
      } else {
        expansion += contribution.reason.points;
        if (scores.expansion_reasons.size() < kMaxReasons) {
          scores.expansion_reasons.push_back(std::move(contribution.reason));
        }
      }
    }
  }
  scores.renewal_risk = std::clamp(risk, 0, 100);
  scores.expansion_score = std::clamp(expansion, 0, 100);
  return scores;
}

core::Relationship RelationshipScorer::Relate(const std::vector<core::AccountClose>& history,
                                              const core::AccountClose& close,
                                              absl::Time as_of) const {
  std::vector<core::AccountClose> merged = history;
  const auto position = std::upper_bound(
      merged.begin(), merged.end(), close.closed_at,
      [](absl::Time at, const core::AccountClose& other) { return at < other.closed_at; });
  const size_t index = static_cast<size_t>(position - merged.begin());
  merged.insert(position, close);

  const RelationshipScores before = Score(history, as_of);
  RelationshipScores after = Score(merged, as_of);
  core::Relationship relationship;
  relationship.renewal_risk = after.renewal_risk;
  relationship.renewal_risk_delta = after.renewal_risk - before.renewal_risk;
  relationship.expansion_score = after.expansion_score;
  relationship.expansion_delta = after.expansion_score - before.expansion_score;
  relationship.risk_reasons = std::move(after.risk_reasons);
  relationship.expansion_reasons = std::move(after.expansion_reasons);
  for (const Contribution& contribution : Contributions(merged, index, as_of)) {
    relationship.reasons.push_back(absl::StrFormat(
        "%s %+d: %s", contribution.risk ? "renewal risk" : "expansion score",
        contribution.reason.points, contribution.reason.text));
  }
  relationship.repeat_contacts = SameIssueContacts(merged, index, options_.repeat_window) - 1;
  return relationship;
}

}  // namespace debrief::policy
