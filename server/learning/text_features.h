// Hashed text features shared by every label space: lowercased word n-grams and
// character n-grams of each word (with boundary marks), hashed with a seed into
// 2^hash_bits buckets, log-scaled counts, each group scaled to unit length.
//
//   TextFeaturizer featurizer(options.features, options.seed);
//   SparseFeatures x = featurizer.Extract("I was charged twice");
#ifndef DEBRIEF_SERVER_LEARNING_TEXT_FEATURES_H_
#define DEBRIEF_SERVER_LEARNING_TEXT_FEATURES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "server/config/learning_options.h"
#include "server/core/ticket.h"

namespace debrief::learning {

// A sparse feature vector: distinct bucket indices (ascending) with their values.
struct SparseFeatures {
  std::vector<uint32_t> index;
  std::vector<float> value;
};

// The bucket every example carries (the per-label bias).
inline constexpr uint32_t kBiasBucket = 0;

// Thread-safe (immutable).
class TextFeaturizer {
 public:
  TextFeaturizer(const config::FeatureOptions& options, uint64_t seed);

  // The features of `text` (at most options.max_text_bytes of it are read), with the
  // bias bucket. Deterministic for a given seed.
  SparseFeatures Extract(absl::string_view text) const;

  const config::FeatureOptions& options() const { return options_; }

 private:
  config::FeatureOptions options_;
  uint64_t seed_;
  uint32_t mask_;
};

// The text a ticket is learned and scored on: its subject and every message body, one
// per line.
std::string LearningText(const core::Ticket& ticket);

}  // namespace debrief::learning

#endif  // DEBRIEF_SERVER_LEARNING_TEXT_FEATURES_H_
