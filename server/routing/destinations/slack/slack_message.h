// The Slack Block Kit message of an insight: a `text` fallback (notifications, old clients)
// and `blocks` — a header with the kind, a section with the account, ticket and key facts
// (or the destination's template), and a context line with the insight id and, when the
// route carries ticket_url, a link to the ticket. Customer text is mrkdwn-escaped.
#ifndef DEBRIEF_SERVER_ROUTING_DESTINATIONS_SLACK_SLACK_MESSAGE_H_
#define DEBRIEF_SERVER_ROUTING_DESTINATIONS_SLACK_SLACK_MESSAGE_H_

#include <string>

#include "absl/strings/string_view.h"
#include "server/core/insight.h"
#include "server/routing/payload_template.h"

namespace debrief::routing {

// `text` with Slack's three control characters escaped: & < > (as &amp; &lt; &gt;).
std::string EscapeMrkdwn(absl::string_view text);

// The JSON body posted to the incoming webhook. `section_template` may be null (the default
// section). Pure.
std::string SlackMessageJson(const core::Insight& insight, const core::Delivery& delivery,
                             const PayloadTemplate* section_template);

}  // namespace debrief::routing

#endif  // DEBRIEF_SERVER_ROUTING_DESTINATIONS_SLACK_SLACK_MESSAGE_H_
