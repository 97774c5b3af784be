#include "server/rpc/unary_dispatch.h"

#include <memory>
#include <optional>
#include <utility>

#include "server/rpc/status_conversion.h"

namespace debrief::rpc {

grpc::ServerUnaryReactor* DispatchUnary(grpc::CallbackServerContext* context, Admission& admission,
                                        common::WorkerPool& workers, const char* method,
                                        const absl::Status& validation, std::function<absl::Status()> work) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  if (!validation.ok()) {
    admission.RecordRejected(method, validation.code());
    reactor->Finish(ToGrpcStatus(validation));
    return reactor;
  }
  const absl::Status overloaded =
      absl::ResourceExhaustedError("too many calls in flight; retry with backoff");
  std::optional<Admission::Ticket> admitted = admission.TryEnter(method);
  if (!admitted.has_value()) {
    reactor->Finish(ToGrpcStatus(overloaded));
    return reactor;
  }
  // Shared between the run and cancel paths; exactly one of them executes.
  auto call = std::make_shared<Admission::Ticket>(std::move(*admitted));
  const bool queued = workers.TrySubmit(common::WorkerTask{
      .run =
          [reactor, call, work = std::move(work)] {
            const absl::Status status = work();
            call->Finish(status.code());
            reactor->Finish(ToGrpcStatus(status));
          },
      .cancel =
          [reactor, call] {
            call->Finish(absl::StatusCode::kUnavailable);
            reactor->Finish(ToGrpcStatus(absl::UnavailableError("server is shutting down; retry")));
          },
  });
  if (!queued) {
    call->Finish(absl::StatusCode::kResourceExhausted);
    reactor->Finish(ToGrpcStatus(overloaded));
  }
  return reactor;
}

}  // namespace debrief::rpc
