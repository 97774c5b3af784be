// The account-state facts escalation rules see at a close (account.tickets,
// account.same_error_contacts, account.renewal_risk, errors.accounts, ...): what account
// memory knows about the account, this close included. Added on top of
// BuildDecisionFacts; absent when the ticket names no account.
//
//   AccountContext context{.history = state.closes, .close = summary, ...};
//   AddAccountFacts(context, config.accounts, debriefing, facts);
#ifndef DEBRIEF_SERVER_POLICY_ACCOUNT_FACTS_H_
#define DEBRIEF_SERVER_POLICY_ACCOUNT_FACTS_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "server/config/accounts_options.h"
#include "server/core/account.h"
#include "server/core/debriefing.h"
#include "server/policy/facts.h"

namespace debrief::policy {

// What account memory knows at one close.
struct AccountContext {
  // The account's earlier closes, sorted by closed_at, reaching back at least
  // RelationshipScorer::lookback() before `close`.
  std::vector<core::AccountClose> history;
  // This close (its escalation not decided yet).
  core::AccountClose close;
  // Closes on record for the account, this one included.
  int64_t total_tickets = 0;
  // The relationship this close produced (RelationshipScorer::Relate).
  core::Relationship relationship;
  // For each of this close's error fingerprints: how many other accounts reported it
  // within accounts.error_spread_window.
  std::map<std::string, int> other_accounts_by_fingerprint;
};

// Sets the account-state facts of `context` (windows from `options`) in `facts`. Error
// facts carry the evidence of `debriefing`'s matching error signatures.
void AddAccountFacts(const AccountContext& context, const config::AccountsOptions& options,
                     const core::Debriefing& debriefing, Facts& facts);

}  // namespace debrief::policy

#endif  // DEBRIEF_SERVER_POLICY_ACCOUNT_FACTS_H_
