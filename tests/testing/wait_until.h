// Waiting on a condition in tests, bounded in time, instead of sleeping.
//
//   ASSERT_TRUE(WaitUntil([&] { return inbox.PendingCount().value() == 0; }));
#ifndef DEBRIEF_TESTS_TESTING_WAIT_UNTIL_H_
#define DEBRIEF_TESTS_TESTING_WAIT_UNTIL_H_

#include <functional>

#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace debrief::testing {

// Checks `done` every few milliseconds until it holds (true) or `timeout` passes (false).
inline bool WaitUntil(const std::function<bool()>& done, absl::Duration timeout = absl::Seconds(20)) {
  const absl::Time deadline = absl::Now() + timeout;
  absl::Mutex mu;
  absl::MutexLock lock(&mu);
  const bool never = false;
  while (!done()) {
    if (absl::Now() > deadline) return false;
    mu.AwaitWithTimeout(absl::Condition(&never), absl::Milliseconds(5));
  }
  return true;
}

}  // namespace debrief::testing

#endif  // DEBRIEF_TESTS_TESTING_WAIT_UNTIL_H_
