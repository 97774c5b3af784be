// Spike detection: a key's count in the current window against its trailing baseline
// (Thematic's "two standard deviations from the recent average"). Pure functions over
// counts; the scheduler feeds them from storage and turns spikes into insights.
//
//   SpikeVerdict verdict = JudgeSpike({3, 4, 2, 5, 3, 4}, 19, options);  // verdict.spike
#ifndef DEBRIEF_SERVER_DIGEST_SPIKE_DETECTOR_H_
#define DEBRIEF_SERVER_DIGEST_SPIKE_DETECTOR_H_

#include <cstdint>
#include <string>
#include <vector>

#include "server/config/digest_options.h"
#include "server/storage/digest_store.h"

namespace debrief::digest {

struct SpikeVerdict {
  bool spike = false;
  // Of the baseline counts (population standard deviation).
  double mean = 0;
  double stddev = 0;
  // The count must exceed this: mean + sigma * max(stddev, min_stddev).
  double threshold = 0;
};

// Judges `current` against `baseline` (one count per earlier window) with `options`'
// sigma, min_count and min_stddev.
SpikeVerdict JudgeSpike(const std::vector<int64_t>& baseline, int64_t current,
                        const config::SpikeOptions& options);

// A spiking key.
struct Spike {
  std::string kind;
  std::string key;
  int64_t count = 0;
  SpikeVerdict verdict;
};

// The spikes among `series` whose last count is the current window and whose earlier
// counts are the baseline, strongest (count over threshold) first.
std::vector<Spike> DetectSpikes(const std::vector<storage::FactSeries>& series,
                                const config::SpikeOptions& options);

}  // namespace debrief::digest

#endif  // DEBRIEF_SERVER_DIGEST_SPIKE_DETECTOR_H_
