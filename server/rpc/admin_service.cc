#include "server/rpc/admin_service.h"

#include <memory>

#include "absl/strings/str_cat.h"
#include "server/rpc/dead_letter_requests.h"
#include "server/rpc/status_conversion.h"
#include "server/rpc/unary_dispatch.h"

namespace debrief::rpc {

grpc::ServerUnaryReactor* AdminService::ReloadConfig(grpc::CallbackServerContext* context,
                                                     const v1::ReloadConfigRequest* /*request*/,
                                                     v1::ReloadConfigResponse* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  std::optional<Admission::Ticket> admitted = admission_.TryEnter("ReloadConfig");
  if (!admitted.has_value()) {
    reactor->Finish(ToGrpcStatus(absl::ResourceExhaustedError("too many calls in flight")));
    return reactor;
  }
  auto call = std::make_shared<Admission::Ticket>(std::move(*admitted));
  // Reloading reads a file and compiles rules: blocking work, so off the reactor.
  const bool queued = workers_.TrySubmit(common::WorkerTask{
      .run =
          [this, reactor, response, call] {
            absl::StatusOr<core::ReloadResult> result = reloader_.Reload();
            if (result.ok()) {
              response->set_config_version(result->config_version);
              for (const std::string& key : result->restart_required) {
                response->add_restart_required(key);
              }
            }
            call->Finish(result.status().code());
            reactor->Finish(ToGrpcStatus(result.status()));
          },
      .cancel =
          [reactor, call] {
            call->Finish(absl::StatusCode::kUnavailable);
            reactor->Finish(ToGrpcStatus(absl::UnavailableError("server is shutting down")));
          },
  });
  if (!queued) {
    call->Finish(absl::StatusCode::kResourceExhausted);
    reactor->Finish(ToGrpcStatus(absl::ResourceExhaustedError("too many calls in flight")));
  }
  return reactor;
}

grpc::ServerUnaryReactor* AdminService::Dispatch(grpc::CallbackServerContext* context,
                                                 const char* method, const absl::Status& validation,
                                                 std::function<absl::Status()> work) {
  return DispatchUnary(context, admission_, workers_, method, validation, std::move(work));
}

grpc::ServerUnaryReactor* AdminService::ListDeadLetters(grpc::CallbackServerContext* context,
                                                        const v1::ListDeadLettersRequest* request,
                                                        v1::ListDeadLettersResponse* response) {
  absl::StatusOr<storage::DeadLetterQuery> query = DeadLetterQueryFrom(*request);
  return Dispatch(context, "ListDeadLetters", query.status(), [this, query, response] {
    absl::StatusOr<std::vector<storage::OutboxEntry>> page = outbox_.ListDead(*query);
    if (page.ok()) DeadLetterPageToProto(*page, *query, *response);
    return page.status();
  });
}

grpc::ServerUnaryReactor* AdminService::ReplayDeadLetters(grpc::CallbackServerContext* context,
                                                          const v1::ReplayDeadLettersRequest* request,
                                                          v1::ReplayDeadLettersResponse* response) {
  absl::StatusOr<storage::DeadLetterQuery> query = DeadLetterQueryFrom(*request);
  absl::Status validation = query.status();
  if (validation.ok() && request->enable_destination() &&
      !dispatcher_.HasDestination(query->destination)) {
    validation = absl::InvalidArgumentError(absl::StrCat(
        "filter.destination: \"", query->destination.substr(0, 64),
        "\" is not an enabled destination of the running configuration"));
  }
  const bool enable = request->enable_destination();
  return Dispatch(context, "ReplayDeadLetters", validation, [this, query, enable, response] {
    if (enable) {
      absl::StatusOr<bool> enabled = dispatcher_.EnableDestination(query->destination);
      if (!enabled.ok()) return enabled.status();
      response->set_destination_enabled(*enabled);
    }
    absl::StatusOr<int64_t> replayed = outbox_.ReplayDead(*query, clock_.Now());
    if (!replayed.ok()) return replayed.status();
    response->set_replayed(*replayed);
    dispatcher_.Notify();
    return absl::OkStatus();
  });
}

}  // namespace debrief::rpc
