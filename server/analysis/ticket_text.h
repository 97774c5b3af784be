// The texts of a ticket that analysis reads: the subject and every message body, each
// with the index evidence spans refer to (core::kSubjectIndex for the subject).
#ifndef DEBRIEF_SERVER_ANALYSIS_TICKET_TEXT_H_
#define DEBRIEF_SERVER_ANALYSIS_TICKET_TEXT_H_

#include <string_view>
#include <vector>

#include "absl/strings/string_view.h"
#include "server/core/debriefing.h"
#include "server/core/ticket.h"

namespace debrief::analysis {

// A view of one text; valid while the ticket it came from is alive and unchanged.
struct TextSegment {
  int message_index = core::kSubjectIndex;
  core::AuthorRole role = core::AuthorRole::kUnspecified;
  bool is_public = true;
  absl::string_view text;
};

// The subject (if any) and each message with text, in order.
std::vector<TextSegment> TextSegments(const core::Ticket& ticket);

// Evidence for bytes [start, end) of `segment`, quoting the text.
core::Evidence MakeEvidence(const TextSegment& segment, size_t start, size_t end);

}  // namespace debrief::analysis

#endif  // DEBRIEF_SERVER_ANALYSIS_TICKET_TEXT_H_
