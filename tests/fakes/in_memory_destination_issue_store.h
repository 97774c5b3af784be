// A DestinationIssueStore in memory, with a switch to make it fail. Thread-safe.
#ifndef DEBRIEF_TESTS_FAKES_IN_MEMORY_DESTINATION_ISSUE_STORE_H_
#define DEBRIEF_TESTS_FAKES_IN_MEMORY_DESTINATION_ISSUE_STORE_H_

#include <map>
#include <string>
#include <utility>

#include "absl/synchronization/mutex.h"
#include "server/storage/destination_issue_store.h"

namespace debrief::testing {

class InMemoryDestinationIssueStore final : public storage::DestinationIssueStore {
 public:
  absl::StatusOr<std::optional<std::string>> Find(absl::string_view destination,
                                                  absl::string_view dedupe_key) override {
    absl::MutexLock lock(&mu_);
    if (failing_) return absl::UnavailableError("disk I/O error");
    auto it = issues_.find({std::string(destination), std::string(dedupe_key)});
    if (it == issues_.end()) return std::nullopt;
    return it->second;
  }
  absl::Status Remember(absl::string_view destination, absl::string_view dedupe_key,
                        absl::string_view issue_key) override {
    absl::MutexLock lock(&mu_);
    if (failing_) return absl::UnavailableError("disk I/O error");
    issues_[{std::string(destination), std::string(dedupe_key)}] = std::string(issue_key);
    return absl::OkStatus();
  }
  void set_failing(bool failing) {
    absl::MutexLock lock(&mu_);
    failing_ = failing;
  }
  std::map<std::pair<std::string, std::string>, std::string> issues() {
    absl::MutexLock lock(&mu_);
    return issues_;
  }

 private:
  absl::Mutex mu_;
  bool failing_ ABSL_GUARDED_BY(mu_) = false;
  std::map<std::pair<std::string, std::string>, std::string> issues_ ABSL_GUARDED_BY(mu_);
};

}  // namespace debrief::testing

#endif  // DEBRIEF_TESTS_FAKES_IN_MEMORY_DESTINATION_ISSUE_STORE_H_
