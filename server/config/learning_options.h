// How tags and other labels are learned, scored and cut off (`learning:` section): the
// label spaces the one online engine serves, its features, training rates, model size
// and how often the model is published to readers and snapshotted to the store.
#ifndef DEBRIEF_SERVER_CONFIG_LEARNING_OPTIONS_H_
#define DEBRIEF_SERVER_CONFIG_LEARNING_OPTIONS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace debrief::config {

// The hashed text features every label space shares.
struct FeatureOptions {
  // Features are hashed into 2^hash_bits buckets (collisions beyond that). Default 22.
  int hash_bits = 22;
  // Word n-grams up to this length; 1 = single words only. Default 2.
  int word_ngrams = 2;
  // Character n-grams of each word (with word-boundary marks), lengths
  // [char_ngram_min, char_ngram_max]; char_ngram_max 0 turns them off. Default 2..5.
  int char_ngram_min = 2;
  int char_ngram_max = 5;
  // Only this many leading bytes of a ticket's text are read (bounds scoring time).
  // Default 16384.
  int64_t max_text_bytes = 16384;
};

// One set of labels the engine learns, e.g. tags, fix category or root cause.
struct LabelSpaceOptions {
  // Name, unique; "tags" is the taxonomy's space and the one suggestions come from.
  std::string name;
  // Where a closed ticket's true labels come from: "helpdesk_tags" (its tags, mapped to
  // taxonomy nodes through the aliases) or "custom_field:<key>" (one value per ticket).
  std::string labels_from;
  // True when every example has exactly one label (scored with a softmax); false for
  // any number of labels (one-vs-rest). Default false.
  bool exclusive = false;
};

struct LearningOptions {
  // Calibrated confidence below which a label is not suggested (the tagger abstains).
  // The same value means the same thing for every label and every source. Default 0.5.
  double threshold = 0.5;
  // Suggested tags returned when a request does not say. Default 5.
  int max_tags = 5;
  // Whether the learned model is used and trained; false = rules only. Default true.
  bool enabled = true;
  // Seed of every random choice (training order of multi-pass training); the same seed
  // and input order give the same model. Default 1.
  int64_t seed = 1;
  // The label spaces. Default: tags (helpdesk_tags), fix_category
  // (custom_field:fix_category, exclusive), root_cause (custom_field:root_cause, exclusive).
  std::vector<LabelSpaceOptions> label_spaces = {
      {"tags", "helpdesk_tags", false},
      {"fix_category", "custom_field:fix_category", true},
      {"root_cause", "custom_field:root_cause", true}};
  // Text features.
  FeatureOptions features;
  // SGD step size of one online update. Default 0.5.
  double learning_rate = 0.5;
  // Step size at the start of multi-pass training (eval); it decays linearly to 0.
  // Default 1.0.
  double batch_learning_rate = 1.0;
  // Passes over the data when training from scratch on a file (debriefd eval). Default 10.
  int epochs = 10;
  // Examples of a label after which the model's score counts as much as the rules'; the
  // model's share of a label's score is n / (n + takeover_examples). Default 3.
  int takeover_examples = 3;
  // Model memory ceiling in bytes; features first seen beyond it are not learned.
  // Default 64 MiB.
  int64_t max_model_bytes = int64_t{64} << 20;
  // Longest an update waits before readers see it; isolated updates are published at
  // once, bursts are coalesced. Default 250ms.
  absl::Duration publish_interval = absl::Milliseconds(250);
  // How often the model is snapshotted to the store (also at shutdown). Default 5m.
  absl::Duration snapshot_interval = absl::Minutes(5);
  // Snapshots kept in the store; older ones are deleted. Default 3.
  int snapshots_kept = 3;
};

}  // namespace debrief::config

#endif  // DEBRIEF_SERVER_CONFIG_LEARNING_OPTIONS_H_
