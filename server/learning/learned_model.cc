#include "server/learning/learned_model.h"

#include "absl/strings/str_cat.h"
#include "server/common/ids.h"
#include "server/common/status_macros.h"

namespace debrief::learning {
namespace {

constexpr char kMagic[] = "debrief-model";
constexpr uint32_t kFormatVersion = 1;

}  // namespace

std::string LearnedModel::Fingerprint(const config::LearningOptions& options) {
  const config::FeatureOptions& f = options.features;
  std::string text = absl::StrCat("seed=", options.seed, ";bits=", f.hash_bits, ";words=", f.word_ngrams,
                                  ";chars=", f.char_ngram_min, "-", f.char_ngram_max,
                                  ";max_text=", f.max_text_bytes);
  for (const config::LabelSpaceOptions& space : options.label_spaces) {
    absl::StrAppend(&text, ";space=", space.name, ":", space.labels_from, ":", space.exclusive);
  }
  return common::Sha256Hex(text).substr(0, 10);
}

LearnedModel::LearnedModel(const config::LearningOptions& options)
    : fingerprint_(Fingerprint(options)),
      featurizer_(options.features, static_cast<uint64_t>(options.seed)),
      spaces_(options.label_spaces) {
  // Each space gets an equal share of the memory ceiling.
  const int64_t share =
      options.max_model_bytes / static_cast<int64_t>(std::max<size_t>(1, spaces_.size()));
  for (const config::LabelSpaceOptions& space : spaces_) {
    classifiers_.emplace_back(ClassifierOptions{.exclusive = space.exclusive, .max_bytes = share});
    calibrators_.emplace_back();
  }
}

int LearnedModel::FindSpace(absl::string_view name) const {
  for (size_t s = 0; s < spaces_.size(); ++s) {
    if (spaces_[s].name == name) return static_cast<int>(s);
  }
  return -1;
}

std::vector<ScoredLabel> LearnedModel::Score(int space, const SparseFeatures& x) const {
  std::vector<ScoredLabel> scored;
  if (space < 0) return scored;
  const OnlineClassifier& classifier = classifiers_[static_cast<size_t>(space)];
  const Calibrator& calibrator = calibrators_[static_cast<size_t>(space)];
  std::vector<float> probabilities;
  classifier.Predict(x, probabilities);
  for (size_t l = 0; l < probabilities.size(); ++l) {
    const int64_t examples = classifier.positives(static_cast<int>(l));
    if (examples == 0) continue;
    scored.push_back({classifier.labels()[l], calibrator.Calibrate(probabilities[l]), examples});
  }
  return scored;
}

int LearnedModel::Learn(const Example& example, float rate, bool calibrate) {
  return Learn(Featurize(example.text), example.labels, rate, calibrate);
}

int LearnedModel::Learn(const SparseFeatures& x,
                        const std::map<std::string, std::vector<std::string>>& labels, float rate,
                        bool calibrate) {
  int updates = 0;
  std::vector<float> probabilities;
  for (const auto& [name, values] : labels) {
    const int space = FindSpace(name);
    if (space < 0 || values.empty()) continue;
    OnlineClassifier& classifier = classifiers_[static_cast<size_t>(space)];
    std::vector<LabelTarget> targets;
    for (const std::string& value : values) targets.push_back({classifier.AddLabel(value), 1.0f});
    classifier.Predict(x, probabilities);
    if (calibrate) {
      Calibrator& calibrator = calibrators_[static_cast<size_t>(space)];
      for (size_t l = 0; l < probabilities.size(); ++l) {
        // Only labels with examples before this one are predictions anyone would see.
        const bool positive = std::any_of(targets.begin(), targets.end(), [&](const LabelTarget& t) {
          return static_cast<size_t>(t.label) == l;
        });
        if (classifier.positives(static_cast<int>(l)) == 0) continue;
        calibrator.Observe(probabilities[l], positive);
      }
    }
    classifier.Update(x, targets, /*complete=*/true, rate, std::move(probabilities));
    probabilities = {};
    updates += static_cast<int>(values.size());
  }
  if (updates > 0) ++examples_;
  return updates;
}

int LearnedModel::LearnFeedback(absl::string_view text, int space,
                                const std::vector<std::string>& positive,
                                const std::vector<std::string>& negative, float rate) {
  if (space < 0 || (positive.empty() && negative.empty())) return 0;
  OnlineClassifier& classifier = classifiers_[static_cast<size_t>(space)];
  std::vector<LabelTarget> targets;
  for (const std::string& value : positive) targets.push_back({classifier.AddLabel(value), 1.0f});
  for (const std::string& value : negative) {
    const int label = classifier.FindLabel(value);
    if (label >= 0) targets.push_back({label, 0.0f});
  }
  if (targets.empty()) return 0;
  classifier.Update(Featurize(text), targets, /*complete=*/false, rate);
  ++examples_;
  return static_cast<int>(targets.size());
}

void LearnedModel::RebuildCalibration() {
  for (Calibrator& calibrator : calibrators_) calibrator.Rebuild();
}

void LearnedModel::Freeze() {
  for (OnlineClassifier& classifier : classifiers_) classifier.Freeze();
}

int64_t LearnedModel::memory_bytes() const {
  int64_t total = sizeof(*this);
  for (const OnlineClassifier& classifier : classifiers_) total += classifier.memory_bytes();
  return total;
}

std::string LearnedModel::version() const {
  return absl::StrCat("model-", fingerprint_, "-", examples_);
}

std::string LearnedModel::Encode() const {
  BinaryWriter out;
  out.String(kMagic);
  out.U32(kFormatVersion);
  out.String(fingerprint_);
  out.I64(examples_);
  out.I64(position_.close_sequence);
  out.I64(position_.feedback_sequence);
  out.U64(classifiers_.size());
  for (size_t s = 0; s < classifiers_.size(); ++s) {
    out.String(spaces_[s].name);
    classifiers_[s].Encode(out);
    calibrators_[s].Encode(out);
  }
  out.String(common::Sha256(out.bytes()));
  return std::move(out.bytes());
}

absl::StatusOr<LearnedModel> LearnedModel::Decode(absl::string_view bytes,
                                                  const config::LearningOptions& options) {
  constexpr size_t kDigestBytes = 32 + sizeof(uint64_t);
  if (bytes.size() < kDigestBytes) return absl::DataLossError("model snapshot is truncated");
  const absl::string_view body = bytes.substr(0, bytes.size() - kDigestBytes);
  BinaryReader trailer(bytes.substr(body.size()));
  DEBRIEF_ASSIGN_OR_RETURN(std::string digest, trailer.String());
  if (digest != common::Sha256(body)) {
    return absl::DataLossError("model snapshot checksum does not match");
  }
  BinaryReader in(body);
  DEBRIEF_ASSIGN_OR_RETURN(std::string magic, in.String());
  DEBRIEF_ASSIGN_OR_RETURN(uint32_t format, in.U32());
  if (magic != kMagic || format != kFormatVersion) {
    return absl::InvalidArgumentError("not a debrief model snapshot (or an unknown format)");
  }
  LearnedModel model(options);
  DEBRIEF_ASSIGN_OR_RETURN(std::string fingerprint, in.String());
  if (fingerprint != model.fingerprint_) {
    return absl::FailedPreconditionError(
        "model snapshot was made with other learning.features, seed or label_spaces");
  }
  DEBRIEF_ASSIGN_OR_RETURN(model.examples_, in.I64());
  DEBRIEF_ASSIGN_OR_RETURN(model.position_.close_sequence, in.I64());
  DEBRIEF_ASSIGN_OR_RETURN(model.position_.feedback_sequence, in.I64());
  DEBRIEF_ASSIGN_OR_RETURN(uint64_t spaces, in.U64());
  if (spaces != model.spaces_.size()) {
    return absl::InvalidArgumentError("model snapshot: wrong number of label spaces");
  }
  for (size_t s = 0; s < spaces; ++s) {
    DEBRIEF_ASSIGN_OR_RETURN(std::string name, in.String());
    if (name != model.spaces_[s].name) {
      return absl::InvalidArgumentError("model snapshot: label spaces differ");
    }
    DEBRIEF_ASSIGN_OR_RETURN(model.classifiers_[s], OnlineClassifier::Decode(in));
    DEBRIEF_ASSIGN_OR_RETURN(model.calibrators_[s], Calibrator::Decode(in));
  }
  if (in.remaining() != 0) return absl::InvalidArgumentError("model snapshot: trailing bytes");
  return model;
}

}  // namespace debrief::learning
