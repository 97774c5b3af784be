#include "server/rpc/http_api.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "debrief/v1/debrief_service.pb.h"
#include "google/protobuf/util/json_util.h"
#include "server/codec/debriefing_codec.h"
#include "server/codec/service_codec.h"
#include "server/codec/ticket_codec.h"
#include "server/rpc/request_validation.h"

namespace debrief::rpc {
namespace {

// Runs `handle` for an admitted call named `method`, recording its outcome; refuses with
// 429 when the server is full. `handle` returns the status to answer with (on OK it has
// written the body).
void Serve(Admission& admission, const std::string& method, httplib::Response& response,
           const std::function<absl::Status()>& handle) {
  std::optional<Admission::Ticket> admitted = admission.TryEnter(method);
  if (!admitted.has_value()) {
    WriteHttpError(response,
                   absl::ResourceExhaustedError("too many calls in flight; retry with backoff"));
    return;
  }
  const absl::Status status = handle();
  admitted->Finish(status.code());
  if (!status.ok()) WriteHttpError(response, status);
}

}  // namespace

absl::Status ParseJsonBody(const httplib::Request& request, google::protobuf::Message& message) {
  const std::string content_type = request.get_header_value("Content-Type");
  if (!absl::StartsWithIgnoreCase(content_type, "application/json")) {
    return absl::InvalidArgumentError(absl::StrCat(
        "Content-Type: must be application/json, got \"", content_type, "\""));
  }
  if (request.body.empty()) return absl::InvalidArgumentError("body: is empty");
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  const google::protobuf::util::Status status =
      google::protobuf::util::JsonStringToMessage(request.body, &message, options);
  if (!status.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("body: ", status.message().as_string()));
  }
  return absl::OkStatus();
}

void WriteJson(httplib::Response& response, const google::protobuf::Message& message) {
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  const google::protobuf::util::Status status =
      google::protobuf::util::MessageToJsonString(message, &json, options);
  if (!status.ok()) {
    WriteHttpError(response, absl::InternalError("cannot encode the response"));
    return;
  }
  response.status = 200;
  response.set_content(json, "application/json");
}

void RegisterDebriefRoutes(HttpServer& server, core::CloseHandler& closer,
                           core::TagSuggester& suggester, Admission& admission,
                           const config::LimitsOptions& limits) {
  server.Route("POST", "/v1/tickets:debrief",
               [&closer, &admission, limits](const httplib::Request& request,
                                             httplib::Response& response) {
                 v1::OnTicketClosedRequest body;
                 absl::Status status = ParseJsonBody(request, body);
                 if (status.ok()) status = ValidateRequest(body, limits);
                 if (!status.ok()) {
                   admission.RecordRejected("OnTicketClosed", status.code());
                   WriteHttpError(response, status);
                   return;
                 }
                 Serve(admission, "OnTicketClosed", response, [&] {
                   absl::StatusOr<core::Debriefing> debriefing =
                       closer.Close(codec::TicketFromProto(body.ticket()), core::CloseMode::kLive);
                   if (!debriefing.ok()) return debriefing.status();
                   v1::OnTicketClosedResponse answer;
                   *answer.mutable_debriefing() = codec::DebriefingToProto(*debriefing);
                   WriteJson(response, answer);
                   return absl::OkStatus();
                 });
               });

  server.Route("POST", "/v1/tickets:suggest",
               [&suggester, &admission, limits](const httplib::Request& request,
                                                httplib::Response& response) {
                 v1::SuggestTagsRequest body;
                 absl::Status status = ParseJsonBody(request, body);
                 if (status.ok()) status = ValidateRequest(body, limits);
                 if (!status.ok()) {
                   admission.RecordRejected("SuggestTags", status.code());
                   WriteHttpError(response, status);
                   return;
                 }
                 Serve(admission, "SuggestTags", response, [&] {
                   absl::StatusOr<core::Suggestion> suggestion =
                       suggester.Suggest(codec::TicketFromProto(body.ticket()), body.max_tags());
                   if (!suggestion.ok()) return suggestion.status();
                   v1::SuggestTagsResponse answer;
                   codec::SuggestionToProto(*suggestion, answer);
                   WriteJson(response, answer);
                   return absl::OkStatus();
                 });
               });

  server.Route("POST", "/v1/feedback",
               [&suggester, &admission, limits](const httplib::Request& request,
                                                httplib::Response& response) {
                 v1::RecordFeedbackRequest body;
                 absl::Status status = ParseJsonBody(request, body);
                 if (status.ok()) status = ValidateRequest(body, limits);
                 if (!status.ok()) {
                   admission.RecordRejected("RecordFeedback", status.code());
                   WriteHttpError(response, status);
                   return;
                 }
                 Serve(admission, "RecordFeedback", response, [&] {
                   absl::StatusOr<core::FeedbackResult> result =
                       suggester.RecordFeedback(codec::FeedbackFromProto(body));
                   if (!result.ok()) return result.status();
                   v1::RecordFeedbackResponse answer;
                   codec::FeedbackResultToProto(*result, answer);
                   WriteJson(response, answer);
                   return absl::OkStatus();
                 });
               });
}

}  // namespace debrief::rpc
