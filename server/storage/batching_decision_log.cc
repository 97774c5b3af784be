#include "server/storage/batching_decision_log.h"

#include "server/common/logging.h"

namespace debrief::storage {

BatchingDecisionLog::~BatchingDecisionLog() { Shutdown(); }

void BatchingDecisionLog::Start() { thread_ = std::thread([this] { Loop(); }); }

void BatchingDecisionLog::Shutdown() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
  if (absl::Status status = Flush(); !status.ok()) {
    common::ModuleLogger("storage")->error("decision log: final flush failed: {}",
                                           status.ToString());
  }
}

absl::Status BatchingDecisionLog::AppendDecisions(const std::vector<DecisionRecord>& records) {
  absl::MutexLock lock(&mu_);
  if (static_cast<int>(pending_.size() + records.size()) > options_.max_pending) {
    dropped_ += static_cast<int64_t>(records.size());
    return absl::ResourceExhaustedError("decision log queue is full");
  }
  pending_.insert(pending_.end(), records.begin(), records.end());
  return absl::OkStatus();
}

absl::StatusOr<std::optional<DecisionRecord>> BatchingDecisionLog::FindDecision(
    absl::string_view decision_id) {
  {
    absl::MutexLock lock(&mu_);
    for (const DecisionRecord& record : pending_) {
      if (record.decision_id == decision_id) return std::optional<DecisionRecord>(record);
    }
  }
  return inner_.FindDecision(decision_id);
}

absl::Status BatchingDecisionLog::AppendFeedback(const core::Feedback& feedback, absl::Time at) {
  if (absl::Status status = Flush(); !status.ok()) return status;
  return inner_.AppendFeedback(feedback, at);
}

absl::Status BatchingDecisionLog::Flush() {
  absl::MutexLock flush_lock(&flush_mu_);
  std::vector<DecisionRecord> batch;
  {
    absl::MutexLock lock(&mu_);
    batch.assign(pending_.begin(), pending_.end());
  }
  if (batch.empty()) return absl::OkStatus();
  absl::Status status = inner_.AppendDecisions(batch);
  if (status.ok()) {
    // Remove only what was committed; appends that arrived meanwhile stay queued.
    absl::MutexLock lock(&mu_);
    pending_.erase(pending_.begin(), pending_.begin() + static_cast<long>(batch.size()));
  }
  return status;
}

int64_t BatchingDecisionLog::dropped() const {
  absl::MutexLock lock(&mu_);
  return dropped_;
}

void BatchingDecisionLog::Loop() {
  auto log = common::ModuleLogger("storage");
  while (true) {
    {
      absl::MutexLock lock(&mu_);
      mu_.AwaitWithTimeout(absl::Condition(&stopping_), options_.flush_interval);
      if (stopping_) return;
    }
    if (absl::Status status = Flush(); !status.ok()) {
      log->warn("decision log: batch commit failed, will retry: {}", status.ToString());
    }
  }
}

}  // namespace debrief::storage
