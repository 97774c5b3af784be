// Injected time and randomness, so retry, expiry and scheduling logic is testable
// with a fake clock (tests/fakes/fake_clock.h).
//
//   const absl::Time due = clock.Now() + absl::Minutes(5);
#ifndef DEBRIEF_SERVER_COMMON_CLOCK_H_
#define DEBRIEF_SERVER_COMMON_CLOCK_H_

#include <cstdint>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace debrief::common {

// Source of the current time. Implementations are thread-safe.
class Clock {
 public:
  virtual ~Clock() = default;
  // The current time.
  virtual absl::Time Now() const = 0;
};

// The real wall clock. Thread-safe.
class SystemClock final : public Clock {
 public:
  absl::Time Now() const override { return absl::Now(); }
};

// Source of random 64-bit values (ids, jitter). Implementations are thread-safe.
class Random {
 public:
  virtual ~Random() = default;
  // A uniformly distributed 64-bit value.
  virtual uint64_t Next() = 0;
  // A uniformly distributed double in [0, 1).
  double NextDouble() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
};

// A seeded xorshift generator; deterministic for a given seed. Thread-safe.
class SeededRandom final : public Random {
 public:
  explicit SeededRandom(uint64_t seed) : state_(seed == 0 ? 0x9E3779B97F4A7C15ull : seed) {}
  uint64_t Next() override;

 private:
  absl::Mutex mu_;
  uint64_t state_ ABSL_GUARDED_BY(mu_);
};

// Random values from the operating system's entropy, mixed. Thread-safe.
class SystemRandom final : public Random {
 public:
  SystemRandom();
  uint64_t Next() override;

 private:
  SeededRandom inner_;
};

}  // namespace debrief::common

#endif  // DEBRIEF_SERVER_COMMON_CLOCK_H_
