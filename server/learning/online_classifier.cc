#include "server/learning/online_classifier.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "server/common/status_macros.h"

namespace debrief::learning {
namespace {

// Bias of a new one-vs-rest label: a prior of about 12%, so a label seen once scores low
// instead of a coin flip, yet a few examples on one subject make it a suggestion.
constexpr float kNewLabelBias = -2.0f;
// Bytes per row besides its weights (bucket index entry).
constexpr int64_t kRowOverheadBytes = 12;

size_t StrideFor(size_t labels) { return (labels + 7) / 8 * 8; }

float Sigmoid(float margin) { return 1.0f / (1.0f + std::exp(-margin)); }

}  // namespace

OnlineClassifier::OnlineClassifier(ClassifierOptions options) : options_(options) {}

int OnlineClassifier::AddLabel(absl::string_view name) {
  if (const int existing = FindLabel(name); existing >= 0) return existing;
  const int index = static_cast<int>(labels_.size());
  labels_.emplace_back(name);
  label_index_.emplace(std::string(name), index);
  positives_.push_back(0);
  if (labels_.size() > stride_) Restride(StrideFor(labels_.size() * 2));
  if (!options_.exclusive) {
    if (float* bias = MutableRow(kBiasBucket); bias != nullptr) bias[index] = kNewLabelBias;
  }
  return index;
}

int OnlineClassifier::FindLabel(absl::string_view name) const {
  auto it = label_index_.find(std::string(name));
  return it == label_index_.end() ? -1 : it->second;
}

void OnlineClassifier::Restride(size_t stride) {
  const size_t rows = row_of_bucket_.size();
  std::vector<float> weights(rows * stride, 0.0f);
  for (size_t r = 0; r < rows; ++r) {
    std::copy_n(weights_.begin() + static_cast<std::ptrdiff_t>(r * stride_), stride_,
                weights.begin() + static_cast<std::ptrdiff_t>(r * stride));
  }
  weights_ = std::move(weights);
  stride_ = stride;
}

int64_t OnlineClassifier::max_rows() const {
  const int64_t row_bytes = static_cast<int64_t>(stride_ * sizeof(float)) + kRowOverheadBytes;
  return std::max<int64_t>(1, options_.max_bytes / row_bytes);
}

float* OnlineClassifier::MutableRow(uint32_t bucket) {
  DEBRIEF_CHECK(!frozen_) << "a frozen classifier is not trained";
  auto it = row_of_bucket_.find(bucket);
  if (it != row_of_bucket_.end()) return weights_.data() + static_cast<size_t>(it->second) * stride_;
  if (static_cast<int64_t>(row_of_bucket_.size()) >= max_rows()) {
    ++rows_refused_;
    return nullptr;
  }
  const auto row = static_cast<uint32_t>(row_of_bucket_.size());
  row_of_bucket_.emplace(bucket, row);
  weights_.resize(weights_.size() + stride_, 0.0f);
  return weights_.data() + static_cast<size_t>(row) * stride_;
}

int64_t OnlineClassifier::RowIndex(uint32_t bucket) const {
  auto it = row_of_bucket_.find(bucket);
  return it == row_of_bucket_.end() ? -1 : static_cast<int64_t>(it->second);
}

template <typename Weight, typename Widen>
std::vector<float> OnlineClassifier::Margins(const SparseFeatures& x, const Weight* weights,
                                             size_t stride, Widen widen) const {
  // Rows are allocated with spare columns for labels still to come; only the first
  // `width` weights of each row can be non-zero.
  const size_t width = StrideFor(labels_.size());
  std::vector<float> margins(width, 0.0f);
  // Resolve every row first, then stream them with prefetching: scoring a long ticket is
  // bound by memory, not arithmetic.
  std::vector<std::pair<const Weight*, float>> rows;
  rows.reserve(x.index.size());
  for (size_t k = 0; k < x.index.size(); ++k) {
    const int64_t row = RowIndex(x.index[k]);
    if (row >= 0) rows.emplace_back(weights + static_cast<size_t>(row) * stride, x.value[k]);
  }
  constexpr size_t kAhead = 4;
  constexpr size_t kLineWeights = 64 / sizeof(Weight);
  float* __restrict sum = margins.data();
  for (size_t k = 0; k < rows.size(); ++k) {
    if (k + kAhead < rows.size()) {
      const Weight* next = rows[k + kAhead].first;
      for (size_t l = 0; l < width; l += kLineWeights) __builtin_prefetch(next + l);
    }
    const Weight* __restrict row = rows[k].first;
    const float v = rows[k].second;
    for (size_t l = 0; l < width; ++l) sum[l] += v * widen(row[l]);
  }
  return margins;
}

namespace {

// bfloat16 is the top half of a float: round to nearest even, then truncate.
uint16_t ToBfloat16(float value) {
  uint32_t bits = 0;
  std::memcpy(&bits, &value, sizeof(bits));
  bits += 0x7FFFu + ((bits >> 16) & 1u);
  return static_cast<uint16_t>(bits >> 16);
}

// A function object (not a function pointer) so Margins' inner loop inlines and
// vectorizes it.
struct FromBfloat16 {
  float operator()(uint16_t half) const {
    const uint32_t bits = static_cast<uint32_t>(half) << 16;
    float value = 0;
    std::memcpy(&value, &bits, sizeof(value));
    return value;
  }
};

}  // namespace

void OnlineClassifier::Freeze() {
  if (frozen_) return;
  frozen_stride_ = StrideFor(labels_.size());
  const size_t rows = row_of_bucket_.size();
  frozen_weights_.assign(rows * frozen_stride_, 0);
  for (size_t r = 0; r < rows; ++r) {
    for (size_t l = 0; l < frozen_stride_; ++l) {
      frozen_weights_[r * frozen_stride_ + l] = ToBfloat16(weights_[r * stride_ + l]);
    }
  }
  weights_ = {};
  frozen_ = true;
}

void OnlineClassifier::Predict(const SparseFeatures& x, std::vector<float>& probabilities) const {
  const size_t n = labels_.size();
  const std::vector<float> margins =
      frozen_ ? Margins(x, frozen_weights_.data(), frozen_stride_, FromBfloat16{})
              : Margins(x, weights_.data(), stride_, [](float w) { return w; });
  probabilities.resize(n);
  if (options_.exclusive) {
    float best = -1e30f;
    for (size_t l = 0; l < n; ++l) best = std::max(best, margins[l]);
    float total = 0;
    for (size_t l = 0; l < n; ++l) {
      probabilities[l] = std::exp(margins[l] - best);
      total += probabilities[l];
    }
    for (size_t l = 0; l < n; ++l) probabilities[l] /= total;
  } else {
    for (size_t l = 0; l < n; ++l) probabilities[l] = Sigmoid(margins[l]);
  }
}

void OnlineClassifier::Update(const SparseFeatures& x, const std::vector<LabelTarget>& targets,
                              bool complete, float rate, std::vector<float> probabilities) {
  if (labels_.empty()) return;
  if (probabilities.size() != labels_.size()) Predict(x, probabilities);
  // gradient[l] = p_l - y_l for the labels that move; 0 for the others.
  const size_t width = StrideFor(labels_.size());
  std::vector<float> gradient(width, 0.0f);
  if (complete) {
    for (size_t l = 0; l < labels_.size(); ++l) gradient[l] = probabilities[l];
  }
  bool any_positive = false;
  for (const LabelTarget& t : targets) {
    const auto l = static_cast<size_t>(t.label);
    gradient[l] = probabilities[l] - t.target;
    if (t.target > 0.5f) {
      ++positives_[l];
      any_positive = true;
    }
  }
  if (options_.exclusive && any_positive && !complete) {
    // A softmax positive moves every label (the others' share shrinks).
    for (size_t l = 0; l < labels_.size(); ++l) {
      if (gradient[l] == 0.0f) gradient[l] = probabilities[l];
    }
  }
  for (size_t k = 0; k < x.index.size(); ++k) {
    float* __restrict row = MutableRow(x.index[k]);
    if (row == nullptr) continue;
    const float step = -rate * x.value[k];
    const float* __restrict g = gradient.data();
    for (size_t l = 0; l < width; ++l) row[l] += step * g[l];
  }
}

int64_t OnlineClassifier::memory_bytes() const {
  return static_cast<int64_t>(weights_.capacity() * sizeof(float) +
                              frozen_weights_.capacity() * sizeof(uint16_t) +
                              row_of_bucket_.capacity() * (sizeof(uint32_t) * 2 + 1));
}

void OnlineClassifier::Encode(BinaryWriter& out) const {
  DEBRIEF_CHECK(!frozen_) << "a frozen classifier is not encoded";
  out.Bool(options_.exclusive);
  out.I64(options_.max_bytes);
  out.U64(labels_.size());
  for (size_t l = 0; l < labels_.size(); ++l) {
    out.String(labels_[l]);
    out.I64(positives_[l]);
  }
  out.U64(stride_);
  // Rows in bucket order, so equal models encode to equal bytes.
  std::vector<std::pair<uint32_t, uint32_t>> rows(row_of_bucket_.begin(), row_of_bucket_.end());
  std::sort(rows.begin(), rows.end());
  out.U64(rows.size());
  for (const auto& [bucket, row] : rows) {
    out.U32(bucket);
    out.Floats(weights_.data() + static_cast<size_t>(row) * stride_, stride_);
  }
  out.I64(rows_refused_);
}

absl::StatusOr<OnlineClassifier> OnlineClassifier::Decode(BinaryReader& in) {
  ClassifierOptions options;
  DEBRIEF_ASSIGN_OR_RETURN(options.exclusive, in.Bool());
  DEBRIEF_ASSIGN_OR_RETURN(options.max_bytes, in.I64());
  OnlineClassifier classifier(options);
  DEBRIEF_ASSIGN_OR_RETURN(uint64_t label_count, in.U64());
  if (label_count > in.remaining()) return absl::DataLossError("model snapshot is truncated");
  for (uint64_t l = 0; l < label_count; ++l) {
    DEBRIEF_ASSIGN_OR_RETURN(std::string name, in.String());
    DEBRIEF_ASSIGN_OR_RETURN(int64_t positives, in.I64());
    if (classifier.label_index_.count(name) != 0) {
      return absl::InvalidArgumentError(absl::StrCat("model snapshot: label \"", name, "\" twice"));
    }
    classifier.label_index_.emplace(name, static_cast<int>(l));
    classifier.labels_.push_back(std::move(name));
    classifier.positives_.push_back(positives);
  }
  DEBRIEF_ASSIGN_OR_RETURN(uint64_t stride, in.U64());
  if (stride < label_count || stride % 8 != 0) {
    return absl::InvalidArgumentError("model snapshot: bad row stride");
  }
  classifier.stride_ = stride;
  DEBRIEF_ASSIGN_OR_RETURN(uint64_t rows, in.U64());
  if (rows > in.remaining()) return absl::DataLossError("model snapshot is truncated");
  classifier.row_of_bucket_.reserve(rows);
  classifier.weights_.reserve(rows * stride);
  std::vector<float> row;
  for (uint64_t r = 0; r < rows; ++r) {
    DEBRIEF_ASSIGN_OR_RETURN(uint32_t bucket, in.U32());
    DEBRIEF_RETURN_IF_ERROR(in.Floats(row));
    if (row.size() != stride || !classifier.row_of_bucket_.emplace(bucket, static_cast<uint32_t>(r)).second) {
      return absl::InvalidArgumentError("model snapshot: bad weight row");
    }
    classifier.weights_.insert(classifier.weights_.end(), row.begin(), row.end());
  }
  DEBRIEF_ASSIGN_OR_RETURN(classifier.rows_refused_, in.I64());
  return classifier;
}

}  // namespace debrief::learning
