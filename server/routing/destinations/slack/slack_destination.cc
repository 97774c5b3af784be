#include "server/routing/destinations/slack/slack_destination.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "server/common/status_macros.h"
#include "server/config/secret.h"
#include "server/routing/destinations/slack/slack_message.h"
#include "server/routing/http_delivery.h"

namespace debrief::routing {

absl::StatusOr<std::unique_ptr<SlackDestination>> SlackDestination::Create(
    const config::DestinationOptions& options, std::unique_ptr<HttpTransport> http, const common::Clock& clock) {
  const std::string path = absl::StrCat("destinations.", options.name);
  DEBRIEF_ASSIGN_OR_RETURN(std::string url, config::ResolveSecret(options.secret));
  if (!absl::StartsWith(url, "https://") && !absl::StartsWith(url, "http://")) {
    return absl::InvalidArgumentError(absl::StrCat(path, ".secret (", options.secret.Describe(),
                                                   "): must be the incoming-webhook URL (https://hooks.slack.com/...)"));
  }
  DEBRIEF_ASSIGN_OR_RETURN(TemplateChoice section_template, TemplateChoice::Parse(options));
  return std::unique_ptr<SlackDestination>(
      new SlackDestination(std::move(url), std::move(section_template), std::move(http), clock));
}

DeliveryResult SlackDestination::Deliver(const core::Insight& insight, const core::Delivery& delivery,
                                         int /*attempt*/) {
  HttpRequest request;
  request.url = webhook_url_;
  request.headers = {{"Content-Type", "application/json; charset=utf-8"}};
  request.body = SlackMessageJson(insight, delivery, section_template_.For(delivery));
  return SendDelivery(*http_, request, clock_.Now(), {webhook_url_});
}

}  // namespace debrief::routing
