#include "server/digest/spike_detector.h"

#include <algorithm>
#include <cmath>

namespace debrief::digest {

SpikeVerdict JudgeSpike(const std::vector<int64_t>& baseline, int64_t current,
                        const config::SpikeOptions& options) {
  SpikeVerdict verdict;
  if (!baseline.empty()) {
    double sum = 0;
    for (int64_t count : baseline) sum += static_cast<double>(count);
    verdict.mean = sum / static_cast<double>(baseline.size());
    double squares = 0;
    for (int64_t count : baseline) {
      const double d = static_cast<double>(count) - verdict.mean;
      squares += d * d;
    }
    verdict.stddev = std::sqrt(squares / static_cast<double>(baseline.size()));
  }
  verdict.threshold = verdict.mean + options.sigma * std::max(verdict.stddev, options.min_stddev);
  verdict.spike = current >= options.min_count && static_cast<double>(current) > verdict.threshold;
  return verdict;
}

std::vector<Spike> DetectSpikes(const std::vector<storage::FactSeries>& series,
                                const config::SpikeOptions& options) {
  std::vector<Spike> spikes;
  for (const storage::FactSeries& one : series) {
    if (one.counts.size() < 2) continue;
    const std::vector<int64_t> baseline(one.counts.begin(), one.counts.end() - 1);
    const int64_t current = one.counts.back();
    SpikeVerdict verdict = JudgeSpike(baseline, current, options);
    if (verdict.spike) spikes.push_back({one.kind, one.key, current, verdict});
  }
  std::sort(spikes.begin(), spikes.end(), [](const Spike& a, const Spike& b) {
    const double over_a = static_cast<double>(a.count) - a.verdict.threshold;
    const double over_b = static_cast<double>(b.count) - b.verdict.threshold;
    if (over_a != over_b) return over_a > over_b;
    return std::tie(a.kind, a.key) < std::tie(b.kind, b.key);
  });
  return spikes;
}

}  // namespace debrief::digest
