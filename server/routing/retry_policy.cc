#include "server/routing/retry_policy.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace debrief::routing {

NextStep RetryPolicy::After(const DeliveryResult& result, int attempts, absl::Time enqueued_at,
                            absl::Time now) const {
  NextStep step;
  switch (result.outcome) {
    case DeliveryResult::Outcome::kDelivered:
      step.action = NextStep::Action::kDone;
      return step;
    case DeliveryResult::Outcome::kGone:
      step.action = NextStep::Action::kDisableDestination;
      step.reason = absl::StrCat("destination answered 410 Gone: ", result.error);
      return step;
    case DeliveryResult::Outcome::kReject:
      step.action = NextStep::Action::kDeadLetter;
      step.reason = absl::StrCat("rejected: ", result.error);
      return step;
    case DeliveryResult::Outcome::kRetry:
      break;
  }
  // Past the schedule, its last delay repeats: only the horizon ends the retries.
  const size_t index = std::min<size_t>(attempts, options_.schedule.size()) - 1;
  const double factor = 1 - options_.jitter + 2 * options_.jitter * random_.NextDouble();
  absl::Duration delay = std::min(options_.schedule[index] * factor, options_.max_delay);
  if (result.retry_after.has_value()) {
    delay = std::max(delay, std::min(*result.retry_after, kMaxRetryAfter));
  }
  step.retry_at = now + delay;
  if (step.retry_at - enqueued_at > options_.horizon) {
    step.action = NextStep::Action::kDeadLetter;
    step.reason = absl::StrCat("undelivered past the ", absl::FormatDuration(options_.horizon),
                               " horizon: ", result.error);
    return step;
  }
  step.action = NextStep::Action::kRetry;
  return step;
}

}  // namespace debrief::routing
