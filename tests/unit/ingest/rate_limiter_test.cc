#include "server/ingest/rate_limiter.h"

#include "gtest/gtest.h"
#include "tests/fakes/fake_clock.h"

namespace debrief::ingest {
namespace {

TEST(RateLimiterTest, AllowsTheBurstThenTheSustainedRate) {
  testing::FakeClock clock;
  RateLimiter limiter({.requests_per_second = 2, .burst = 3}, clock);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(limiter.TryAcquire(), std::nullopt) << i;
  const std::optional<absl::Duration> wait = limiter.TryAcquire();
  ASSERT_TRUE(wait.has_value());
  EXPECT_EQ(*wait, absl::Milliseconds(500));
  clock.Advance(absl::Milliseconds(500));
  EXPECT_EQ(limiter.TryAcquire(), std::nullopt);
  EXPECT_TRUE(limiter.TryAcquire().has_value());
  // Idle time refills up to the burst, not beyond.
  clock.Advance(absl::Hours(1));
  for (int i = 0; i < 3; ++i) EXPECT_EQ(limiter.TryAcquire(), std::nullopt) << i;
  EXPECT_TRUE(limiter.TryAcquire().has_value());
}

}  // namespace
}  // namespace debrief::ingest
