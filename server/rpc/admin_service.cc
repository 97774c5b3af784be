#include "server/rpc/admin_service.h"

#include <memory>

#include "server/rpc/status_conversion.h"

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

}  // namespace debrief::rpc
