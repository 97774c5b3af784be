// Validation of every v1 request before anything is recorded. Errors are
// INVALID_ARGUMENT whose message starts with the field path in the request
// ("ticket.messages[3].body_text: is not valid UTF-8").
#ifndef DEBRIEF_SERVER_RPC_REQUEST_VALIDATION_H_
#define DEBRIEF_SERVER_RPC_REQUEST_VALIDATION_H_

#include <string>

#include "absl/status/status.h"
#include "debrief/v1/debrief_service.pb.h"
#include "server/config/server_options.h"

namespace debrief::rpc {

// What a ticket is validated for.
enum class TicketUse {
  // A close (OnTicketClosed, Backfill): source, ticket id and message text required.
  kClose,
  // A suggestion (SuggestTags): ticket id and some text (subject or message) required.
  kSuggest,
};

// Validates `ticket`, whose field path in the request is `path` (e.g. "ticket").
absl::Status ValidateTicket(const v1::Ticket& ticket, TicketUse use,
                            const config::LimitsOptions& limits, const std::string& path);

absl::Status ValidateRequest(const v1::OnTicketClosedRequest& request,
                             const config::LimitsOptions& limits);
absl::Status ValidateRequest(const v1::SuggestTagsRequest& request,
                             const config::LimitsOptions& limits);
absl::Status ValidateRequest(const v1::RecordFeedbackRequest& request,
                             const config::LimitsOptions& limits);

}  // namespace debrief::rpc

#endif  // DEBRIEF_SERVER_RPC_REQUEST_VALIDATION_H_
