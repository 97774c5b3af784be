#include "server/routing/routing_components.h"

#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "server/common/status_macros.h"
#include "server/routing/destination_factory.h"

namespace debrief::routing {
namespace {

// `options` without the disabled destinations and the routes to them.
config::RoutingOptions Enabled(const config::RoutingOptions& options) {
  config::RoutingOptions enabled;
  std::set<std::string> names;
  for (const config::DestinationOptions& d : options.destinations) {
    if (!d.enabled) continue;
    enabled.destinations.push_back(d);
    names.insert(d.name);
  }
  for (const config::RouteOptions& r : options.routes) {
    if (names.count(r.destination) > 0) enabled.routes.push_back(r);
  }
  return enabled;
}

}  // namespace

absl::StatusOr<RoutingComponents> BuildRouting(const config::RoutingOptions& options,
                                               storage::OutboxStore& outbox,
                                               storage::DestinationIssueStore& issues, const common::Clock& clock,
                                               common::Random& random, common::MetricsRegistry& metrics,
                                               DispatcherOptions dispatcher_options) {
  const config::RoutingOptions enabled = Enabled(options);
  RoutingComponents out;
  DEBRIEF_ASSIGN_OR_RETURN(out.routes, RouteTable::Create(enabled));
  out.dispatcher = std::make_unique<Dispatcher>(outbox, clock, random, metrics, dispatcher_options);
  for (const config::DestinationOptions& d : enabled.destinations) {
    DEBRIEF_ASSIGN_OR_RETURN(std::unique_ptr<Destination> destination, CreateDestination(d, clock, &issues));
    DEBRIEF_RETURN_IF_ERROR(out.dispatcher->AddDestination(d, std::move(destination)));
  }
  return out;
}

absl::Status CheckRouting(const config::RoutingOptions& options, const common::Clock& clock) {
  const config::RoutingOptions enabled = Enabled(options);
  DEBRIEF_RETURN_IF_ERROR(RouteTable::Create(enabled).status());
  for (const config::DestinationOptions& d : enabled.destinations) {
    DEBRIEF_RETURN_IF_ERROR(CreateDestination(d, clock).status());
  }
  return absl::OkStatus();
}

}  // namespace debrief::routing
