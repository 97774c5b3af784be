// The configured routes, compiled: which insights of a close go to which destinations.
// It is the core::InsightPlanner the close pipeline asks at close, so a close's
// deliveries commit with it. Immutable; rebuilt as a whole from config.
//
//   DEBRIEF_ASSIGN_OR_RETURN(auto routes, RouteTable::Create(config.routing));
//   core::PlannedInsights planned = routes->Plan(close_key, raw, prepared, debriefing);
#ifndef DEBRIEF_SERVER_ROUTING_ROUTE_TABLE_H_
#define DEBRIEF_SERVER_ROUTING_ROUTE_TABLE_H_

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/config/routing_options.h"
#include "server/core/insight.h"

namespace debrief::routing {

// Immutable; thread-safe.
class RouteTable final : public core::InsightPlanner {
 public:
  // INVALID_ARGUMENT naming the key when a route cannot be compiled.
  static absl::StatusOr<std::unique_ptr<RouteTable>> Create(const config::RoutingOptions& options);

  // Every insight of the close (routed or not: the feed carries them all), and one
  // delivery per insight and matching route's destination (a destination once per
  // insight, through its first matching route). Fills nothing on `debriefing`; the
  // pipeline copies the deliveries into Debriefing::routed.
  core::PlannedInsights Plan(absl::string_view close_key, const core::Ticket& ticket,
                             const core::Ticket& prepared,
                             const core::Debriefing& debriefing) const override;

 private:
  struct Route {
    std::string name;
    std::optional<core::Team> audience;
    std::set<std::string> kinds;
    std::optional<core::EscalationLevel> min_level;
    std::set<std::string> segments;
    int64_t min_arr_cents = 0;
    std::set<std::string> tags;
    std::set<std::string> competitors;  // lower-cased
    std::string destination;
    std::vector<std::string> extra_fields;
  };
  explicit RouteTable(std::vector<Route> routes) : routes_(std::move(routes)) {}

  std::vector<Route> routes_;
};

}  // namespace debrief::routing

#endif  // DEBRIEF_SERVER_ROUTING_ROUTE_TABLE_H_
