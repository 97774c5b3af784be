// The debrief.v1.Admin gRPC service: ReloadConfig, and dead-letter management over the
// routing outbox (ListDeadLetters, ReplayDeadLetters; a replay wakes the dispatcher and
// can re-enable a destination a 410 disabled). Every call is validated first (errors name
// the field), then runs on the worker pool, since it reads or commits to storage.
#ifndef DEBRIEF_SERVER_RPC_ADMIN_SERVICE_H_
#define DEBRIEF_SERVER_RPC_ADMIN_SERVICE_H_

#include <functional>

#include "debrief/v1/admin_service.grpc.pb.h"
#include "server/common/clock.h"
#include "server/common/worker_pool.h"
#include "server/core/config_reloader.h"
#include "server/routing/dispatcher.h"
#include "server/rpc/admission.h"
#include "server/storage/outbox_store.h"

namespace debrief::rpc {

// Thread-safe. Every reference must outlive the gRPC server it is registered with.
class AdminService final : public v1::Admin::CallbackService {
 public:
  // `dispatcher` delivers what `outbox` holds.
  AdminService(core::ConfigReloader& reloader, storage::OutboxStore& outbox,
               routing::Dispatcher& dispatcher, const common::Clock& clock,
               common::WorkerPool& workers, Admission& admission)
      : reloader_(reloader), outbox_(outbox), dispatcher_(dispatcher), clock_(clock),
        workers_(workers), admission_(admission) {}

  grpc::ServerUnaryReactor* ReloadConfig(grpc::CallbackServerContext* context,
                                         const v1::ReloadConfigRequest* request,
                                         v1::ReloadConfigResponse* response) override;
  grpc::ServerUnaryReactor* ListDeadLetters(grpc::CallbackServerContext* context,
                                            const v1::ListDeadLettersRequest* request,
                                            v1::ListDeadLettersResponse* response) override;
  // Puts the matching dead letters back to pending (attempts reset), re-enables the
  // destination when asked (INVALID_ARGUMENT for one not configured), wakes the dispatcher.
  grpc::ServerUnaryReactor* ReplayDeadLetters(grpc::CallbackServerContext* context,
                                              const v1::ReplayDeadLettersRequest* request,
                                              v1::ReplayDeadLettersResponse* response) override;

 private:
  // Answers `validation` when it is an error; otherwise admits the call and runs `work`
  // (which fills the response and returns the status to answer with) on the pool.
  grpc::ServerUnaryReactor* Dispatch(grpc::CallbackServerContext* context, const char* method,
                                     const absl::Status& validation,
                                     std::function<absl::Status()> work);

  core::ConfigReloader& reloader_;
  storage::OutboxStore& outbox_;
  routing::Dispatcher& dispatcher_;
  const common::Clock& clock_;
  common::WorkerPool& workers_;
  Admission& admission_;
};

}  // namespace debrief::rpc

#endif  // DEBRIEF_SERVER_RPC_ADMIN_SERVICE_H_
