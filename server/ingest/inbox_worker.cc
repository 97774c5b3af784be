#include "server/ingest/inbox_worker.h"

#include <vector>

#include "server/common/logging.h"
#include "server/common/status_macros.h"

namespace debrief::ingest {

absl::StatusOr<std::unique_ptr<InboxWorker>> InboxWorker::Create(
    const InboxWorkerOptions& options, core::WebhookInbox& inbox, DeliveryProcessor& processor,
    const common::Snapshot<SourceRegistry>& sources, const common::Clock& clock,
    common::MetricsRegistry& metrics) {
  DEBRIEF_ASSIGN_OR_RETURN(std::unique_ptr<common::WorkerPool> pool,
                           common::WorkerPool::Create({.name = "inbox",
                                                       .threads = options.threads,
                                                       .queue_capacity = options.threads}));
  return std::unique_ptr<InboxWorker>(
      new InboxWorker(options, inbox, processor, sources, clock, metrics, std::move(pool)));
}

InboxWorker::InboxWorker(const InboxWorkerOptions& options, core::WebhookInbox& inbox,
                         DeliveryProcessor& processor,
                         const common::Snapshot<SourceRegistry>& sources,
                         const common::Clock& clock, common::MetricsRegistry& metrics,
                         std::unique_ptr<common::WorkerPool> pool)
    : options_(options),
      inbox_(inbox),
      processor_(processor),
      sources_(sources),
      clock_(clock),
      pending_(metrics
                   .AddGauge("debrief_hook_inbox_pending",
                             "Accepted webhook deliveries not yet processed.")
                   .WithLabels({})),
      purged_(metrics
                  .AddCounter("debrief_hook_inbox_purged_total",
                              "Finished deliveries forgotten after their dedupe horizon.")
                  .WithLabels({})),
      pool_(std::move(pool)),
      next_purge_(clock.Now()) {}

InboxWorker::~InboxWorker() { Shutdown(absl::ZeroDuration()); }

void InboxWorker::Start() {
  pool_->Start();
  dispatcher_ = std::thread([this] { Loop(); });
}

void InboxWorker::Wake() {
  absl::MutexLock lock(&mu_);
  woken_ = true;
}

void InboxWorker::Shutdown(absl::Duration deadline) {
  {
    absl::MutexLock lock(&mu_);
    if (stopping_) return;
    stopping_ = true;
  }
  if (dispatcher_.joinable()) dispatcher_.join();
  pool_->Shutdown(deadline);
}

void InboxWorker::Loop() {
  while (true) {
    {
      absl::MutexLock lock(&mu_);
      const auto wake = [this]() ABSL_SHARED_LOCKS_REQUIRED(mu_) { return woken_ || stopping_; };
      mu_.AwaitWithTimeout(absl::Condition(&wake), options_.poll_interval);
      if (stopping_) return;
      woken_ = false;
    }
    Dispatch();
    if (clock_.Now() >= next_purge_) Purge();
  }
}

void InboxWorker::Dispatch() {
  std::vector<int64_t> skip;
  int room = 0;
  {
    absl::MutexLock lock(&mu_);
    skip.assign(in_flight_.begin(), in_flight_.end());
    room = options_.threads - static_cast<int>(in_flight_.size());
  }
  if (room > 0) {
    absl::StatusOr<std::vector<core::InboxEntry>> due = inbox_.Due(clock_.Now(), room, skip);
    {
      absl::MutexLock lock(&mu_);
      backlog_ = due.ok() && static_cast<int>(due->size()) == room;
    }
    if (!due.ok()) {
      common::ModuleLogger("ingest")->warn("reading the webhook inbox: {}", due.status().message());
    } else {
      for (core::InboxEntry& entry : *due) {
        const int64_t id = entry.id;
        {
          absl::MutexLock lock(&mu_);
          in_flight_.insert(id);
        }
        auto shared = std::make_shared<core::InboxEntry>(std::move(entry));
        const bool queued = pool_->TrySubmit({.run = [this, shared] {
                                                processor_.Process(*shared);
                                                Finished(shared->id);
                                              },
                                              .cancel = [this, id] { Finished(id); }});
        if (!queued) {
          Finished(id);
          break;
        }
      }
    }
  }
  if (absl::StatusOr<int64_t> pending = inbox_.PendingCount(); pending.ok()) {
    pending_.Set(static_cast<double>(*pending));
  }
}

void InboxWorker::Purge() {
  const absl::Time now = clock_.Now();
  next_purge_ = now + options_.purge_interval;
  const std::shared_ptr<const SourceRegistry> registry = sources_.Get();
  for (const auto& source : registry->sources()) {
    absl::StatusOr<int64_t> purged =
        inbox_.Purge(source->name(), now - source->options().dedupe_horizon);
    if (purged.ok()) {
      purged_.Increment(static_cast<double>(*purged));
    } else {
      common::ModuleLogger("ingest")->warn("purging the webhook inbox: {}",
                                           purged.status().message());
    }
  }
}

void InboxWorker::Finished(int64_t id) {
  absl::MutexLock lock(&mu_);
  in_flight_.erase(id);
  // The last read filled the pool: more may be waiting.
  if (backlog_) woken_ = true;
}

}  // namespace debrief::ingest
