#include "server/digest/spike_detector.h"

#include <random>

#include "gtest/gtest.h"

namespace debrief::digest {
namespace {

TEST(SpikeDetectorTest, FiresWhenTheCountIsTwoDeviationsAboveTheBaseline) {
  const config::SpikeOptions options;
  const SpikeVerdict verdict = JudgeSpike({3, 2, 4, 3, 2, 3}, 20, options);
  EXPECT_TRUE(verdict.spike);
  EXPECT_NEAR(verdict.mean, 2.8333, 1e-3);
  EXPECT_NEAR(verdict.stddev, 0.6872, 1e-3);
  EXPECT_NEAR(verdict.threshold, verdict.mean + 2 * 1.0, 1e-9);  // stddev floored at 1
}

TEST(SpikeDetectorTest, StaysQuietWithinTheNoise) {
  const config::SpikeOptions options;
  EXPECT_FALSE(JudgeSpike({10, 12, 9, 11, 10, 13}, 12, options).spike);
  EXPECT_FALSE(JudgeSpike({40, 55, 38, 61, 47, 52}, 63, options).spike);
}

TEST(SpikeDetectorTest, IgnoresCountsBelowTheMinimum) {
  config::SpikeOptions options;
  options.min_count = 5;
  EXPECT_FALSE(JudgeSpike({0, 0, 0, 0, 0, 0}, 4, options).spike);
  EXPECT_TRUE(JudgeSpike({0, 0, 0, 0, 0, 0}, 5, options).spike);
}

TEST(SpikeDetectorTest, HonoursAConfiguredSigma) {
  config::SpikeOptions options;
  options.sigma = 3;
  // mean 10, stddev 2: 15 is beyond 2σ but within 3σ.
  EXPECT_FALSE(JudgeSpike({8, 12, 8, 12, 8, 12}, 15, options).spike);
  options.sigma = 2;
  EXPECT_TRUE(JudgeSpike({8, 12, 8, 12, 8, 12}, 15, options).spike);
}

TEST(SpikeDetectorTest, RarelyFiresOnStationaryPoissonNoise) {
  const config::SpikeOptions options;
  std::mt19937 random(42);
  std::poisson_distribution<int> weekly(30);
  int alerts = 0;
  constexpr int kSeries = 2000;
  for (int i = 0; i < kSeries; ++i) {
    std::vector<int64_t> baseline;
    for (int w = 0; w < 6; ++w) baseline.push_back(weekly(random));
    if (JudgeSpike(baseline, weekly(random), options).spike) ++alerts;
  }
  // A 2σ rule on 6 samples alerts on a few percent of pure noise, never a large share.
  EXPECT_LT(alerts, kSeries / 10);
}

TEST(SpikeDetectorTest, RanksDetectedSpikesByHowFarTheyExceedTheThreshold) {
  const config::SpikeOptions options;
  std::vector<storage::FactSeries> series = {
      {"tag", "billing", {10, 12, 9, 11, 10, 13, 11}},
      {"tag", "login", {3, 2, 4, 3, 2, 3, 20}},
      {"error", "fp-db", {0, 0, 1, 1, 2, 2, 12}},
  };
  std::vector<Spike> spikes = DetectSpikes(series, options);
  ASSERT_EQ(spikes.size(), 2u);
  EXPECT_EQ(spikes[0].key, "login");
  EXPECT_EQ(spikes[1].key, "fp-db");
}

}  // namespace
}  // namespace debrief::digest
