// What the dispatcher does after an attempt: done, retry at a time, dead-letter, or
// disable the destination. Pure apart from the injected randomness (jitter), so the
// schedule is testable to the second.
//
//   RetryPolicy policy(options.retry, random);
//   NextStep step = policy.After(result, /*attempts=*/3, entry.enqueued_at, clock.Now());
#ifndef DEBRIEF_SERVER_ROUTING_RETRY_POLICY_H_
#define DEBRIEF_SERVER_ROUTING_RETRY_POLICY_H_

#include <string>

#include "absl/time/time.h"
#include "server/common/clock.h"
#include "server/config/routing_options.h"
#include "server/routing/destination.h"

namespace debrief::routing {

struct NextStep {
  enum class Action { kDone, kRetry, kDeadLetter, kDisableDestination };
  Action action = Action::kDone;
  // kRetry: when to try again.
  absl::Time retry_at;
  // kDeadLetter / kDisableDestination: why.
  std::string reason;
};

// The longest Retry-After honoured; a receiver asking for more waits this long.
inline constexpr absl::Duration kMaxRetryAfter = absl::Hours(24);

// Thread-safe (Random is). `random` must outlive it.
class RetryPolicy {
 public:
  RetryPolicy(config::RetryOptions options, common::Random& random)
      : options_(std::move(options)), random_(random) {}

  // The step after `result` of attempt number `attempts` (from 1) of an insight queued at
  // `enqueued_at`, at `now`. A retry waits schedule[attempts-1] (its last entry once the
  // schedule is exhausted) scaled by jitter and capped by max_delay, or the receiver's
  // Retry-After when that is longer (up to kMaxRetryAfter). The delivery is dead-lettered
  // instead when the retry would fall past the horizon.
  NextStep After(const DeliveryResult& result, int attempts, absl::Time enqueued_at, absl::Time now) const;

  const config::RetryOptions& options() const { return options_; }

 private:
  const config::RetryOptions options_;
  common::Random& random_;
};

}  // namespace debrief::routing

#endif  // DEBRIEF_SERVER_ROUTING_RETRY_POLICY_H_
