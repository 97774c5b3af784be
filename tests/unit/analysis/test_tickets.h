// Tickets for the analysis tests: a conversation as (role, text) pairs, and the text an
// evidence span points at.
#ifndef DEBRIEF_TESTS_UNIT_ANALYSIS_TEST_TICKETS_H_
#define DEBRIEF_TESTS_UNIT_ANALYSIS_TEST_TICKETS_H_

#include <string>
#include <utility>
#include <vector>

#include "server/core/debriefing.h"
#include "server/core/ticket.h"

namespace debrief::analysis::testing {

using Turn = std::pair<core::AuthorRole, std::string>;
inline constexpr core::AuthorRole kCustomer = core::AuthorRole::kCustomer;
inline constexpr core::AuthorRole kAgent = core::AuthorRole::kAgent;

inline core::Ticket Conversation(const std::vector<Turn>& turns, std::string subject = "") {
  core::Ticket ticket;
  ticket.ticket_id = "t-1";
  ticket.subject = std::move(subject);
  for (const auto& [role, text] : turns) {
    core::Message message;
    message.author_role = role;
    message.body_text = text;
    ticket.messages.push_back(std::move(message));
  }
  return ticket;
}

inline core::Ticket CustomerSays(const std::string& text) { return Conversation({{kCustomer, text}}); }

// The text `evidence` points at in `ticket` (checks that offsets and quote agree).
inline std::string Pointed(const core::Ticket& ticket, const core::Evidence& evidence) {
  const std::string& text = evidence.message_index == core::kSubjectIndex
                                ? ticket.subject
                                : ticket.messages[evidence.message_index].body_text;
  if (evidence.start < 0 || evidence.end < evidence.start ||
      static_cast<size_t>(evidence.end) > text.size()) {
    return "<out of range>";
  }
  const std::string pointed = text.substr(evidence.start, evidence.end - evidence.start);
  return pointed == evidence.quote ? pointed : "<quote differs: " + evidence.quote + ">";
}

}  // namespace debrief::analysis::testing

#endif  // DEBRIEF_TESTS_UNIT_ANALYSIS_TEST_TICKETS_H_
