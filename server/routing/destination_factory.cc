#include "server/routing/destination_factory.h"

#include "absl/strings/str_cat.h"
#include "server/common/status_macros.h"
#include "server/routing/destinations/hubspot/hubspot_destination.h"
#include "server/routing/destinations/jira/jira_destination.h"
#include "server/routing/destinations/jsonl/jsonl_destination.h"
#include "server/routing/destinations/nats/nats_destination.h"
#include "server/routing/destinations/salesforce/salesforce_destination.h"
#include "server/routing/destinations/slack/slack_destination.h"
#include "server/routing/destinations/webhook/webhook_destination.h"
#include "server/routing/http_transport.h"

namespace debrief::routing {

absl::StatusOr<std::unique_ptr<Destination>> CreateDestination(const config::DestinationOptions& options,
                                                               const common::Clock& clock,
                                                               storage::DestinationIssueStore* issues) {
  if (options.kind == "jsonl") {
    DEBRIEF_ASSIGN_OR_RETURN(auto jsonl, JsonlDestination::Create(options));
    return std::unique_ptr<Destination>(std::move(jsonl));
  }
  if (options.kind == "nats") {
    DEBRIEF_ASSIGN_OR_RETURN(auto nats, NatsDestination::Create(options));
    return std::unique_ptr<Destination>(std::move(nats));
  }
  CurlTransportOptions http_options;
  http_options.connect_timeout = options.connect_timeout;
  http_options.timeout = options.timeout;
  if (options.kind == "webhook") {
    DEBRIEF_ASSIGN_OR_RETURN(auto http, CurlTransport::Create(http_options));
    DEBRIEF_ASSIGN_OR_RETURN(auto webhook, WebhookDestination::Create(options, std::move(http), clock));
    return std::unique_ptr<Destination>(std::move(webhook));
  }
  if (options.kind == "slack") {
    DEBRIEF_ASSIGN_OR_RETURN(auto http, CurlTransport::Create(http_options));
    DEBRIEF_ASSIGN_OR_RETURN(auto slack, SlackDestination::Create(options, std::move(http), clock));
    return std::unique_ptr<Destination>(std::move(slack));
  }
  if (options.kind == "jira") {
    DEBRIEF_ASSIGN_OR_RETURN(auto http, CurlTransport::Create(http_options));
    DEBRIEF_ASSIGN_OR_RETURN(auto jira, JiraDestination::Create(options, std::move(http), issues, clock));
    return std::unique_ptr<Destination>(std::move(jira));
  }
  if (options.kind == "hubspot") {
    DEBRIEF_ASSIGN_OR_RETURN(auto http, CurlTransport::Create(http_options));
    DEBRIEF_ASSIGN_OR_RETURN(auto hubspot, HubSpotDestination::Create(options, std::move(http), clock));
    return std::unique_ptr<Destination>(std::move(hubspot));
  }
  if (options.kind == "salesforce") {
    DEBRIEF_ASSIGN_OR_RETURN(auto http, CurlTransport::Create(http_options));
    DEBRIEF_ASSIGN_OR_RETURN(auto salesforce, SalesforceDestination::Create(options, std::move(http), clock));
    return std::unique_ptr<Destination>(std::move(salesforce));
  }
  return absl::InvalidArgumentError(
      absl::StrCat("destinations.", options.name, ".kind: unknown destination kind \"", options.kind, "\""));
}

}  // namespace debrief::routing
