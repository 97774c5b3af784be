#include "server/routing/destinations/webhook/webhook_destination.h"

#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"
#include "server/common/status_macros.h"
#include "server/config/secret.h"
#include "server/routing/destinations/webhook/standard_webhooks.h"

namespace debrief::routing {

absl::StatusOr<std::unique_ptr<WebhookDestination>> WebhookDestination::Create(
    const config::DestinationOptions& options, std::unique_ptr<HttpTransport> http,
    const common::Clock& clock) {
  std::vector<std::string> keys;
  for (size_t i = 0; i < options.secrets.size(); ++i) {
    DEBRIEF_ASSIGN_OR_RETURN(std::string secret, config::ResolveSecret(options.secrets[i]));
    absl::StatusOr<std::string> key = DecodeSigningSecret(secret);
    if (!key.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("destinations.", options.name, ".secrets[", i,
                                                     "] (", options.secrets[i].Describe(),
                                                     "): ", key.status().message()));
    }
    keys.push_back(*std::move(key));
  }
  if (keys.empty()) {
    return absl::InvalidArgumentError(absl::StrCat("destinations.", options.name, ".secrets: required"));
  }
  return std::unique_ptr<WebhookDestination>(
      new WebhookDestination(options.url, std::move(keys), std::move(http), clock));
}

DeliveryResult WebhookDestination::Deliver(const core::Insight& insight, const core::Delivery& delivery,
                                           int /*attempt*/) {
  const absl::Time now = clock_.Now();
  const int64_t timestamp = absl::ToUnixSeconds(now);
  const std::string body = absl::StrCat(
      R"({"type":)", nlohmann::json(insight.kind).dump(), R"(,"timestamp":)",
      nlohmann::json(absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", now, absl::UTCTimeZone())).dump(),
      R"(,"data":)", InsightJson(insight, delivery), "}");
  HttpRequest request;
  request.url = url_;
  request.body = body;
  request.headers = {{"Content-Type", "application/json"},
                     {"webhook-id", insight.insight_id},
                     {"webhook-timestamp", absl::StrCat(timestamp)},
                     {"webhook-signature", StandardWebhookSignature(keys_, insight.insight_id, timestamp, body)}};
  absl::StatusOr<HttpResponse> response = http_->Send(request);
  if (!response.ok()) {
    DeliveryResult result;
    result.outcome = DeliveryResult::Outcome::kRetry;
    result.error = std::string(response.status().message());
    return result;
  }
  return ResultOfHttpStatus(response->status, ParseRetryAfter(response->headers, now), response->body);
}

}  // namespace debrief::routing
