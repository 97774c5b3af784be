// What is left of a ticket and its debriefing once ForgetCustomer has erased them: ids,
// times, labels, scores and fingerprints stay (the anonymous aggregates digests and
// account metrics are built from); text, quotes and personal data go.
#ifndef DEBRIEF_SERVER_STORAGE_ERASURE_H_
#define DEBRIEF_SERVER_STORAGE_ERASURE_H_

#include <string>

#include "server/core/debriefing.h"
#include "server/core/ticket.h"

namespace debrief::storage {

// `ticket` without its subject, messages, requester, custom fields, URL, satisfaction
// comment, the assignee's name and e-mail, or the account's fields other than the id
// (which becomes `account_id`).
core::Ticket ErasedTicket(const core::Ticket& ticket, const std::string& account_id);

// `debriefing` without evidence, quotes, verbatim and normalized error text, feedback
// themes or filled-in escalation reason texts (rule names, levels and scores stay).
core::Debriefing ErasedDebriefing(const core::Debriefing& debriefing);

}  // namespace debrief::storage

#endif  // DEBRIEF_SERVER_STORAGE_ERASURE_H_
