// A per-destination circuit breaker after Convoy's: closed while the destination mostly
// answers; open (nothing is sent) once at least `minimum_requests` attempts in the last
// `window` failed at `failure_ratio` or more; after `open_for` it lets one probe through
// (half-open), whose success closes it and whose failure opens it again. Time comes from
// the injected clock.
#ifndef DEBRIEF_SERVER_ROUTING_CIRCUIT_BREAKER_H_
#define DEBRIEF_SERVER_ROUTING_CIRCUIT_BREAKER_H_

#include <deque>
#include <utility>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "server/common/clock.h"
#include "server/config/routing_options.h"

namespace debrief::routing {

// Thread-safe. `clock` must outlive it.
class CircuitBreaker {
 public:
  enum class State { kClosed, kOpen, kHalfOpen };

  CircuitBreaker(const config::CircuitBreakerOptions& options, const common::Clock& clock)
      : options_(options), clock_(clock) {}

  // True when an attempt may be made now. In half-open, true for one probe at a time.
  bool Allow();
  // The outcome of an allowed attempt (true: the destination answered acceptably).
  void Record(bool success);
  State state() const;
  // When an open breaker lets a probe through; InfinitePast when not open.
  absl::Time probe_at() const;

 private:
  void Trim(absl::Time now) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const config::CircuitBreakerOptions options_;
  const common::Clock& clock_;
  mutable absl::Mutex mu_;
  State state_ ABSL_GUARDED_BY(mu_) = State::kClosed;
  absl::Time open_until_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
  bool probe_in_flight_ ABSL_GUARDED_BY(mu_) = false;
  // (time, success) of attempts in the window, oldest first.
  std::deque<std::pair<absl::Time, bool>> samples_ ABSL_GUARDED_BY(mu_);
};

}  // namespace debrief::routing

#endif  // DEBRIEF_SERVER_ROUTING_CIRCUIT_BREAKER_H_
