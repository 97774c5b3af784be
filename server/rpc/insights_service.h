// The debrief.v1.Insights gRPC service. Account memory is served here
// (GetAccountHealth, ForgetCustomer, UpsertAccounts): each call is validated, converted
// and handed to the worker pool, since it reads or commits to storage. GetDigest builds
// the digest (core::DigestSource) on the pool too. StreamInsights streams the insight feed
// (InsightStreamReactor), waiting on `feed` once caught up.
#ifndef DEBRIEF_SERVER_RPC_INSIGHTS_SERVICE_H_
#define DEBRIEF_SERVER_RPC_INSIGHTS_SERVICE_H_

#include <functional>

#include "debrief/v1/insights_service.grpc.pb.h"
#include "server/common/worker_pool.h"
#include "server/config/server_options.h"
#include "server/core/account_memory.h"
#include "server/core/digest.h"
#include "server/rpc/admission.h"
#include "server/rpc/insight_feed.h"

namespace debrief::rpc {

// Thread-safe. Every reference must outlive the gRPC server it is registered with.
class InsightsService final : public v1::Insights::CallbackService {
 public:
  InsightsService(core::AccountMemory& accounts, core::DigestSource& digests,
                  InsightFeed& feed, common::WorkerPool& workers, Admission& admission,
                  const config::LimitsOptions& limits);

  grpc::ServerUnaryReactor* GetAccountHealth(grpc::CallbackServerContext* context,
                                             const v1::GetAccountHealthRequest* request,
                                             v1::GetAccountHealthResponse* response) override;
  grpc::ServerUnaryReactor* GetDigest(grpc::CallbackServerContext* context,
                                      const v1::GetDigestRequest* request,
                                      v1::GetDigestResponse* response) override;
  // Validated first (INVALID_ARGUMENT naming the field); RESOURCE_EXHAUSTED when the
  // feed's stream limit is reached.
  grpc::ServerWriteReactor<v1::Insight>* StreamInsights(grpc::CallbackServerContext* context,
                                                        const v1::StreamInsightsRequest* request) override;
  grpc::ServerUnaryReactor* ForgetCustomer(grpc::CallbackServerContext* context,
                                           const v1::ForgetCustomerRequest* request,
                                           v1::ForgetCustomerResponse* response) override;
  grpc::ServerUnaryReactor* UpsertAccounts(grpc::CallbackServerContext* context,
                                           const v1::UpsertAccountsRequest* request,
                                           v1::UpsertAccountsResponse* response) override;

 private:
  // Answers `validation` when it is an error; otherwise admits the call and runs `work`
  // (which fills the response and returns the status to answer with) on the pool.
  grpc::ServerUnaryReactor* Dispatch(grpc::CallbackServerContext* context, const char* method,
                                     const absl::Status& validation,
                                     std::function<absl::Status()> work);

  core::AccountMemory& accounts_;
  core::DigestSource& digests_;
  InsightFeed& feed_;
  common::WorkerPool& workers_;
  Admission& admission_;
  const config::LimitsOptions limits_;
};

}  // namespace debrief::rpc

#endif  // DEBRIEF_SERVER_RPC_INSIGHTS_SERVICE_H_
