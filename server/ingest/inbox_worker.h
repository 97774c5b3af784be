// Drains the webhook inbox: a dispatcher thread picks due deliveries and hands them to a
// small pool that runs DeliveryProcessor::Process, so slow enrichment or analysis never
// delays the webhook answers. It wakes when the route accepts a delivery (Wake) or every
// poll interval (retries coming due), and purges finished deliveries once they are older
// than their source's dedupe horizon. Owned by app/, which calls Start and Shutdown.
#ifndef DEBRIEF_SERVER_INGEST_INBOX_WORKER_H_
#define DEBRIEF_SERVER_INGEST_INBOX_WORKER_H_

#include <memory>
#include <set>
#include <thread>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "server/common/clock.h"
#include "server/common/metrics.h"
#include "server/common/snapshot.h"
#include "server/common/worker_pool.h"
#include "server/core/webhook_inbox.h"
#include "server/ingest/delivery_processor.h"
#include "server/ingest/source_registry.h"

namespace debrief::ingest {

struct InboxWorkerOptions {
  // Deliveries processed at once. Default 2.
  int threads = 2;
  // How often the inbox is checked without a wake-up (retries coming due). Default 1s.
  absl::Duration poll_interval = absl::Seconds(1);
  // How often finished deliveries past their dedupe horizon are purged. Default 10m.
  absl::Duration purge_interval = absl::Minutes(10);
};

// Thread-safe. Every reference must outlive it.
class InboxWorker {
 public:
  static absl::StatusOr<std::unique_ptr<InboxWorker>> Create(
      const InboxWorkerOptions& options, core::WebhookInbox& inbox, DeliveryProcessor& processor,
      const common::Snapshot<SourceRegistry>& sources, const common::Clock& clock,
      common::MetricsRegistry& metrics);
  ~InboxWorker();

  // Starts the dispatcher and the pool; deliveries left pending by an earlier run are
  // picked up at once.
  void Start();
  // Asks the dispatcher to look at the inbox now. Never blocks.
  void Wake();
  // Stops picking deliveries, lets those being processed finish until `deadline` from now
  // and joins the threads; deliveries not started stay pending for the next start.
  // Idempotent.
  void Shutdown(absl::Duration deadline);

 private:
  InboxWorker(const InboxWorkerOptions& options, core::WebhookInbox& inbox,
              DeliveryProcessor& processor, const common::Snapshot<SourceRegistry>& sources,
              const common::Clock& clock, common::MetricsRegistry& metrics,
              std::unique_ptr<common::WorkerPool> pool);
  void Loop();
  void Dispatch();
  void Purge();
  void Finished(int64_t id);

  const InboxWorkerOptions options_;
  core::WebhookInbox& inbox_;
  DeliveryProcessor& processor_;
  const common::Snapshot<SourceRegistry>& sources_;
  const common::Clock& clock_;
  common::Gauge& pending_;
  common::Counter& purged_;
  const std::unique_ptr<common::WorkerPool> pool_;
  std::thread dispatcher_;
  absl::Time next_purge_;

  absl::Mutex mu_;
  bool woken_ ABSL_GUARDED_BY(mu_) = true;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::set<int64_t> in_flight_ ABSL_GUARDED_BY(mu_);
  // The last read returned as many deliveries as there was room for.
  bool backlog_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace debrief::ingest

#endif  // DEBRIEF_SERVER_INGEST_INBOX_WORKER_H_
