// The learned model of every configured label space (tags, fix category, root cause,
// ...): one shared featurizer, one online classifier and calibrator per space, the
// position in the history it has learned through, and its binary snapshot format.
//
//   LearnedModel model(options);
//   model.Learn({.text = "charged twice", .labels = {{"tags", {"billing/refund"}}}}, 0.2f);
//   SparseFeatures x = model.Featurize(text);
//   std::vector<ScoredLabel> tags = model.Score(model.FindSpace("tags"), x);
#ifndef DEBRIEF_SERVER_LEARNING_LEARNED_MODEL_H_
#define DEBRIEF_SERVER_LEARNING_LEARNED_MODEL_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/config/learning_options.h"
#include "server/learning/calibration.h"
#include "server/learning/online_classifier.h"
#include "server/learning/text_features.h"

namespace debrief::learning {

// A closed ticket as training data: its text and, per label space, its true labels.
// A space not listed is unknown for this example and does not move.
struct Example {
  std::string text;
  std::map<std::string, std::vector<std::string>> labels;
};

// Where in the recorded history the model has learned through: the last close and the
// last feedback (row ids in the store) whose updates it contains.
struct TrainingPosition {
  int64_t close_sequence = 0;
  int64_t feedback_sequence = 0;
};

// One label's model score.
struct ScoredLabel {
  // Points into the model's label table: valid while the model it came from is.
  absl::string_view value;
  // Calibrated, in [0, 1].
  double confidence = 0;
  // Examples that carried the label so far.
  int64_t examples = 0;
};

// Value type; thread-compatible. Published copies are immutable and thread-safe.
class LearnedModel {
 public:
  explicit LearnedModel(const config::LearningOptions& options);

  // Index of the space named `name`, or -1.
  int FindSpace(absl::string_view name) const;
  const std::vector<config::LabelSpaceOptions>& spaces() const { return spaces_; }
  const OnlineClassifier& classifier(int space) const { return classifiers_[static_cast<size_t>(space)]; }

  SparseFeatures Featurize(absl::string_view text) const { return featurizer_.Extract(text); }

  // Every label of `space` that has examples, with its calibrated confidence for `x`.
  std::vector<ScoredLabel> Score(int space, const SparseFeatures& x) const;

  // One online update per space listed in `example`: its labels are the whole truth
  // (every other label of the space is a negative). Records honest predictions for
  // calibration when `calibrate`. Returns the label updates applied.
  int Learn(const Example& example, float rate, bool calibrate = true);
  // Same, on already-featurized text (multi-pass training featurizes once).
  int Learn(const SparseFeatures& x, const std::map<std::string, std::vector<std::string>>& labels,
            float rate, bool calibrate);
  // Agent feedback on some labels of `space`: `positive` were kept or added, `negative`
  // rejected. Other labels do not move. Returns the label updates applied.
  int LearnFeedback(absl::string_view text, int space, const std::vector<std::string>& positive,
                    const std::vector<std::string>& negative, float rate);

  // Recomputes every calibration map from its observations (before publishing).
  void RebuildCalibration();
  // Makes this a serving copy (see OnlineClassifier::Freeze): half the memory and
  // faster scoring; it is not trained or encoded afterwards.
  void Freeze();

  // Closes and feedback learned so far.
  int64_t examples() const { return examples_; }
  const TrainingPosition& position() const { return position_; }
  void set_position(const TrainingPosition& position) { position_ = position; }
  int64_t memory_bytes() const;
  // "model-<config digest>-<examples>": changes with every update, and with the features.
  std::string version() const;

  // The snapshot bytes (deterministic for equal models).
  std::string Encode() const;
  // Decodes a snapshot made with the same feature options and seed: FAILED_PRECONDITION
  // when they differ (the model cannot be reused and must be retrained), DATA_LOSS or
  // INVALID_ARGUMENT when the bytes are damaged.
  static absl::StatusOr<LearnedModel> Decode(absl::string_view bytes,
                                             const config::LearningOptions& options);

 private:
  // Digest of what makes weights meaningful: features, seed, label spaces.
  static std::string Fingerprint(const config::LearningOptions& options);

  std::string fingerprint_;
  TextFeaturizer featurizer_;
  std::vector<config::LabelSpaceOptions> spaces_;
  std::vector<OnlineClassifier> classifiers_;
  std::vector<Calibrator> calibrators_;
  int64_t examples_ = 0;
  TrainingPosition position_;
};

}  // namespace debrief::learning

#endif  // DEBRIEF_SERVER_LEARNING_LEARNED_MODEL_H_
