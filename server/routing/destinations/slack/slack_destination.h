// The Slack destination: posts each insight as a Block Kit message (slack_message.h) to one
// incoming webhook, i.e. one channel; per-channel routing is one destination per webhook,
// chosen by routes. The webhook URL is the credential (`secret:`), never logged nor put in
// an error. Slack accepts about one message per second per webhook: the dispatcher paces
// the destination (max_per_second 1, concurrency 1, enforced by config). Slack's answers
// map onto DeliveryResult: 200 "ok" delivered; 429 retried after its Retry-After; 410
// (channel_is_archived) disables the destination; 404 (no_service) and other 4xx are
// dead-lettered.
#ifndef DEBRIEF_SERVER_ROUTING_DESTINATIONS_SLACK_SLACK_DESTINATION_H_
#define DEBRIEF_SERVER_ROUTING_DESTINATIONS_SLACK_SLACK_DESTINATION_H_

#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "server/common/clock.h"
#include "server/config/routing_options.h"
#include "server/routing/destination.h"
#include "server/routing/http_transport.h"
#include "server/routing/payload_template.h"

namespace debrief::routing {

// Thread-safe.
class SlackDestination final : public Destination {
 public:
  // Resolves the webhook URL and parses the template. NOT_FOUND naming the env var or file
  // when the secret is missing; INVALID_ARGUMENT naming the field when the secret is not an
  // http(s) URL (without printing it) or the template is invalid.
  static absl::StatusOr<std::unique_ptr<SlackDestination>> Create(const config::DestinationOptions& options,
                                                                   std::unique_ptr<HttpTransport> http,
                                                                   const common::Clock& clock);

  DeliveryResult Deliver(const core::Insight& insight, const core::Delivery& delivery,
                         int attempt) override;

 private:
  SlackDestination(std::string webhook_url, TemplateChoice section_template,
                   std::unique_ptr<HttpTransport> http, const common::Clock& clock)
      : webhook_url_(std::move(webhook_url)),
        section_template_(std::move(section_template)),
        http_(std::move(http)),
        clock_(clock) {}

  const std::string webhook_url_;
  const TemplateChoice section_template_;
  const std::unique_ptr<HttpTransport> http_;
  const common::Clock& clock_;
};

}  // namespace debrief::routing

#endif  // DEBRIEF_SERVER_ROUTING_DESTINATIONS_SLACK_SLACK_DESTINATION_H_
