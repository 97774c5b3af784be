// Insights: the typed events Debrief routes to Success, Product and Sales systems (the
// core mirror of debrief.v1.Insight), the deliveries of one insight to configured
// destinations, and the InsightPlanner the close pipeline asks which insights a close
// produces and where they go. Insights and their deliveries commit with the close that
// produced them (storage::CloseRecord); later producers (digests, spike alerts) enqueue
// theirs through storage::OutboxStore::Enqueue, into the same outbox.
//
//   core::Insight insight{.insight_id = core::InsightId(close_key, "competitor_mentioned", "zendesk"), ...};
#ifndef DEBRIEF_SERVER_CORE_INSIGHT_H_
#define DEBRIEF_SERVER_CORE_INSIGHT_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "server/core/debriefing.h"
#include "server/core/ticket.h"

namespace debrief::core {

// Insight kinds produced at close.
inline constexpr absl::string_view kEscalationRecommended = "escalation_recommended";
inline constexpr absl::string_view kRenewalRiskChanged = "renewal_risk_changed";
inline constexpr absl::string_view kExpansionSignal = "expansion_signal";
inline constexpr absl::string_view kConfidenceChanged = "confidence_changed";
inline constexpr absl::string_view kCompetitorMentioned = "competitor_mentioned";
inline constexpr absl::string_view kFeatureRequested = "feature_requested";
inline constexpr absl::string_view kErrorReported = "error_reported";
// Kinds produced outside the close (digests, spike detection).
inline constexpr absl::string_view kDigestReady = "digest_ready";
inline constexpr absl::string_view kSpikeDetected = "spike_detected";

// True for the kinds above.
bool IsInsightKind(absl::string_view kind);
// Every kind above, in declaration order.
const std::vector<std::string>& InsightKinds();

// The deterministic id of the insight of `kind` that `origin` (a close key, a digest
// period, ...) produced about `subject` (a competitor, a fingerprint, ... or empty):
// "ins_" + 26 base32 characters. The same inputs give the same id across replays,
// restarts and replicas, so receivers can deduplicate on it.
std::string InsightId(absl::string_view origin, absl::string_view kind, absl::string_view subject);

// One insight. Value type.
struct Insight {
  std::string insight_id;
  std::string kind;
  Team audience = Team::kUnspecified;
  // The account concerned; empty when none.
  std::string account_id;
  // The ticket and decision that produced it; empty for digests and spikes.
  std::string ticket_id;
  std::string decision_id;
  absl::Time created_at;
  // The redacted body, a JSON object; its shape depends on `kind`.
  std::string body_json;
  // Position in the insight feed (assigned by the store; 0 before it is stored).
  int64_t sequence = 0;
};

// One insight to deliver to one destination.
struct Delivery {
  std::string insight_id;
  // A destination name from config.
  std::string destination;
  // The route that chose it, for logs and metrics.
  std::string route;
  // Extra fields the route allows beyond the redacted body, a JSON object ("{}" when none).
  std::string extra_json = "{}";
};

// What a close (or another producer) hands the outbox.
struct PlannedInsights {
  std::vector<Insight> insights;
  std::vector<Delivery> deliveries;
};

// Decides which insights a close produces and which destinations get each one.
// Implementations are immutable and thread-safe.
class InsightPlanner {
 public:
  virtual ~InsightPlanner() = default;
  // The insights of the close of `ticket` (its raw form: routes may allow a few raw
  // fields) and `prepared` (normalized, redacted), decided as `debriefing`. Pure: the
  // same arguments give the same insights and ids.
  virtual PlannedInsights Plan(absl::string_view close_key, const Ticket& ticket,
                               const Ticket& prepared, const Debriefing& debriefing) const = 0;
};

}  // namespace debrief::core

#endif  // DEBRIEF_SERVER_CORE_INSIGHT_H_
