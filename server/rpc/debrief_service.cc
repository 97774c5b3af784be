#include "server/rpc/debrief_service.h"

#include <memory>

#include "server/codec/debriefing_codec.h"
#include "server/codec/service_codec.h"
#include "server/codec/ticket_codec.h"
#include "server/rpc/backfill_reactor.h"
#include "server/rpc/request_validation.h"
#include "server/rpc/status_conversion.h"

namespace debrief::rpc {
namespace {

grpc::ServerUnaryReactor* FinishNow(grpc::CallbackServerContext* context,
                                    const absl::Status& status) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(ToGrpcStatus(status));
  return reactor;
}

const absl::Status& Overloaded() {
  static const auto* status =
      new absl::Status(absl::ResourceExhaustedError("too many calls in flight; retry with backoff"));
  return *status;
}

}  // namespace

DebriefService::DebriefService(core::CloseHandler& closer, core::TagSuggester& suggester,
                               common::WorkerPool& workers, Admission& admission,
                               const config::LimitsOptions& limits)
    : closer_(closer),
      suggester_(suggester),
      workers_(workers),
      admission_(admission),
      limits_(limits) {}

grpc::ServerUnaryReactor* DebriefService::OnTicketClosed(grpc::CallbackServerContext* context,
                                                         const v1::OnTicketClosedRequest* request,
                                                         v1::OnTicketClosedResponse* response) {
  constexpr char kMethod[] = "OnTicketClosed";
  if (absl::Status status = ValidateRequest(*request, limits_); !status.ok()) {
    admission_.RecordRejected(kMethod, status.code());
    return FinishNow(context, status);
  }
  std::optional<Admission::Ticket> admitted = admission_.TryEnter(kMethod);
  if (!admitted.has_value()) return FinishNow(context, Overloaded());

  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  // Shared between the run and cancel paths; exactly one of them executes.
  auto call = std::make_shared<Admission::Ticket>(std::move(*admitted));
  auto ticket = std::make_shared<core::Ticket>(codec::TicketFromProto(request->ticket()));
  const bool queued = workers_.TrySubmit(common::WorkerTask{
      .run =
          [this, reactor, response, call, ticket] {
            absl::StatusOr<core::Debriefing> debriefing =
                closer_.Close(*ticket, core::CloseMode::kLive);
            if (debriefing.ok()) {
              *response->mutable_debriefing() = codec::DebriefingToProto(*debriefing);
            }
            call->Finish(debriefing.status().code());
            reactor->Finish(ToGrpcStatus(debriefing.status()));
          },
      .cancel =
          [reactor, call] {
            const absl::Status status = absl::UnavailableError("server is shutting down; retry");
            call->Finish(status.code());
            reactor->Finish(ToGrpcStatus(status));
          },
  });
  if (!queued) {
    call->Finish(absl::StatusCode::kResourceExhausted);
    reactor->Finish(ToGrpcStatus(Overloaded()));
  }
  return reactor;
}

grpc::ServerUnaryReactor* DebriefService::SuggestTags(grpc::CallbackServerContext* context,
                                                      const v1::SuggestTagsRequest* request,
                                                      v1::SuggestTagsResponse* response) {
  constexpr char kMethod[] = "SuggestTags";
  if (absl::Status status = ValidateRequest(*request, limits_); !status.ok()) {
    admission_.RecordRejected(kMethod, status.code());
    return FinishNow(context, status);
  }
  std::optional<Admission::Ticket> admitted = admission_.TryEnter(kMethod);
  if (!admitted.has_value()) return FinishNow(context, Overloaded());
  absl::StatusOr<core::Suggestion> suggestion =
      suggester_.Suggest(codec::TicketFromProto(request->ticket()), request->max_tags());
  if (suggestion.ok()) codec::SuggestionToProto(*suggestion, *response);
  admitted->Finish(suggestion.status().code());
  return FinishNow(context, suggestion.status());
}

grpc::ServerUnaryReactor* DebriefService::RecordFeedback(grpc::CallbackServerContext* context,
                                                         const v1::RecordFeedbackRequest* request,
                                                         v1::RecordFeedbackResponse* response) {
  constexpr char kMethod[] = "RecordFeedback";
  if (absl::Status status = ValidateRequest(*request, limits_); !status.ok()) {
    admission_.RecordRejected(kMethod, status.code());
    return FinishNow(context, status);
  }
  std::optional<Admission::Ticket> admitted = admission_.TryEnter(kMethod);
  if (!admitted.has_value()) return FinishNow(context, Overloaded());
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  auto call = std::make_shared<Admission::Ticket>(std::move(*admitted));
  core::Feedback feedback = codec::FeedbackFromProto(*request);
  // Feedback commits to the decision log, so it runs on the worker pool like a close.
  const bool queued = workers_.TrySubmit(common::WorkerTask{
      .run =
          [this, reactor, response, call, feedback = std::move(feedback)] {
            absl::StatusOr<core::FeedbackResult> result = suggester_.RecordFeedback(feedback);
            if (result.ok()) codec::FeedbackResultToProto(*result, *response);
            call->Finish(result.status().code());
            reactor->Finish(ToGrpcStatus(result.status()));
          },
      .cancel =
          [reactor, call] {
            call->Finish(absl::StatusCode::kUnavailable);
            reactor->Finish(ToGrpcStatus(absl::UnavailableError("server is shutting down; retry")));
          },
  });
  if (!queued) {
    call->Finish(absl::StatusCode::kResourceExhausted);
    reactor->Finish(ToGrpcStatus(Overloaded()));
  }
  return reactor;
}

grpc::ServerReadReactor<v1::BackfillRequest>* DebriefService::Backfill(
    grpc::CallbackServerContext* context, v1::BackfillResponse* response) {
  std::optional<Admission::Ticket> admitted = admission_.TryEnter("Backfill");
  if (!admitted.has_value()) {
    // A reactor that refuses at once: nothing is read.
    class Refused final : public grpc::ServerReadReactor<v1::BackfillRequest> {
     public:
      Refused() { Finish(ToGrpcStatus(Overloaded())); }
      void OnDone() override { delete this; }
    };
    (void)context;
    return new Refused();
  }
  return new BackfillReactor(closer_, workers_, std::move(*admitted), limits_, response);
}

}  // namespace debrief::rpc
