// Everything routing builds from the `destinations:` and `routes:` sections: the route
// table the close pipeline plans insights with, and the dispatcher with one lane per
// enabled destination (secrets resolved). app/ owns the result and the dispatcher's
// threads. A destination with `enabled: false` is not built and routes to it are left
// out, so nothing queues for it.
//
//   DEBRIEF_ASSIGN_OR_RETURN(auto routing, BuildRouting(config.routing, outbox, clock, random, metrics));
//   ClosePipeline closer(..., routing.routes.get());
//   routing.dispatcher->Start();
#ifndef DEBRIEF_SERVER_ROUTING_ROUTING_COMPONENTS_H_
#define DEBRIEF_SERVER_ROUTING_ROUTING_COMPONENTS_H_

#include <memory>

#include "absl/status/statusor.h"
#include "server/common/clock.h"
#include "server/common/metrics.h"
#include "server/config/routing_options.h"
#include "server/routing/dispatcher.h"
#include "server/routing/route_table.h"
#include "server/storage/destination_issue_store.h"
#include "server/storage/outbox_store.h"

namespace debrief::routing {

struct RoutingComponents {
  std::unique_ptr<RouteTable> routes;
  // Not started.
  std::unique_ptr<Dispatcher> dispatcher;
};

// Builds the route table and the dispatcher's destinations. The first error names the
// key (a missing secret names its env var or file, never a value). `issues` is the jira
// destinations' issue map. Every reference must outlive the result.
absl::StatusOr<RoutingComponents> BuildRouting(const config::RoutingOptions& options,
                                               storage::OutboxStore& outbox,
                                               storage::DestinationIssueStore& issues, const common::Clock& clock,
                                               common::Random& random, common::MetricsRegistry& metrics,
                                               DispatcherOptions dispatcher_options = {});

// What BuildRouting checks, without keeping anything: for check-config and reload.
absl::Status CheckRouting(const config::RoutingOptions& options, const common::Clock& clock);

}  // namespace debrief::routing

#endif  // DEBRIEF_SERVER_ROUTING_ROUTING_COMPONENTS_H_
