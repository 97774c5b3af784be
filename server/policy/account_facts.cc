#include "server/policy/account_facts.h"

#include <algorithm>
#include <set>

#include "server/policy/account_metrics.h"

namespace debrief::policy {
namespace {

// Evidence of the error signatures of `debriefing` whose fingerprint is in `fingerprints`.
std::vector<core::Evidence> ErrorEvidence(const core::Debriefing& debriefing,
                                          const std::set<std::string>& fingerprints) {
  std::vector<core::Evidence> evidence;
  for (const core::ErrorSignature& error : debriefing.errors) {
    if (fingerprints.count(error.fingerprint) > 0) evidence.push_back(error.evidence);
  }
  return evidence;
}

}  // namespace

void AddAccountFacts(const AccountContext& context, const config::AccountsOptions& options,
                     const core::Debriefing& debriefing, Facts& facts) {
  std::vector<core::AccountClose> closes = context.history;
  const auto position = std::upper_bound(
      closes.begin(), closes.end(), context.close.closed_at,
      [](absl::Time at, const core::AccountClose& other) { return at < other.closed_at; });
  const size_t index = static_cast<size_t>(position - closes.begin());
  closes.insert(position, context.close);
  const absl::Time as_of = context.close.closed_at;

  const core::AccountWindowMetrics window =
      ComputeWindowMetrics(closes, as_of, options.trend_window, options.repeat_window);
  facts.SetNumber("account.tickets", window.tickets);
  facts.SetNumber("account.tickets_total", static_cast<double>(context.total_tickets));
  facts.SetNumber("account.repeat_contacts", window.repeat_contacts);
  facts.SetNumber("account.same_issue_contacts",
                  SameIssueContacts(closes, index, options.repeat_window));
  if (!context.close.error_fingerprints.empty()) {
    std::set<std::string> shared;
    for (size_t j = index; j-- > 0;) {
      if (as_of - closes[j].closed_at > options.repeat_window) break;
      for (const std::string& fingerprint : context.close.error_fingerprints) {
        const auto& theirs = closes[j].error_fingerprints;
        if (std::find(theirs.begin(), theirs.end(), fingerprint) != theirs.end()) {
          shared.insert(fingerprint);
        }
      }
    }
    facts.SetNumber("account.same_error_contacts",
                    SameIssueContacts(closes, index, options.repeat_window, /*errors_only=*/true),
                    ErrorEvidence(debriefing, shared));
  }
  const std::optional<double> mean = MeanEndSentiment(closes, as_of, options.trend_window);
  if (mean.has_value()) {
    facts.SetNumber("account.sentiment_mean", *mean);
    const std::optional<double> earlier =
        MeanEndSentiment(closes, as_of - options.trend_window, options.trend_window);
    if (earlier.has_value()) facts.SetNumber("account.sentiment_trend", *mean - *earlier);
  }
  facts.SetNumber("account.confidence_change", window.confidence_change);
  facts.SetNumber("account.open_escalations", window.open_escalations);
  facts.SetNumber("account.competitor_mentions", window.competitor_mentions);
  std::vector<std::string> competitors;
  int switching = 0;
  for (const core::AccountClose& close : closes) {
    if (close.closed_at <= as_of - options.trend_window || close.closed_at > as_of) continue;
    for (const core::AccountClose::Mention& mention : close.competitor_mentions) {
      if (std::find(competitors.begin(), competitors.end(), mention.competitor) ==
          competitors.end()) {
        competitors.push_back(mention.competitor);
      }
      if (mention.context == core::CompetitorContext::kSwitching) ++switching;
    }
  }
  facts.SetList("account.competitors", std::move(competitors));
  facts.SetNumber("account.switching_mentions", switching);
  facts.SetNumber("account.feature_requests", window.feature_requests);
  facts.SetNumber("account.expansion_signals", window.expansion_signals);
  facts.SetNumber("account.churn_signals", window.churn_signals);

  const core::Relationship& relationship = context.relationship;
  facts.SetNumber("account.renewal_risk", relationship.renewal_risk);
  facts.SetNumber("account.renewal_risk_delta", relationship.renewal_risk_delta);
  facts.SetNumber("account.expansion_score", relationship.expansion_score);
  facts.SetNumber("account.expansion_delta", relationship.expansion_delta);

  int widest = 0;
  std::set<std::string> widest_fingerprints;
  for (const std::string& fingerprint : context.close.error_fingerprints) {
    auto it = context.other_accounts_by_fingerprint.find(fingerprint);
    const int accounts = 1 + (it == context.other_accounts_by_fingerprint.end() ? 0 : it->second);
    if (accounts > widest) {
      widest = accounts;
      widest_fingerprints.clear();
    }
    if (accounts == widest) widest_fingerprints.insert(fingerprint);
  }
  if (widest > 0) {
    facts.SetNumber("errors.accounts", widest, ErrorEvidence(debriefing, widest_fingerprints));
  }
}

}  // namespace debrief::policy
