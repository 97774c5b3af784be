#include "server/routing/destination_factory.h"

#include "absl/strings/str_cat.h"
#include "server/common/status_macros.h"
#include "server/routing/destinations/jsonl/jsonl_destination.h"
#include "server/routing/destinations/webhook/webhook_destination.h"
#include "server/routing/http_transport.h"

namespace debrief::routing {

absl::StatusOr<std::unique_ptr<Destination>> CreateDestination(const config::DestinationOptions& options,
                                                               const common::Clock& clock) {
  if (options.kind == "jsonl") {
    DEBRIEF_ASSIGN_OR_RETURN(auto jsonl, JsonlDestination::Create(options));
    return std::unique_ptr<Destination>(std::move(jsonl));
  }
  CurlTransportOptions http_options;
  http_options.connect_timeout = options.connect_timeout;
  http_options.timeout = options.timeout;
  if (options.kind == "webhook") {
    DEBRIEF_ASSIGN_OR_RETURN(auto http, CurlTransport::Create(http_options));
    DEBRIEF_ASSIGN_OR_RETURN(auto webhook, WebhookDestination::Create(options, std::move(http), clock));
    return std::unique_ptr<Destination>(std::move(webhook));
  }
  return absl::UnimplementedError(absl::StrCat("destinations.", options.name, ".kind: \"", options.kind,
                                               "\" destinations are not available in this build"));
}

}  // namespace debrief::routing
