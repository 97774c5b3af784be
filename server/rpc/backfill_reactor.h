// The server side of Debrief.Backfill, a client stream of historical closed tickets.
// Each ticket is validated (an invalid one is counted and reported by its position,
// never fatal), then recorded and trained on through the CloseHandler in backfill mode
// on the worker pool, one at a time and in stream order, so the reactor never blocks
// and a fast client is paced by flow control rather than buffered without bound.
#ifndef DEBRIEF_SERVER_RPC_BACKFILL_REACTOR_H_
#define DEBRIEF_SERVER_RPC_BACKFILL_REACTOR_H_

#include <memory>

#include "debrief/v1/debrief_service.grpc.pb.h"
#include "server/common/worker_pool.h"
#include "server/config/server_options.h"
#include "server/core/close_handler.h"
#include "server/rpc/admission.h"

namespace debrief::rpc {

// Owns itself: deleted by gRPC after OnDone. Every reference must outlive the call.
class BackfillReactor final : public grpc::ServerReadReactor<v1::BackfillRequest> {
 public:
  // Starts reading. `call` is the admitted call's slot, released when the stream ends.
  BackfillReactor(core::CloseHandler& closer, common::WorkerPool& workers, Admission::Ticket call,
                  const config::LimitsOptions& limits, v1::BackfillResponse* response);

  void OnReadDone(bool ok) override;
  void OnDone() override { delete this; }

 private:
  // Records one validated ticket (on a pool thread), then reads the next.
  void Record(int64_t index, const v1::Ticket& ticket);
  void Reject(int64_t index, const std::string& ticket_id, const absl::Status& status);
  void End(const absl::Status& status);

  core::CloseHandler& closer_;
  common::WorkerPool& workers_;
  Admission::Ticket call_;
  const config::LimitsOptions limits_;
  v1::BackfillResponse* const response_;
  // Touched only by the one read or record step in flight (steps never overlap).
  v1::BackfillRequest request_;
};

}  // namespace debrief::rpc

#endif  // DEBRIEF_SERVER_RPC_BACKFILL_REACTOR_H_
