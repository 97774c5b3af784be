// Account memory as the server's modules see it: the anonymous summary of each close
// that rolling metrics and relationship scores are computed from, the metrics of one
// window, the account's health and its timeline. The core mirror of
// debrief.v1 account.proto: storage keeps it, policy scores it, rpc reports it.
//
// Nothing here carries ticket text or personal data: an AccountClose holds labels,
// numbers, fingerprints and signal kinds only, so it survives ForgetCustomer.
#ifndef DEBRIEF_SERVER_CORE_ACCOUNT_H_
#define DEBRIEF_SERVER_CORE_ACCOUNT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "server/core/debriefing.h"
#include "server/core/ticket.h"

namespace debrief::core {

// One recorded close of an account, reduced to what account memory rolls over.
struct AccountClose {
  // A competitor mention without its quote.
  struct Mention {
    std::string competitor;
    CompetitorContext context = CompetitorContext::kUnspecified;
  };
  // An expansion or churn signal without its quote.
  struct SignalWeight {
    // "churn.cancel", "expansion.seats", ...
    std::string kind;
    // The signal's weight (1 unless configured otherwise).
    double weight = 0;
  };

  std::string ticket_id;
  std::string decision_id;
  // The ticket's close time (the time the record was made when the helpdesk sent none).
  absl::Time closed_at;
  // Root cause label, or "".
  std::string root_cause;
  std::vector<std::string> error_fingerprints;
  // Customer sentiment at the end and its change over the conversation, when measured.
  std::optional<double> sentiment_end;
  std::optional<double> sentiment_delta;
  // Satisfaction score 0..1, when rated.
  std::optional<double> satisfaction;
  std::vector<Mention> competitor_mentions;
  int feature_requests = 0;
  std::vector<SignalWeight> signals;
  // The escalation recommended at this close.
  EscalationLevel escalation = EscalationLevel::kNone;
};

// Rolling metrics of one account over one window ending at a point in time. Values
// match debrief.v1.AccountWindowMetrics.
struct AccountWindowMetrics {
  absl::Duration window;
  // Distinct tickets closed (a reopen-and-close counts its ticket once).
  int tickets = 0;
  // Closes that repeated an earlier close's root cause or error fingerprint within the
  // repeat window.
  int repeat_contacts = 0;
  // Mean end sentiment of the closes that measured it (0 when none did).
  double sentiment_mean = 0;
  // Sum of the closes' sentiment deltas: the confidence change over the window.
  double confidence_change = 0;
  // Closes whose recommended escalation was escalate or urgent. Debrief has no feed of
  // escalation outcomes, so an escalation counts as open while it is inside the window.
  int open_escalations = 0;
  int competitor_mentions = 0;
  int feature_requests = 0;
  int expansion_signals = 0;
  int churn_signals = 0;
};

// The health of one account. Values match debrief.v1.AccountHealth.
struct AccountHealth {
  // CRM and ticket fields as last received.
  Account account;
  // 0..100.
  int renewal_risk = 0;
  int expansion_score = 0;
  // What makes up each score, most recent first.
  std::vector<ScoreReason> risk_reasons;
  std::vector<ScoreReason> expansion_reasons;
  // One entry per configured window, shortest first.
  std::vector<AccountWindowMetrics> windows;
  absl::Time updated_at;
  int64_t total_tickets = 0;
};

// One event of an account's history. Values match debrief.v1.TimelineEntry.
struct TimelineEntry {
  absl::Time at;
  // "close", "escalation", "account_update" or "forgotten".
  std::string kind;
  std::string ticket_id;
  std::string decision_id;
  // One line built from labels and numbers only (never ticket text).
  std::string summary;
  int renewal_risk_delta = 0;
  int expansion_delta = 0;
};

}  // namespace debrief::core

#endif  // DEBRIEF_SERVER_CORE_ACCOUNT_H_
