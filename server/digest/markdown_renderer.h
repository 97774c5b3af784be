// The digest as Markdown, for Slack and e-mail: a heading, the period and ticket volume,
// then each section as a numbered list with counts, week-over-week change, accounts, ARR,
// quotes and ticket links. Empty sections say so rather than vanish.
#ifndef DEBRIEF_SERVER_DIGEST_MARKDOWN_RENDERER_H_
#define DEBRIEF_SERVER_DIGEST_MARKDOWN_RENDERER_H_

#include <string>

#include "absl/time/time.h"
#include "server/core/digest.h"

namespace debrief::digest {

// Pure. `zone` is the zone the period was cut in (for the dates shown).
std::string RenderMarkdown(const core::Digest& digest, const absl::TimeZone& zone);

}  // namespace debrief::digest

#endif  // DEBRIEF_SERVER_DIGEST_MARKDOWN_RENDERER_H_
