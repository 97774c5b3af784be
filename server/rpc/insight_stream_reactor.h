// The server side of Insights.StreamInsights: sends the stored insights after the
// request's cursor that match its audiences and kinds, page by page in feed order, then
// follows new ones as they are stored (InsightFeed), until the client cancels or the
// server shuts down (UNAVAILABLE: resume from the last cursor received). Each Insight
// carries its cursor; resuming after it continues with no gap and no repeat. Storage
// reads run on the worker pool; the reactor never blocks a gRPC thread, and at most one
// step (read, write or wait) is in flight at a time.
#ifndef DEBRIEF_SERVER_RPC_INSIGHT_STREAM_REACTOR_H_
#define DEBRIEF_SERVER_RPC_INSIGHT_STREAM_REACTOR_H_

#include <cstdint>
#include <deque>
#include <optional>

#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/status/statusor.h"
#include "debrief/v1/insight.pb.h"
#include "debrief/v1/insights_service.pb.h"
#include "grpcpp/support/server_callback.h"
#include "server/common/worker_pool.h"
#include "server/rpc/insight_feed.h"
#include "server/storage/outbox_store.h"

namespace debrief::rpc {

// The query `request` asks for. INVALID_ARGUMENT naming the field for an unknown
// audience ("audiences[1]: ...") or kind ("kinds[0]: ...") or a cursor this server did
// not give out ("cursor: ...").
absl::StatusOr<storage::InsightQuery> InsightQueryFrom(const v1::StreamInsightsRequest& request);

// Owns itself: deleted by gRPC after OnDone. `feed` and `workers` must outlive the call.
// The caller took a stream slot (InsightFeed::TryOpenStream); the reactor returns it.
class InsightStreamReactor final : public grpc::ServerWriteReactor<v1::Insight> {
 public:
  // Starts reading the insights `query` selects (its after_sequence is the cursor).
  InsightStreamReactor(InsightFeed& feed, common::WorkerPool& workers, storage::InsightQuery query);

  void OnWriteDone(bool ok) override;
  void OnCancel() override;
  void OnDone() override { delete this; }

 private:
  // Reads the next page on the pool.
  void Fetch();
  // On a pool thread: reads a page, then writes it or waits for more.
  void ReadPage();
  // Sends the next insight of `pending_` (not empty).
  void WriteNext();
  // Finishes the call once.
  void End(const absl::Status& status);

  InsightFeed& feed_;
  common::WorkerPool& workers_;
  // Its after_sequence is the feed position: everything matching up to it was sent.
  storage::InsightQuery query_;
  // Read but not yet written, and the one being written. Touched only by the step in flight.
  std::deque<v1::Insight> pending_;
  v1::Insight writing_;

  absl::Mutex mu_;
  bool cancelled_ ABSL_GUARDED_BY(mu_) = false;
  bool finished_ ABSL_GUARDED_BY(mu_) = false;
  // Set while waiting in the feed.
  std::optional<int64_t> waiter_ ABSL_GUARDED_BY(mu_);
};

}  // namespace debrief::rpc

#endif  // DEBRIEF_SERVER_RPC_INSIGHT_STREAM_REACTOR_H_
