// The `nats` destination: publishes each insight's JSON (InsightJson) to `subject` on the
// NATS server at `url` through JetStream, with the header Nats-Msg-Id set to the insight
// id, and waits for the stream's PubAck (up to `timeout`). JetStream drops a message
// whose id it saw within the stream's duplicate window, so a re-send after a crash or a
// dead-letter replay is stored once (the PubAck then says Duplicate: still delivered).
//
// Outcomes: PubAck → kDelivered. No stream captures the subject (no responders / stream
// not found) → kRetry, with an error saying so: a missing stream is a receiver-side
// setup step, and retrying (by the retry schedule, until the horizon) lets the insights
// flow as soon as the stream is created, where dead-lettering would need a manual replay.
// Timeout, connection lost or reconnecting → kRetry. A JetStream refusal of this message
// itself (larger than the stream's max_msg_size) → kReject.
//
// One connection per destination; the client library reconnects by itself (forever, 1s
// apart), and a server down at start-up is connected to in the background. `secret`,
// when set, is the connection's auth token.
#ifndef DEBRIEF_SERVER_ROUTING_DESTINATIONS_NATS_NATS_DESTINATION_H_
#define DEBRIEF_SERVER_ROUTING_DESTINATIONS_NATS_NATS_DESTINATION_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "server/config/routing_options.h"
#include "server/routing/destination.h"

// From <nats/nats.h>, kept out of this header.
typedef struct __natsConnection natsConnection;
typedef struct __jsCtx jsCtx;

namespace debrief::routing {

// Thread-safe (the NATS connection and JetStream context are).
class NatsDestination final : public Destination {
 public:
  // Connects (or starts connecting) to `options.url`. INVALID_ARGUMENT naming the key for
  // a bad url or subject, NOT_FOUND for a missing secret, UNAVAILABLE when the client
  // cannot be set up.
  static absl::StatusOr<std::unique_ptr<NatsDestination>> Create(const config::DestinationOptions& options);
  ~NatsDestination() override;
  NatsDestination(const NatsDestination&) = delete;
  NatsDestination& operator=(const NatsDestination&) = delete;

  DeliveryResult Deliver(const core::Insight& insight, const core::Delivery& delivery, int attempt) override;

 private:
  NatsDestination(std::string subject, absl::Duration timeout, natsConnection* connection, jsCtx* js);

  const std::string subject_;
  const absl::Duration timeout_;
  natsConnection* const connection_;
  jsCtx* const js_;
};

}  // namespace debrief::routing

#endif  // DEBRIEF_SERVER_ROUTING_DESTINATIONS_NATS_NATS_DESTINATION_H_
