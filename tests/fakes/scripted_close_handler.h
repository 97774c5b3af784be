// core::CloseHandler that records the tickets it is given and answers with a fixed
// debriefing (decision id derived from the close key), or with queued errors first; it can
// be held to stand for a slow analysis.
#ifndef DEBRIEF_TESTS_FAKES_SCRIPTED_CLOSE_HANDLER_H_
#define DEBRIEF_TESTS_FAKES_SCRIPTED_CLOSE_HANDLER_H_

#include <deque>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "server/common/ids.h"
#include "server/core/close_handler.h"

namespace debrief::testing {

// Thread-safe.
class ScriptedCloseHandler final : public core::CloseHandler {
 public:
  absl::StatusOr<core::Debriefing> Close(const core::Ticket& ticket, core::CloseMode) override {
    absl::MutexLock lock(&mu_);
    closed_.push_back(ticket);
    ++held_calls_;
    mu_.Await(absl::Condition(&open_));
    --held_calls_;
    if (!errors_.empty()) {
      absl::Status error = errors_.front();
      errors_.pop_front();
      return error;
    }
    core::Debriefing debriefing = answer_;
    debriefing.decision_id = common::StableId("dcl", core::CloseKey(ticket));
    return debriefing;
  }

  // The next Close calls fail with `error`, once each.
  void FailNext(absl::Status error) {
    absl::MutexLock lock(&mu_);
    errors_.push_back(std::move(error));
  }
  // What Close answers (its decision id is replaced).
  void set_answer(core::Debriefing answer) {
    absl::MutexLock lock(&mu_);
    answer_ = std::move(answer);
  }
  // From now on Close blocks (after recording its ticket) until Release: a debriefing
  // that takes as long as the test wants.
  void Hold() {
    absl::MutexLock lock(&mu_);
    open_ = false;
  }
  void Release() {
    absl::MutexLock lock(&mu_);
    open_ = true;
  }
  // Close calls blocked by Hold right now.
  int held_calls() const {
    absl::MutexLock lock(&mu_);
    return held_calls_;
  }
  std::vector<core::Ticket> closed() const {
    absl::MutexLock lock(&mu_);
    return closed_;
  }

 private:
  mutable absl::Mutex mu_;
  std::vector<core::Ticket> closed_ ABSL_GUARDED_BY(mu_);
  std::deque<absl::Status> errors_ ABSL_GUARDED_BY(mu_);
  core::Debriefing answer_ ABSL_GUARDED_BY(mu_);
  bool open_ ABSL_GUARDED_BY(mu_) = true;
  int held_calls_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace debrief::testing

#endif  // DEBRIEF_TESTS_FAKES_SCRIPTED_CLOSE_HANDLER_H_
