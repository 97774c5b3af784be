// The debrief.v1.Debrief gRPC service (callback API). Each method validates, converts
// and hands off: closes go to the worker pool (a reactor never blocks), suggestions and
// feedback run inline (they only read snapshots and queue writes).
#ifndef DEBRIEF_SERVER_RPC_DEBRIEF_SERVICE_H_
#define DEBRIEF_SERVER_RPC_DEBRIEF_SERVICE_H_

#include "debrief/v1/debrief_service.grpc.pb.h"
#include "server/common/worker_pool.h"
#include "server/config/server_options.h"
#include "server/core/close_handler.h"
#include "server/core/tag_suggester.h"
#include "server/rpc/admission.h"

namespace debrief::rpc {

// Thread-safe. Every reference must outlive the gRPC server it is registered with.
class DebriefService final : public v1::Debrief::CallbackService {
 public:
  DebriefService(core::CloseHandler& closer, core::TagSuggester& suggester,
                 common::WorkerPool& workers, Admission& admission,
                 const config::LimitsOptions& limits);

  grpc::ServerUnaryReactor* OnTicketClosed(grpc::CallbackServerContext* context,
                                           const v1::OnTicketClosedRequest* request,
                                           v1::OnTicketClosedResponse* response) override;
  grpc::ServerUnaryReactor* SuggestTags(grpc::CallbackServerContext* context,
                                        const v1::SuggestTagsRequest* request,
                                        v1::SuggestTagsResponse* response) override;
  grpc::ServerUnaryReactor* RecordFeedback(grpc::CallbackServerContext* context,
                                           const v1::RecordFeedbackRequest* request,
                                           v1::RecordFeedbackResponse* response) override;
  // Historical closes, recorded and trained on one by one (see backfill_reactor.h).
  grpc::ServerReadReactor<v1::BackfillRequest>* Backfill(grpc::CallbackServerContext* context,
                                                        v1::BackfillResponse* response) override;

 private:
  core::CloseHandler& closer_;
  core::TagSuggester& suggester_;
  common::WorkerPool& workers_;
  Admission& admission_;
  const config::LimitsOptions limits_;
};

}  // namespace debrief::rpc

#endif  // DEBRIEF_SERVER_RPC_DEBRIEF_SERVICE_H_
