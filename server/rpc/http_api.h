// The v1 HTTP/JSON API: the Debrief RPCs over HTTP in protobuf's JSON mapping.
//   POST /v1/tickets:debrief   OnTicketClosedRequest  -> OnTicketClosedResponse
//   POST /v1/tickets:suggest   SuggestTagsRequest     -> SuggestTagsResponse
//   POST /v1/feedback          RecordFeedbackRequest  -> RecordFeedbackResponse
// Bodies must be application/json; unknown fields and enum values are rejected with 400
// naming the field, like every validation error.
#ifndef DEBRIEF_SERVER_RPC_HTTP_API_H_
#define DEBRIEF_SERVER_RPC_HTTP_API_H_

#include <string>

#include "absl/status/status.h"
#include "google/protobuf/message.h"
#include "httplib.h"
#include "server/config/server_options.h"
#include "server/core/close_handler.h"
#include "server/core/tag_suggester.h"
#include "server/rpc/admission.h"
#include "server/rpc/http_server.h"

namespace debrief::rpc {

// Parses a JSON request body into `message`: checks the content type and the JSON
// mapping. INVALID_ARGUMENT naming the problem.
absl::Status ParseJsonBody(const httplib::Request& request, google::protobuf::Message& message);

// Writes `message` as the JSON response body with status 200.
void WriteJson(httplib::Response& response, const google::protobuf::Message& message);

// Registers the routes above on `server`. Every reference must outlive the server.
void RegisterDebriefRoutes(HttpServer& server, core::CloseHandler& closer,
                           core::TagSuggester& suggester, Admission& admission,
                           const config::LimitsOptions& limits);

}  // namespace debrief::rpc

#endif  // DEBRIEF_SERVER_RPC_HTTP_API_H_
