#include "server/ingest/rate_limiter.h"

#include <algorithm>

namespace debrief::ingest {

RateLimiter::RateLimiter(const config::RateLimitOptions& options, const common::Clock& clock)
    : rate_(options.requests_per_second),
      burst_(options.burst),
      clock_(clock),
      tokens_(options.burst),
      refilled_(clock.Now()) {}

std::optional<absl::Duration> RateLimiter::TryAcquire() {
  absl::MutexLock lock(&mu_);
  const absl::Time now = clock_.Now();
  if (now > refilled_) {
    tokens_ = std::min(burst_, tokens_ + absl::ToDoubleSeconds(now - refilled_) * rate_);
    refilled_ = now;
  }
  if (tokens_ >= 1) {
    tokens_ -= 1;
    return std::nullopt;
  }
  return absl::Seconds((1 - tokens_) / rate_);
}

}  // namespace debrief::ingest
