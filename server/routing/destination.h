// The one shape every destination has (server/routing/destinations/<kind>/): it delivers
// one insight and says how it went, in terms the dispatcher's retry policy understands.
// Destinations never retry, sleep or touch the outbox themselves.
#ifndef DEBRIEF_SERVER_ROUTING_DESTINATION_H_
#define DEBRIEF_SERVER_ROUTING_DESTINATION_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "server/core/insight.h"

namespace debrief::routing {

// How one delivery attempt went.
struct DeliveryResult {
  enum class Outcome {
    // Accepted (2xx, published, appended).
    kDelivered,
    // Failed for now (429, 5xx, 408, 3xx, timeout, connection refused): retried later.
    kRetry,
    // Refused for good (4xx other than 408/410/429): dead-lettered at once.
    kReject,
    // 410 Gone: the destination asked never to be called again; it is disabled.
    kGone,
  };
  Outcome outcome = Outcome::kRetry;
  // The HTTP status, when there was one.
  int http_status = 0;
  // The receiver's Retry-After, when it sent one.
  std::optional<absl::Duration> retry_after;
  // What went wrong: status and a short excerpt of the answer, or the transport error.
  // Never holds a secret.
  std::string error;
};

// The result for an HTTP answer `status` with `retry_after` and `body` (its first bytes
// go into `error`).
DeliveryResult ResultOfHttpStatus(int status, std::optional<absl::Duration> retry_after,
                                  absl::string_view body);

// The JSON of `insight` (with the route's extra fields) every destination sends as the
// insight itself: {insight_id, kind, audience, account_id, ticket_id, decision_id,
// created_at, body, extra}.
std::string InsightJson(const core::Insight& insight, const core::Delivery& delivery);

// Implementations are thread-safe: the dispatcher calls Deliver from up to `concurrency`
// threads at once, never twice at once for insights of one account.
class Destination {
 public:
  virtual ~Destination() = default;
  // Delivers `insight` (with the route's `delivery.extra_json`). `attempt` counts from 1.
  virtual DeliveryResult Deliver(const core::Insight& insight, const core::Delivery& delivery,
                                 int attempt) = 0;
};

}  // namespace debrief::routing

#endif  // DEBRIEF_SERVER_ROUTING_DESTINATION_H_
