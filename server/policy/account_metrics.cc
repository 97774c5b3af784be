#include "server/policy/account_metrics.h"

#include <algorithm>
#include <set>
#include <string>

#include "absl/strings/match.h"

namespace debrief::policy {
namespace {

bool InWindow(absl::Time at, absl::Time end, absl::Duration window) {
  return at > end - window && at <= end;
}

}  // namespace

bool SameIssue(const core::AccountClose& a, const core::AccountClose& b, bool errors_only) {
  if (!errors_only && !a.root_cause.empty() && a.root_cause == b.root_cause) return true;
  for (const std::string& fingerprint : a.error_fingerprints) {
    if (fingerprint.empty()) continue;
    if (std::find(b.error_fingerprints.begin(), b.error_fingerprints.end(), fingerprint) !=
        b.error_fingerprints.end()) {
      return true;
    }
  }
  return false;
}

bool IsRepeatContact(const std::vector<core::AccountClose>& closes, size_t index,
                     absl::Duration repeat_window) {
  const core::AccountClose& close = closes[index];
  for (size_t j = index; j-- > 0;) {
    if (close.closed_at - closes[j].closed_at > repeat_window) break;
    if (SameIssue(close, closes[j])) return true;
  }
  return false;
}

int SameIssueContacts(const std::vector<core::AccountClose>& closes, size_t index,
                      absl::Duration within, bool errors_only) {
  const core::AccountClose& close = closes[index];
  int contacts = 1;
  for (size_t j = index; j-- > 0;) {
    if (close.closed_at - closes[j].closed_at > within) break;
    if (SameIssue(close, closes[j], errors_only)) ++contacts;
  }
  return contacts;
}

core::AccountWindowMetrics ComputeWindowMetrics(const std::vector<core::AccountClose>& closes,
                                                absl::Time end, absl::Duration window,
                                                absl::Duration repeat_window) {
  core::AccountWindowMetrics metrics;
  metrics.window = window;
  std::set<std::string> tickets;
  int measured = 0;
  double sentiment_sum = 0;
  for (size_t i = 0; i < closes.size(); ++i) {
    const core::AccountClose& close = closes[i];
    if (!InWindow(close.closed_at, end, window)) continue;
    tickets.insert(close.ticket_id);
    if (IsRepeatContact(closes, i, repeat_window)) ++metrics.repeat_contacts;
    if (close.sentiment_end.has_value()) {
      ++measured;
      sentiment_sum += *close.sentiment_end;
    }
    metrics.confidence_change += close.sentiment_delta.value_or(0);
    if (close.escalation >= core::EscalationLevel::kEscalate) ++metrics.open_escalations;
    metrics.competitor_mentions += static_cast<int>(close.competitor_mentions.size());
    metrics.feature_requests += close.feature_requests;
    for (const core::AccountClose::SignalWeight& signal : close.signals) {
      if (absl::StartsWith(signal.kind, "expansion.")) ++metrics.expansion_signals;
      if (absl::StartsWith(signal.kind, "churn.")) ++metrics.churn_signals;
    }
  }
  metrics.tickets = static_cast<int>(tickets.size());
  metrics.sentiment_mean = measured > 0 ? sentiment_sum / measured : 0;
  return metrics;
}

std::optional<double> MeanEndSentiment(const std::vector<core::AccountClose>& closes,
                                       absl::Time end, absl::Duration window) {
  int measured = 0;
  double sum = 0;
  for (const core::AccountClose& close : closes) {
    if (!InWindow(close.closed_at, end, window) || !close.sentiment_end.has_value()) continue;
    ++measured;
    sum += *close.sentiment_end;
  }
  if (measured == 0) return std::nullopt;
  return sum / measured;
}

}  // namespace debrief::policy
