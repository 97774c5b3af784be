#include "server/common/clock.h"

#include <random>

namespace debrief::common {

uint64_t SeededRandom::Next() {
  absl::MutexLock lock(&mu_);
  // splitmix64: good statistical quality, trivially seedable.
  uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

namespace {
uint64_t EntropySeed() {
  std::random_device device;
  return (static_cast<uint64_t>(device()) << 32) ^ device() ^
         static_cast<uint64_t>(absl::ToUnixNanos(absl::Now()));
}
}  // namespace

SystemRandom::SystemRandom() : inner_(EntropySeed()) {}

uint64_t SystemRandom::Next() { return inner_.Next(); }

}  // namespace debrief::common
