#include "server/routing/circuit_breaker.h"

#include "gtest/gtest.h"
#include "tests/fakes/fake_clock.h"

namespace debrief::routing {
namespace {

config::CircuitBreakerOptions Options() {
  config::CircuitBreakerOptions options;
  options.minimum_requests = 10;
  options.failure_ratio = 0.7;
  options.window = absl::Minutes(5);
  options.open_for = absl::Seconds(30);
  return options;
}

TEST(CircuitBreakerTest, OpensAtTheFailureRatioOnceEnoughRequestsWereSeen) {
  testing::FakeClock clock;
  CircuitBreaker breaker(Options(), clock);
  for (int i = 0; i < 9; ++i) {
    ASSERT_TRUE(breaker.Allow());
    breaker.Record(false);
  }
  EXPECT_EQ(breaker.state(), CircuitBreaker::State::kClosed);  // 9 < minimum_requests
  ASSERT_TRUE(breaker.Allow());
  breaker.Record(false);
  EXPECT_EQ(breaker.state(), CircuitBreaker::State::kOpen);
  EXPECT_FALSE(breaker.Allow());
  EXPECT_EQ(breaker.probe_at(), clock.Now() + absl::Seconds(30));
}

TEST(CircuitBreakerTest, StaysClosedBelowTheRatio) {
  testing::FakeClock clock;
  CircuitBreaker breaker(Options(), clock);
  for (int i = 0; i < 20; ++i) {
    ASSERT_TRUE(breaker.Allow());
    breaker.Record(i % 2 == 0);  // 50 % failures
  }
  EXPECT_EQ(breaker.state(), CircuitBreaker::State::kClosed);
}

TEST(CircuitBreakerTest, LetsOneProbeThroughAfterOpenForAndClosesOnItsSuccess) {
  testing::FakeClock clock;
  CircuitBreaker breaker(Options(), clock);
  for (int i = 0; i < 10; ++i) {
    breaker.Allow();
    breaker.Record(false);
  }
  clock.Advance(absl::Seconds(29));
  EXPECT_FALSE(breaker.Allow());
  clock.Advance(absl::Seconds(1));
  EXPECT_TRUE(breaker.Allow());
  EXPECT_FALSE(breaker.Allow());  // one probe at a time
  breaker.Record(false);
  EXPECT_EQ(breaker.state(), CircuitBreaker::State::kOpen);
  clock.Advance(absl::Seconds(30));
  EXPECT_TRUE(breaker.Allow());
  breaker.Record(true);
  EXPECT_EQ(breaker.state(), CircuitBreaker::State::kClosed);
  EXPECT_TRUE(breaker.Allow());
}

TEST(CircuitBreakerTest, ForgetsFailuresOlderThanTheWindow) {
  testing::FakeClock clock;
  CircuitBreaker breaker(Options(), clock);
  for (int i = 0; i < 9; ++i) {
    breaker.Allow();
    breaker.Record(false);
  }
  clock.Advance(absl::Minutes(6));
  breaker.Allow();
  breaker.Record(false);
  EXPECT_EQ(breaker.state(), CircuitBreaker::State::kClosed);
}

}  // namespace
}  // namespace debrief::routing
