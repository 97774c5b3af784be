// DecisionLog in memory.
#ifndef DEBRIEF_TESTS_FAKES_IN_MEMORY_DECISION_LOG_H_
#define DEBRIEF_TESTS_FAKES_IN_MEMORY_DECISION_LOG_H_

#include <map>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "server/storage/decision_log.h"

namespace debrief::testing {

// Thread-safe.
class InMemoryDecisionLog final : public storage::DecisionLog {
 public:
  absl::Status AppendDecisions(const std::vector<storage::DecisionRecord>& records) override {
    absl::MutexLock lock(&mu_);
    for (const storage::DecisionRecord& record : records) decisions_.emplace(record.decision_id, record);
    return absl::OkStatus();
  }
  absl::StatusOr<std::optional<storage::DecisionRecord>> FindDecision(
      absl::string_view decision_id) override {
    absl::MutexLock lock(&mu_);
    auto it = decisions_.find(std::string(decision_id));
    if (it == decisions_.end()) return std::optional<storage::DecisionRecord>();
    return std::optional<storage::DecisionRecord>(it->second);
  }
  absl::Status AppendFeedback(const core::Feedback& feedback, absl::Time) override {
    absl::MutexLock lock(&mu_);
    feedback_.push_back(feedback);
    return absl::OkStatus();
  }
  std::vector<core::Feedback> feedback() const {
    absl::MutexLock lock(&mu_);
    return feedback_;
  }
  size_t size() const {
    absl::MutexLock lock(&mu_);
    return decisions_.size();
  }

 private:
  mutable absl::Mutex mu_;
  std::map<std::string, storage::DecisionRecord> decisions_ ABSL_GUARDED_BY(mu_);
  std::vector<core::Feedback> feedback_ ABSL_GUARDED_BY(mu_);
};

}  // namespace debrief::testing

#endif  // DEBRIEF_TESTS_FAKES_IN_MEMORY_DECISION_LOG_H_
