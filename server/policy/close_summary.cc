#include "server/policy/close_summary.h"

#include <algorithm>
#include <string>

namespace debrief::policy {

core::AccountClose SummarizeClose(const core::Ticket& ticket, const core::Debriefing& debriefing,
                                  absl::Time closed_at) {
  core::AccountClose close;
  close.ticket_id = ticket.ticket_id;
  close.decision_id = debriefing.decision_id;
  close.closed_at = closed_at;
  if (debriefing.root_cause.has_value()) close.root_cause = debriefing.root_cause->value;
  for (const core::ErrorSignature& error : debriefing.errors) {
    auto& fingerprints = close.error_fingerprints;
    if (!error.fingerprint.empty() &&
        std::find(fingerprints.begin(), fingerprints.end(), error.fingerprint) == fingerprints.end()) {
      fingerprints.push_back(error.fingerprint);
    }
  }
  if (!debriefing.sentiment.messages.empty()) {
    close.sentiment_end = debriefing.sentiment.end;
    close.sentiment_delta = debriefing.sentiment.delta;
  }
  if (ticket.satisfaction.has_value()) close.satisfaction = ticket.satisfaction->score;
  for (const core::CompetitorMention& mention : debriefing.competitors) {
    close.competitor_mentions.push_back({mention.competitor, mention.context});
  }
  close.feature_requests = static_cast<int>(
      std::count_if(debriefing.product_feedback.begin(), debriefing.product_feedback.end(),
                    [](const core::ProductFeedback& feedback) {
                      return feedback.kind == core::FeedbackKind::kFeatureRequest;
                    }));
  for (const core::Signal& signal : debriefing.relationship.signals) {
    close.signals.push_back({signal.kind, signal.weight});
  }
  return close;
}

}  // namespace debrief::policy
