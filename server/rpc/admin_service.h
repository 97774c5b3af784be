// The debrief.v1.Admin gRPC service. ReloadConfig is served here; dead-letter
// management is served once routing provides it (until then UNIMPLEMENTED).
#ifndef DEBRIEF_SERVER_RPC_ADMIN_SERVICE_H_
#define DEBRIEF_SERVER_RPC_ADMIN_SERVICE_H_

#include "debrief/v1/admin_service.grpc.pb.h"
#include "server/common/worker_pool.h"
#include "server/core/config_reloader.h"
#include "server/rpc/admission.h"

namespace debrief::rpc {

// Thread-safe. Every reference must outlive the gRPC server it is registered with.
class AdminService final : public v1::Admin::CallbackService {
 public:
  AdminService(core::ConfigReloader& reloader, common::WorkerPool& workers, Admission& admission)
      : reloader_(reloader), workers_(workers), admission_(admission) {}

  grpc::ServerUnaryReactor* ReloadConfig(grpc::CallbackServerContext* context,
                                         const v1::ReloadConfigRequest* request,
                                         v1::ReloadConfigResponse* response) override;

 private:
  core::ConfigReloader& reloader_;
  common::WorkerPool& workers_;
  Admission& admission_;
};

}  // namespace debrief::rpc

#endif  // DEBRIEF_SERVER_RPC_ADMIN_SERVICE_H_
