// Normalization, the first stage of analysis: every message gets plain text (HTML is
// converted when no text was sent), whitespace is tidied, and control characters that
// would confuse offsets or logs are removed.
#ifndef DEBRIEF_SERVER_ANALYSIS_NORMALIZER_H_
#define DEBRIEF_SERVER_ANALYSIS_NORMALIZER_H_

#include <string>
#include <string_view>

#include "absl/strings/string_view.h"
#include "server/core/ticket.h"

namespace debrief::analysis {

// Plain text of an HTML fragment: tags dropped, block elements and <br> become line
// breaks, scripts and styles removed, character entities decoded.
std::string HtmlToText(absl::string_view html);

// `text` with control characters (except newline and tab) removed, runs of spaces
// collapsed, trailing spaces trimmed per line and at most two consecutive blank lines.
std::string TidyText(absl::string_view text);

// The normalized ticket: body_text filled from body_html where empty, all texts tidied,
// body_html dropped (analysis and storage keep only the text). Thread-safe (pure).
core::Ticket Normalize(core::Ticket ticket);

}  // namespace debrief::analysis

#endif  // DEBRIEF_SERVER_ANALYSIS_NORMALIZER_H_
