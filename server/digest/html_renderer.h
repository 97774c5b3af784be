// The digest as one self-contained HTML page: inline CSS and inline SVG charts (a trend
// line of the top items over the baseline weeks and a bar chart per section, a sparkline
// per item), no scripts and no external assets, so it renders the same in a mail client,
// a browser or a file attachment.
#ifndef DEBRIEF_SERVER_DIGEST_HTML_RENDERER_H_
#define DEBRIEF_SERVER_DIGEST_HTML_RENDERER_H_

#include <string>

#include "absl/time/time.h"
#include "server/core/digest.h"

namespace debrief::digest {

// Pure. `zone` is the zone the period was cut in (for the dates shown).
std::string RenderHtml(const core::Digest& digest, const absl::TimeZone& zone);

}  // namespace debrief::digest

#endif  // DEBRIEF_SERVER_DIGEST_HTML_RENDERER_H_
