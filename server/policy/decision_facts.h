// Builds the facts escalation rules see for one close: the prepared ticket, what
// analysis concluded (debriefing facets and tags) and the account fields on the ticket.
#ifndef DEBRIEF_SERVER_POLICY_DECISION_FACTS_H_
#define DEBRIEF_SERVER_POLICY_DECISION_FACTS_H_

#include "absl/time/time.h"
#include "server/core/debriefing.h"
#include "server/core/ticket.h"
#include "server/policy/facts.h"

namespace debrief::policy {

// Facts of `ticket` (prepared) and `debriefing` (facets and tags filled) at `now`.
// Facts whose source is empty (no satisfaction, no renewal date, no sentiment) are absent.
Facts BuildDecisionFacts(const core::Ticket& ticket, const core::Debriefing& debriefing,
                         absl::Time now);

}  // namespace debrief::policy

#endif  // DEBRIEF_SERVER_POLICY_DECISION_FACTS_H_
