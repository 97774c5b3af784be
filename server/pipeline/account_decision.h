// The account half of a close decision. Given what account memory holds for the
// ticket's account, it scores the relationship (renewal risk and expansion with their
// reasons and the change this close caused), lets the escalation rules see the
// account's state beside the ticket's facets, and builds the account update that
// commits with the close. ClosePipeline calls it once per attempt (again after an
// optimistic-concurrency conflict).
//
//   auto state = accounts.LoadState(AccountQueryFor(components, ticket, debriefing, now));
//   record.account = DecideWithAccount(components, &*state, ticket, now, record.debriefing);
#ifndef DEBRIEF_SERVER_PIPELINE_ACCOUNT_DECISION_H_
#define DEBRIEF_SERVER_PIPELINE_ACCOUNT_DECISION_H_

#include <optional>

#include "absl/time/time.h"
#include "server/core/debriefing.h"
#include "server/core/ticket.h"
#include "server/pipeline/decision_components.h"
#include "server/storage/account_store.h"

namespace debrief::pipeline {

// What to load for deciding `ticket` (prepared, naming an account) with `debriefing`'s
// facets at `now`.
storage::AccountStateQuery AccountQueryFor(const DecisionComponents& components,
                                           const core::Ticket& ticket,
                                           const core::Debriefing& debriefing, absl::Time now);

// Fills `debriefing`'s relationship (keeping the analysed signals) and escalation for
// `ticket` (prepared) at `now`. `state` is the account's state from AccountQueryFor, or
// nullptr when the ticket names no account (then only the ticket's facts are seen and
// the relationship is left as analysed). Returns the account update to commit with the
// close, or nullopt without an account.
std::optional<storage::AccountUpdate> DecideWithAccount(const DecisionComponents& components,
                                                        const storage::AccountState* state,
                                                        const core::Ticket& ticket, absl::Time now,
                                                        core::Debriefing& debriefing);

}  // namespace debrief::pipeline

#endif  // DEBRIEF_SERVER_PIPELINE_ACCOUNT_DECISION_H_
