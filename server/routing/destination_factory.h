// Builds the destination of each configured kind (one folder per kind under
// server/routing/destinations/), resolving its secrets. A kind it does not know (config
// validation refuses those first) is INVALID_ARGUMENT naming the key, so such a config
// fails to start instead of queueing forever.
#ifndef DEBRIEF_SERVER_ROUTING_DESTINATION_FACTORY_H_
#define DEBRIEF_SERVER_ROUTING_DESTINATION_FACTORY_H_

#include <memory>

#include "absl/status/statusor.h"
#include "server/common/clock.h"
#include "server/config/routing_options.h"
#include "server/routing/destination.h"
#include "server/storage/destination_issue_store.h"

namespace debrief::routing {

// The destination `options` describes. NOT_FOUND when a secret is missing (naming the env
// var or file), INVALID_ARGUMENT when one is malformed, UNAVAILABLE when a file cannot be
// opened. `clock` and `issues` (jira's issue map) must outlive the destination; `issues`
// may be null only when the destination is built to be checked and dropped (CheckRouting):
// a jira destination built so never delivers.
absl::StatusOr<std::unique_ptr<Destination>> CreateDestination(const config::DestinationOptions& options,
                                                               const common::Clock& clock,
                                                               storage::DestinationIssueStore* issues = nullptr);

}  // namespace debrief::routing

#endif  // DEBRIEF_SERVER_ROUTING_DESTINATION_FACTORY_H_
