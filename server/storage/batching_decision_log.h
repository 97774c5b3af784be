// A DecisionLog that queues appends and commits them in batches on its own thread, so
// SuggestTags answers without waiting for a disk commit. A decision is findable as soon
// as it is appended (pending ones are answered from memory). A crash loses at most the
// batch not yet committed (at most `flush_interval` of suggestions); feedback on a lost
// decision is answered NOT_FOUND.
#ifndef DEBRIEF_SERVER_STORAGE_BATCHING_DECISION_LOG_H_
#define DEBRIEF_SERVER_STORAGE_BATCHING_DECISION_LOG_H_

#include <deque>
#include <memory>
#include <thread>

#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "server/storage/decision_log.h"

namespace debrief::storage {

struct BatchingDecisionLogOptions {
  // Longest a decision waits before its batch is committed. Default 100ms.
  absl::Duration flush_interval = absl::Milliseconds(100);
  // Decisions that may wait; appends beyond it are dropped (and counted). Default 10000.
  int max_pending = 10000;
};

// Thread-safe. `inner` must outlive it. app/ calls Start() and Shutdown().
class BatchingDecisionLog final : public DecisionLog {
 public:
  BatchingDecisionLog(DecisionLog& inner, BatchingDecisionLogOptions options)
      : inner_(inner), options_(options) {}
  ~BatchingDecisionLog() override;

  void Start();
  // Commits what is pending and stops the thread. Idempotent.
  void Shutdown();

  // Queues the records; never blocks on the disk. RESOURCE_EXHAUSTED when the queue is full.
  absl::Status AppendDecisions(const std::vector<DecisionRecord>& records) override;
  absl::StatusOr<std::optional<DecisionRecord>> FindDecision(absl::string_view decision_id) override;
  // Commits pending decisions first, so feedback never lands before its decision.
  absl::Status AppendFeedback(const core::Feedback& feedback, absl::Time at) override;

  // Commits what is pending now.
  absl::Status Flush();
  // Appends dropped because the queue was full.
  int64_t dropped() const;

 private:
  void Loop();

  DecisionLog& inner_;
  const BatchingDecisionLogOptions options_;
  absl::Mutex flush_mu_;  // serializes commits, so order is kept
  mutable absl::Mutex mu_;
  std::deque<DecisionRecord> pending_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  int64_t dropped_ ABSL_GUARDED_BY(mu_) = 0;
  std::thread thread_;
};

}  // namespace debrief::storage

#endif  // DEBRIEF_SERVER_STORAGE_BATCHING_DECISION_LOG_H_
