#include "server/routing/circuit_breaker.h"

namespace debrief::routing {

void CircuitBreaker::Trim(absl::Time now) {
  while (!samples_.empty() && samples_.front().first <= now - options_.window) samples_.pop_front();
}

bool CircuitBreaker::Allow() {
  absl::MutexLock lock(&mu_);
  switch (state_) {
    case State::kClosed:
      return true;
    case State::kOpen:
      if (clock_.Now() < open_until_) return false;
      state_ = State::kHalfOpen;
      probe_in_flight_ = true;
      return true;
    case State::kHalfOpen:
      if (probe_in_flight_) return false;
      probe_in_flight_ = true;
      return true;
  }
  return false;
}

void CircuitBreaker::Record(bool success) {
  absl::MutexLock lock(&mu_);
  const absl::Time now = clock_.Now();
  if (state_ == State::kHalfOpen) {
    probe_in_flight_ = false;
    samples_.clear();
    if (success) {
      state_ = State::kClosed;
    } else {
      state_ = State::kOpen;
      open_until_ = now + options_.open_for;
    }
    return;
  }
  if (state_ == State::kOpen) return;  // an attempt that started before it opened
  samples_.emplace_back(now, success);
  Trim(now);
  const int total = static_cast<int>(samples_.size());
  if (total < options_.minimum_requests) return;
  int failures = 0;
  for (const auto& [at, ok] : samples_) failures += ok ? 0 : 1;
  if (failures >= options_.failure_ratio * total) {
    state_ = State::kOpen;
    open_until_ = now + options_.open_for;
    samples_.clear();
  }
}

CircuitBreaker::State CircuitBreaker::state() const {
  absl::MutexLock lock(&mu_);
  return state_;
}

absl::Time CircuitBreaker::probe_at() const {
  absl::MutexLock lock(&mu_);
  return state_ == State::kOpen ? open_until_ : absl::InfinitePast();
}

}  // namespace debrief::routing
