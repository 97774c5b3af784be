// Reduces one debriefed close to the anonymous summary account memory keeps
// (core::AccountClose): labels, numbers, fingerprints and signal kinds, never text.
#ifndef DEBRIEF_SERVER_POLICY_CLOSE_SUMMARY_H_
#define DEBRIEF_SERVER_POLICY_CLOSE_SUMMARY_H_

#include "absl/time/time.h"
#include "server/core/account.h"
#include "server/core/debriefing.h"
#include "server/core/ticket.h"

namespace debrief::policy {

// The summary of `ticket` (prepared) and its `debriefing` (facets filled; decision id
// set), closed at `closed_at`. The escalation is left at NONE for the caller to set once
// decided.
core::AccountClose SummarizeClose(const core::Ticket& ticket, const core::Debriefing& debriefing,
                                  absl::Time closed_at);

}  // namespace debrief::policy

#endif  // DEBRIEF_SERVER_POLICY_CLOSE_SUMMARY_H_
