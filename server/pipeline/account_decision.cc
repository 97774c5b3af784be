#include "server/pipeline/account_decision.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "server/policy/account_facts.h"
#include "server/policy/close_summary.h"
#include "server/policy/decision_facts.h"

namespace debrief::pipeline {
namespace {

// The close's timeline line: labels and numbers only, never ticket text.
std::string CloseSummaryLine(const core::AccountClose& close, const core::Relationship& relationship,
                             bool again) {
  std::vector<std::string> parts;
  if (!close.root_cause.empty()) parts.push_back(absl::StrCat("root cause ", close.root_cause));
  if (!close.error_fingerprints.empty()) {
    parts.push_back(absl::StrCat("errors ", absl::StrJoin(close.error_fingerprints, ", ")));
  }
  if (close.sentiment_end.has_value()) {
    parts.push_back(absl::StrFormat("sentiment %.2f (change %+.2f)", *close.sentiment_end,
                                    close.sentiment_delta.value_or(0)));
  }
  if (close.satisfaction.has_value()) {
    parts.push_back(absl::StrFormat("satisfaction %.2f", *close.satisfaction));
  }
  for (const core::AccountClose::Mention& mention : close.competitor_mentions) {
    parts.push_back(absl::StrCat(mention.competitor, " (",
                                 core::CompetitorContextName(mention.context), ")"));
  }
  for (const core::AccountClose::SignalWeight& signal : close.signals) parts.push_back(signal.kind);
  if (close.feature_requests > 0) {
    parts.push_back(absl::StrCat(close.feature_requests, " feature request",
                                 close.feature_requests == 1 ? "" : "s"));
  }
  return absl::StrFormat("Closed ticket %s%s%s; renewal risk %d (%+d), expansion %d (%+d)",
                         close.ticket_id, again ? " again" : "",
                         parts.empty() ? "" : absl::StrCat(": ", absl::StrJoin(parts, "; ")),
                         relationship.renewal_risk, relationship.renewal_risk_delta,
                         relationship.expansion_score, relationship.expansion_delta);
}

std::string EscalationLine(const core::Escalation& escalation, absl::Time decided_at) {
  std::vector<std::string> rules;
  for (const core::EscalationReason& reason : escalation.reasons) rules.push_back(reason.rule);
  std::string due;
  if (escalation.due_by.has_value()) {
    due = absl::StrCat(" within ", absl::FormatDuration(*escalation.due_by - decided_at));
  }
  return absl::StrCat(core::EscalationLevelName(escalation.level), " to ",
                      core::TeamName(escalation.target), due, ": ", absl::StrJoin(rules, ", "));
}

}  // namespace

storage::AccountStateQuery AccountQueryFor(const DecisionComponents& components,
                                           const core::Ticket& ticket,
                                           const core::Debriefing& debriefing, absl::Time now) {
  storage::AccountStateQuery query;
  query.account_id = ticket.account.id;
  query.as_of = ticket.closed_at.value_or(now);
  query.lookback = components.relationship->lookback();
  for (const core::ErrorSignature& error : debriefing.errors) {
    auto& fingerprints = query.error_fingerprints;
    if (!error.fingerprint.empty() &&
        std::find(fingerprints.begin(), fingerprints.end(), error.fingerprint) == fingerprints.end()) {
      fingerprints.push_back(error.fingerprint);
    }
  }
  query.error_spread_window = components.accounts.error_spread_window;
  return query;
}

std::optional<storage::AccountUpdate> DecideWithAccount(const DecisionComponents& components,
                                                        const storage::AccountState* state,
                                                        const core::Ticket& ticket, absl::Time now,
                                                        core::Debriefing& debriefing) {
  const absl::Time as_of = ticket.closed_at.value_or(now);
  if (state == nullptr) {
    debriefing.escalation =
        components.escalation->Decide(policy::BuildDecisionFacts(ticket, debriefing, now), as_of);
    return std::nullopt;
  }
  // Rules see the account as stored, updated with what this ticket says about it.
  core::Ticket seen = ticket;
  seen.account = storage::MergeAccount(state->account, ticket.account);
  policy::Facts facts = policy::BuildDecisionFacts(seen, debriefing, now);

  policy::AccountContext context;
  context.history = state->closes;
  context.close = policy::SummarizeClose(ticket, debriefing, as_of);
  context.total_tickets = state->total_tickets + 1;
  context.other_accounts_by_fingerprint = state->other_accounts_by_fingerprint;
  context.relationship = components.relationship->Relate(context.history, context.close, as_of);
  context.relationship.signals = debriefing.relationship.signals;
  debriefing.relationship = context.relationship;
  policy::AddAccountFacts(context, components.accounts, debriefing, facts);
  debriefing.escalation = components.escalation->Decide(facts, as_of);

  storage::AccountUpdate update;
  update.account = seen.account;
  update.expected_version = state->version;
  update.renewal_risk = debriefing.relationship.renewal_risk;
  update.expansion_score = debriefing.relationship.expansion_score;
  update.close = std::move(context.close);
  update.close.escalation = debriefing.escalation.level;
  const bool again = std::any_of(
      state->closes.begin(), state->closes.end(),
      [&](const core::AccountClose& earlier) { return earlier.ticket_id == ticket.ticket_id; });
  update.timeline.push_back({.at = as_of,
                             .kind = "close",
                             .ticket_id = ticket.ticket_id,
                             .decision_id = debriefing.decision_id,
                             .summary = CloseSummaryLine(update.close, debriefing.relationship, again),
                             .renewal_risk_delta = debriefing.relationship.renewal_risk_delta,
                             .expansion_delta = debriefing.relationship.expansion_delta});
  if (debriefing.escalation.level > core::EscalationLevel::kNone) {
    update.timeline.push_back({.at = as_of,
                               .kind = "escalation",
                               .ticket_id = ticket.ticket_id,
                               .decision_id = debriefing.decision_id,
                               .summary = EscalationLine(debriefing.escalation, as_of),
                               .renewal_risk_delta = 0,
                               .expansion_delta = 0});
  }
  return update;
}

}  // namespace debrief::pipeline
