// Normalization, the first stage of analysis: every message gets plain text (HTML is
// converted when no text was sent), typographic quotes and dashes are folded to ASCII,
// quoted earlier replies and e-mail signatures are cut, whitespace is tidied, and control
// characters that would confuse offsets or logs are removed. Author role and time stay.
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

// `text` with typographic apostrophes, quotes, dashes, ellipses and non-breaking spaces
// replaced by their ASCII forms, so "can’t" matches "can't".
std::string FoldPunctuation(absl::string_view text);

// `text` (plain, tidied) without the earlier conversation it quotes: everything from an
// attribution line ("On Mon, 1 Jan 2024, Ann <...> wrote:", "-----Original Message-----",
// an Outlook "From:/Sent:" header block, "Le ... a écrit :", "Am ... schrieb ...:") on,
// and every line starting with '>'. Text that is nothing but a quote is returned as is.
std::string StripQuotedReply(absl::string_view text);

// `text` without its e-mail signature: from a "-- " delimiter line, a "Sent from my ..."
// line, or a closing ("Best regards,", "Thanks,", "Cheers") followed only by a few short
// lines (name, title, phone) to the end. Text that is nothing but a signature is kept.
std::string StripSignature(absl::string_view text);

// `text` (plain, tidied) with StripQuotedReply and StripSignature applied until neither
// changes it, so cutting the result again changes nothing.
std::string CutQuotesAndSignatures(absl::string_view text);

// `text` with control characters (except newline and tab) removed, runs of spaces
// collapsed, trailing spaces trimmed per line and at most two consecutive blank lines.
std::string TidyText(absl::string_view text);

// The normalized ticket: body_text filled from body_html where empty (block quotes of
// earlier replies dropped), punctuation folded, quoted replies and signatures cut from
// message bodies, all texts tidied, body_html dropped (analysis and storage keep only the
// text). Author roles, ids, visibility and times are unchanged. Thread-safe (pure).
core::Ticket Normalize(core::Ticket ticket);

}  // namespace debrief::analysis

#endif  // DEBRIEF_SERVER_ANALYSIS_NORMALIZER_H_
