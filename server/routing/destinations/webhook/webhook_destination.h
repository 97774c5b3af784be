// The generic webhook destination, the default for CRM and CS platforms: POSTs each
// insight as a Standard Webhooks message — body {"type", "timestamp", "data"}, headers
// webhook-id (the insight id, the receiver's dedupe key), webhook-timestamp and
// webhook-signature (one v1 signature per configured secret).
#ifndef DEBRIEF_SERVER_ROUTING_DESTINATIONS_WEBHOOK_WEBHOOK_DESTINATION_H_
#define DEBRIEF_SERVER_ROUTING_DESTINATIONS_WEBHOOK_WEBHOOK_DESTINATION_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/common/clock.h"
#include "server/config/routing_options.h"
#include "server/routing/destination.h"
#include "server/routing/http_transport.h"

namespace debrief::routing {

// Thread-safe.
class WebhookDestination final : public Destination {
 public:
  // Resolves and decodes the signing secrets. NOT_FOUND naming the env var or file when
  // one is missing; INVALID_ARGUMENT when one is not a whsec_ secret.
  static absl::StatusOr<std::unique_ptr<WebhookDestination>> Create(
      const config::DestinationOptions& options, std::unique_ptr<HttpTransport> http,
      const common::Clock& clock);

  DeliveryResult Deliver(const core::Insight& insight, const core::Delivery& delivery,
                         int attempt) override;

 private:
  WebhookDestination(std::string url, std::vector<std::string> keys, std::unique_ptr<HttpTransport> http,
                     const common::Clock& clock)
      : url_(std::move(url)), keys_(std::move(keys)), http_(std::move(http)), clock_(clock) {}

  const std::string url_;
  const std::vector<std::string> keys_;
  const std::unique_ptr<HttpTransport> http_;
  const common::Clock& clock_;
};

}  // namespace debrief::routing

#endif  // DEBRIEF_SERVER_ROUTING_DESTINATIONS_WEBHOOK_WEBHOOK_DESTINATION_H_
