// The insights one close produces, read off its debriefing: an escalation recommendation,
// renewal-risk and expansion moves, a change of customer confidence within the ticket,
// and one insight per competitor mentioned, feature requested and error reported. Ids
// derive from the close key, so a replayed close yields the same insights.
#ifndef DEBRIEF_SERVER_ROUTING_CLOSE_INSIGHTS_H_
#define DEBRIEF_SERVER_ROUTING_CLOSE_INSIGHTS_H_

#include <vector>

#include "absl/strings/string_view.h"
#include "server/core/debriefing.h"
#include "server/core/insight.h"
#include "server/core/ticket.h"

namespace debrief::routing {

// Smallest |sentiment end - start| within a ticket reported as confidence_changed.
inline constexpr double kConfidenceChangeThreshold = 0.4;

// The insights of the close of `prepared` (normalized, redacted) keyed `close_key`,
// decided as `debriefing`; created at its decided_at. Bodies hold only redacted text.
std::vector<core::Insight> InsightsOfClose(absl::string_view close_key, const core::Ticket& prepared,
                                           const core::Debriefing& debriefing);

}  // namespace debrief::routing

#endif  // DEBRIEF_SERVER_ROUTING_CLOSE_INSIGHTS_H_
