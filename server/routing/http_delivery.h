// One HTTP delivery attempt for the SaaS destinations (Slack, Jira, HubSpot, Salesforce):
// sends the request and classifies the answer per DeliveryResult's rules (a transport
// failure is retried), with every secret the request carries scrubbed from the error.
#ifndef DEBRIEF_SERVER_ROUTING_HTTP_DELIVERY_H_
#define DEBRIEF_SERVER_ROUTING_HTTP_DELIVERY_H_

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "server/routing/destination.h"
#include "server/routing/http_transport.h"

namespace debrief::routing {

// `text` with each non-empty string of `secrets` replaced by "[redacted]".
std::string Scrub(std::string text, const std::vector<std::string>& secrets);

// Sends `request` on `http`; Retry-After is read relative to `now`. When `response` is not
// null it receives the answer (status 0 when there was none).
DeliveryResult SendDelivery(HttpTransport& http, const HttpRequest& request, absl::Time now,
                            const std::vector<std::string>& secrets, HttpResponse* response = nullptr);

}  // namespace debrief::routing

#endif  // DEBRIEF_SERVER_ROUTING_HTTP_DELIVERY_H_
