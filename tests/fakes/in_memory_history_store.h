// HistoryStore in memory, with a switch to make commits fail.
#ifndef DEBRIEF_TESTS_FAKES_IN_MEMORY_HISTORY_STORE_H_
#define DEBRIEF_TESTS_FAKES_IN_MEMORY_HISTORY_STORE_H_

#include <map>
#include <string>

#include "absl/synchronization/mutex.h"
#include "server/storage/history_store.h"

namespace debrief::testing {

// Thread-safe.
class InMemoryHistoryStore final : public storage::HistoryStore {
 public:
  absl::StatusOr<std::optional<core::Debriefing>> FindClose(absl::string_view close_key) override {
    absl::MutexLock lock(&mu_);
    auto it = records_.find(std::string(close_key));
    if (it == records_.end()) return std::optional<core::Debriefing>();
    core::Debriefing debriefing = it->second.debriefing;
    debriefing.replayed = true;
    return std::optional<core::Debriefing>(debriefing);
  }

  absl::StatusOr<storage::RecordOutcome> RecordClose(const storage::CloseRecord& record) override {
    absl::MutexLock lock(&mu_);
    if (fail_commits_) return absl::UnavailableError("injected commit failure");
    storage::RecordOutcome outcome;
    auto [it, inserted] = records_.emplace(record.close_key, record);
    outcome.debriefing = it->second.debriefing;
    outcome.replayed = !inserted;
    if (!inserted) outcome.debriefing.replayed = true;
    return outcome;
  }

  void set_fail_commits(bool fail) {
    absl::MutexLock lock(&mu_);
    fail_commits_ = fail;
  }
  size_t size() const {
    absl::MutexLock lock(&mu_);
    return records_.size();
  }
  std::map<std::string, storage::CloseRecord> records() const {
    absl::MutexLock lock(&mu_);
    return records_;
  }

 private:
  mutable absl::Mutex mu_;
  std::map<std::string, storage::CloseRecord> records_ ABSL_GUARDED_BY(mu_);
  bool fail_commits_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace debrief::testing

#endif  // DEBRIEF_TESTS_FAKES_IN_MEMORY_HISTORY_STORE_H_
