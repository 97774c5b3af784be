#include "server/analysis/ticket_text.h"

#include <string>

namespace debrief::analysis {

std::vector<TextSegment> TextSegments(const core::Ticket& ticket) {
  std::vector<TextSegment> segments;
  segments.reserve(ticket.messages.size() + 1);
  if (!ticket.subject.empty()) {
    segments.push_back({core::kSubjectIndex, core::AuthorRole::kCustomer, true, ticket.subject});
  }
  for (size_t i = 0; i < ticket.messages.size(); ++i) {
    const core::Message& message = ticket.messages[i];
    if (message.body_text.empty()) continue;
    segments.push_back(
        {static_cast<int>(i), message.author_role, message.is_public, message.body_text});
  }
  return segments;
}

core::Evidence MakeEvidence(const TextSegment& segment, size_t start, size_t end) {
  core::Evidence evidence;
  evidence.message_index = segment.message_index;
  evidence.start = static_cast<int>(start);
  evidence.end = static_cast<int>(end);
  evidence.quote = std::string(segment.text.substr(start, end - start));
  return evidence;
}

}  // namespace debrief::analysis
