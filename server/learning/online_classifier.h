// A linear multi-label classifier over hashed features that learns one example at a
// time (SGD on the logistic loss): one-vs-rest for label spaces where an example may
// carry any number of labels, softmax for exclusive ones. Weights are stored per feature
// bucket as a row over labels, allocated the first time a bucket is trained, so memory
// follows the vocabulary actually seen and stays under a ceiling.
//
//   OnlineClassifier classifier({.exclusive = false, .max_bytes = 64 << 20});
//   int refund = classifier.AddLabel("billing/refund/request");
//   classifier.Update(features, {{refund, 1.0f}}, /*complete=*/true, 0.2f);
//   classifier.Predict(features, probabilities);
#ifndef DEBRIEF_SERVER_LEARNING_ONLINE_CLASSIFIER_H_
#define DEBRIEF_SERVER_LEARNING_ONLINE_CLASSIFIER_H_

#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/learning/binary_codec.h"
#include "server/learning/text_features.h"

namespace debrief::learning {

struct ClassifierOptions {
  // Exactly one label per example (softmax) rather than any number (one-vs-rest).
  bool exclusive = false;
  // Memory ceiling of the weights, in bytes; buckets first trained beyond it stay zero.
  int64_t max_bytes = int64_t{64} << 20;
};

// One label's target in an update: 1 (has the label) or 0 (does not).
struct LabelTarget {
  int label = 0;
  float target = 0;
};

// Value type; thread-compatible (copy it to publish an immutable snapshot).
class OnlineClassifier {
 public:
  explicit OnlineClassifier(ClassifierOptions options);

  // The index of `name`, adding it (with a low prior) when new.
  int AddLabel(absl::string_view name);
  // The index of `name`, or -1.
  int FindLabel(absl::string_view name) const;
  const std::vector<std::string>& labels() const { return labels_; }
  // Examples that carried label `label` (positive updates).
  int64_t positives(int label) const { return positives_[static_cast<size_t>(label)]; }

  // Probability of every label for `x` (size labels()); one-vs-rest sigmoids, or a
  // softmax for an exclusive classifier.
  void Predict(const SparseFeatures& x, std::vector<float>& probabilities) const;

  // One SGD step of size `rate` toward `targets`. When `complete`, every label not in
  // `targets` has target 0 (a closed ticket's final labels); otherwise only the listed
  // labels move (agent feedback on some of them). `probabilities` is Predict(x) if the
  // caller has it, else empty.
  void Update(const SparseFeatures& x, const std::vector<LabelTarget>& targets, bool complete,
              float rate, std::vector<float> probabilities = {});

  // Converts the weights to bfloat16 for serving: half the bytes to stream per
  // prediction, at about three significant digits per weight. A frozen classifier only
  // predicts (Update, AddLabel and Encode must not be called); freeze published copies,
  // never the one being trained.
  void Freeze();
  bool frozen() const { return frozen_; }

  // Bytes held by weights and the bucket index.
  int64_t memory_bytes() const;
  // Buckets with weights, and buckets not learned because the ceiling was reached.
  int64_t rows() const { return static_cast<int64_t>(row_of_bucket_.size()); }
  int64_t rows_refused() const { return rows_refused_; }
  bool exclusive() const { return options_.exclusive; }

  void Encode(BinaryWriter& out) const;
  // INVALID_ARGUMENT (or DATA_LOSS for a truncated buffer) when `in` is not an encoded
  // classifier.
  static absl::StatusOr<OnlineClassifier> Decode(BinaryReader& in);

 private:
  // The row of `bucket`, allocating it; nullptr when the ceiling forbids.
  float* MutableRow(uint32_t bucket);
  // The row number of `bucket`, or -1 when it has none.
  int64_t RowIndex(uint32_t bucket) const;
  // The margins of every label for `x` (size StrideFor(labels)), from `weights` whose
  // rows are `stride` apart and widened to float by `widen`.
  template <typename Weight, typename Widen>
  std::vector<float> Margins(const SparseFeatures& x, const Weight* weights, size_t stride,
                             Widen widen) const;
  void Restride(size_t stride);
  int64_t max_rows() const;

  ClassifierOptions options_;
  std::vector<std::string> labels_;
  std::unordered_map<std::string, int> label_index_;
  std::vector<int64_t> positives_;
  // Floats per row: labels_.size() rounded up to a multiple of 8.
  size_t stride_ = 0;
  absl::flat_hash_map<uint32_t, uint32_t> row_of_bucket_;
  std::vector<float> weights_;
  int64_t rows_refused_ = 0;
  // After Freeze(): weights_ is empty and these hold the weights as bfloat16, rows
  // StrideFor(labels) apart.
  bool frozen_ = false;
  std::vector<uint16_t> frozen_weights_;
  size_t frozen_stride_ = 0;
};

}  // namespace debrief::learning

#endif  // DEBRIEF_SERVER_LEARNING_ONLINE_CLASSIFIER_H_
