#include "server/storage/erasure.h"

namespace debrief::storage {

core::Ticket ErasedTicket(const core::Ticket& ticket, const std::string& account_id) {
  core::Ticket erased;
  erased.source = ticket.source;
  erased.source_tenant = ticket.source_tenant;
  erased.ticket_id = ticket.ticket_id;
  erased.delivery_id = ticket.delivery_id;
  erased.account.id = account_id;
  erased.tags = ticket.tags;
  erased.priority = ticket.priority;
  erased.status = ticket.status;
  erased.assignee.id = ticket.assignee.id;
  erased.group = ticket.group;
  erased.channel = ticket.channel;
  if (ticket.satisfaction.has_value()) {
    erased.satisfaction.emplace();
    erased.satisfaction->score = ticket.satisfaction->score;
  }
  erased.created_at = ticket.created_at;
  erased.closed_at = ticket.closed_at;
  erased.ticket_number = ticket.ticket_number;
  erased.partial = ticket.partial;
  return erased;
}

core::Debriefing ErasedDebriefing(const core::Debriefing& debriefing) {
  core::Debriefing erased = debriefing;
  auto clear_label = [](core::Label& label) { label.evidence.clear(); };
  for (core::Label& label : erased.suggested_tags) clear_label(label);
  if (erased.fix_category.has_value()) clear_label(*erased.fix_category);
  if (erased.root_cause.has_value()) clear_label(*erased.root_cause);
  for (core::MessageSentiment& message : erased.sentiment.messages) message.evidence.clear();
  for (core::CompetitorMention& mention : erased.competitors) mention.evidence = {};
  for (core::ProductFeedback& feedback : erased.product_feedback) {
    feedback.evidence = {};
    feedback.theme.clear();
  }
  for (core::ErrorSignature& error : erased.errors) {
    error.evidence = {};
    error.verbatim.clear();
    error.normalized.clear();
  }
  for (core::EscalationReason& reason : erased.escalation.reasons) {
    reason.text.clear();
    reason.evidence.clear();
  }
  for (core::Signal& signal : erased.relationship.signals) signal.evidence = {};
  return erased;
}

}  // namespace debrief::storage
