#include "server/routing/retry_policy.h"

#include "gtest/gtest.h"

namespace debrief::routing {
namespace {

const absl::Time kT0 = absl::FromUnixSeconds(1'790'000'000);

// A Random that always answers `value` (in [0, 1) via NextDouble).
class FixedRandom final : public common::Random {
 public:
  explicit FixedRandom(double value) : bits_(static_cast<uint64_t>(value * 0x1.0p53) << 11) {}
  uint64_t Next() override { return bits_; }

 private:
  uint64_t bits_;
};

DeliveryResult Http(int status, std::optional<absl::Duration> retry_after = std::nullopt) {
  return ResultOfHttpStatus(status, retry_after, "answer");
}

config::RetryOptions NoJitter() {
  config::RetryOptions options;
  options.jitter = 0;
  return options;
}

TEST(RetryPolicyTest, FollowsTheSvixScheduleThenRepeatsItsLastDelayUntilTheHorizon) {
  FixedRandom random(0.5);
  RetryPolicy policy(NoJitter(), random);
  const std::vector<absl::Duration> expected = {absl::Seconds(5), absl::Minutes(5), absl::Minutes(30),
                                                absl::Hours(2),   absl::Hours(5),   absl::Hours(10),
                                                absl::Hours(10)};
  absl::Time now = kT0;
  for (int attempt = 1; attempt <= 7; ++attempt) {
    const NextStep step = policy.After(Http(503), attempt, kT0, now);
    ASSERT_EQ(step.action, NextStep::Action::kRetry) << attempt;
    EXPECT_EQ(step.retry_at - now, expected[attempt - 1]) << attempt;
    now = step.retry_at;
  }
  NextStep step = policy.After(Http(503), 8, kT0, now);
  ASSERT_EQ(step.action, NextStep::Action::kRetry);
  EXPECT_EQ(step.retry_at - now, absl::Hours(10));
  // 72h after it was queued it is dead-lettered, not before.
  int attempts = 9;
  while (step.action == NextStep::Action::kRetry) {
    now = step.retry_at;
    step = policy.After(Http(503), attempts++, kT0, now);
  }
  EXPECT_EQ(step.action, NextStep::Action::kDeadLetter);
  EXPECT_LE(now - kT0, absl::Hours(72));
  EXPECT_GT(now + absl::Hours(10) - kT0, absl::Hours(72));
  EXPECT_NE(step.reason.find("horizon"), std::string::npos);
}

TEST(RetryPolicyTest, JitterStaysWithinItsFraction) {
  config::RetryOptions options;
  options.jitter = 0.2;
  FixedRandom low(0.0);
  FixedRandom high(0.999999);
  EXPECT_EQ(RetryPolicy(options, low).After(Http(500), 2, kT0, kT0).retry_at - kT0, absl::Minutes(4));
  const absl::Duration top = RetryPolicy(options, high).After(Http(500), 2, kT0, kT0).retry_at - kT0;
  EXPECT_GT(top, absl::Minutes(5));
  EXPECT_LE(top, absl::Minutes(6));
}

TEST(RetryPolicyTest, WaitsForALongerRetryAfterButNeverLessThanTheSchedule) {
  FixedRandom random(0.5);
  config::RetryOptions options = NoJitter();
  options.max_delay = absl::Minutes(5);
  RetryPolicy policy(options, random);
  EXPECT_EQ(policy.After(Http(503, absl::Seconds(30)), 1, kT0, kT0).retry_at, kT0 + absl::Seconds(30));
  // A Retry-After shorter than the schedule does not cause a storm.
  EXPECT_EQ(policy.After(Http(503, absl::Seconds(1)), 2, kT0, kT0).retry_at, kT0 + absl::Minutes(5));
  // Longer than max_delay is honoured, up to kMaxRetryAfter.
  EXPECT_EQ(policy.After(Http(429, absl::Hours(3)), 1, kT0, kT0).retry_at, kT0 + absl::Hours(3));
  EXPECT_EQ(policy.After(Http(429, absl::Hours(300)), 1, kT0, kT0).retry_at, kT0 + kMaxRetryAfter);
  // The schedule is capped by max_delay.
  EXPECT_EQ(policy.After(Http(502), 4, kT0, kT0).retry_at, kT0 + absl::Minutes(5));
}

TEST(RetryPolicyTest, ClassifiesStatusesAsStandardWebhooksDoes) {
  FixedRandom random(0.5);
  RetryPolicy policy(NoJitter(), random);
  EXPECT_EQ(policy.After(Http(204), 1, kT0, kT0).action, NextStep::Action::kDone);
  EXPECT_EQ(policy.After(Http(410), 1, kT0, kT0).action, NextStep::Action::kDisableDestination);
  for (int status : {400, 401, 403, 404, 422}) {
    EXPECT_EQ(policy.After(Http(status), 1, kT0, kT0).action, NextStep::Action::kDeadLetter) << status;
  }
  for (int status : {408, 429, 500, 502, 503, 504, 302}) {
    EXPECT_EQ(policy.After(Http(status), 1, kT0, kT0).action, NextStep::Action::kRetry) << status;
  }
  DeliveryResult refused;
  refused.error = "connection refused";
  EXPECT_EQ(policy.After(refused, 1, kT0, kT0).action, NextStep::Action::kRetry);
}

TEST(RetryPolicyTest, DeadLettersWhatWouldOutliveTheHorizon) {
  FixedRandom random(0.5);
  config::RetryOptions options = NoJitter();
  options.horizon = absl::Hours(1);
  RetryPolicy policy(options, random);
  EXPECT_EQ(policy.After(Http(503), 3, kT0, kT0 + absl::Minutes(20)).action, NextStep::Action::kRetry);
  const NextStep step = policy.After(Http(503), 3, kT0, kT0 + absl::Minutes(40));
  EXPECT_EQ(step.action, NextStep::Action::kDeadLetter);
  EXPECT_NE(step.reason.find("horizon"), std::string::npos);
}

}  // namespace
}  // namespace debrief::routing
