// A token bucket: a sustained rate with a burst allowance, on an injected clock.
//
//   RateLimiter limiter({.requests_per_second = 20, .burst = 100}, clock);
//   if (std::optional<absl::Duration> wait = limiter.TryAcquire()) Reject(*wait);
#ifndef DEBRIEF_SERVER_INGEST_RATE_LIMITER_H_
#define DEBRIEF_SERVER_INGEST_RATE_LIMITER_H_

#include <optional>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "server/common/clock.h"
#include "server/config/sources_options.h"

namespace debrief::ingest {

// Thread-safe. `clock` must outlive it.
class RateLimiter {
 public:
  RateLimiter(const config::RateLimitOptions& options, const common::Clock& clock);

  // Takes one token: nullopt when allowed, else how long until a token is available.
  std::optional<absl::Duration> TryAcquire();

 private:
  const double rate_;
  const double burst_;
  const common::Clock& clock_;
  absl::Mutex mu_;
  double tokens_ ABSL_GUARDED_BY(mu_);
  absl::Time refilled_ ABSL_GUARDED_BY(mu_);
};

}  // namespace debrief::ingest

#endif  // DEBRIEF_SERVER_INGEST_RATE_LIMITER_H_
