#include "server/learning/learner.h"

namespace debrief::learning {
namespace {

// Out-of-order sequences remembered beyond the watermark; past it the watermark jumps
// (a sequence that never arrives, e.g. a close deleted before it was learned).
constexpr size_t kMaxAhead = 4096;

// The serving copy of `working`: calibrated and frozen.
std::shared_ptr<const LearnedModel> Frozen(const LearnedModel& working) {
  auto copy = std::make_shared<LearnedModel>(working);
  copy->RebuildCalibration();
  copy->Freeze();
  return copy;
}

}  // namespace

std::unique_ptr<Learner> Learner::Create(const config::LearningOptions& options,
                                         const common::Clock& clock, const std::string* snapshot,
                                         std::string* discarded) {
  if (snapshot != nullptr) {
    absl::StatusOr<LearnedModel> decoded = LearnedModel::Decode(*snapshot, options);
    if (decoded.ok()) {
      return std::unique_ptr<Learner>(new Learner(options, clock, std::move(*decoded)));
    }
    if (discarded != nullptr) *discarded = std::string(decoded.status().message());
  }
  return std::unique_ptr<Learner>(new Learner(options, clock, LearnedModel(options)));
}

Learner::Learner(const config::LearningOptions& options, const common::Clock& clock,
                 LearnedModel model)
    : options_(options),
      clock_(clock),
      working_(std::move(model)),
      saved_examples_(working_.examples()),
      published_(Frozen(working_)) {}

void Learner::Advance(int64_t sequence, int64_t& watermark, std::set<int64_t>& learned) {
  if (sequence <= watermark) return;
  learned.insert(sequence);
  while (!learned.empty() && *learned.begin() <= watermark + 1) {
    watermark = std::max(watermark, *learned.begin());
    learned.erase(learned.begin());
  }
  if (learned.size() > kMaxAhead) {
    watermark = *learned.begin();
    learned.erase(learned.begin());
  }
}

int Learner::LearnClose(const Example& example, int64_t sequence) {
  absl::MutexLock lock(&mu_);
  const int updates = working_.Learn(example, static_cast<float>(options_.learning_rate));
  if (sequence > 0) {
    TrainingPosition position = working_.position();
    Advance(sequence, position.close_sequence, closes_ahead_);
    working_.set_position(position);
  }
  if (updates > 0) AfterUpdateLocked();
  return updates;
}

int Learner::LearnFeedback(absl::string_view text, absl::string_view space,
                           const std::vector<std::string>& positive,
                           const std::vector<std::string>& negative, int64_t sequence) {
  absl::MutexLock lock(&mu_);
  const int updates = working_.LearnFeedback(text, working_.FindSpace(space), positive, negative,
                                             static_cast<float>(options_.learning_rate));
  if (sequence > 0) {
    TrainingPosition position = working_.position();
    Advance(sequence, position.feedback_sequence, feedback_ahead_);
    working_.set_position(position);
  }
  if (updates > 0) AfterUpdateLocked();
  return updates;
}

void Learner::AfterUpdateLocked() {
  pending_ = true;
  if (clock_.Now() - last_publish_ >= options_.publish_interval) PublishLocked();
}

void Learner::PublishLocked() {
  published_.Set(Frozen(working_));
  pending_ = false;
  last_publish_ = clock_.Now();
}

bool Learner::PublishPending() {
  absl::MutexLock lock(&mu_);
  if (!pending_) return false;
  PublishLocked();
  return true;
}

Learner::Encoded Learner::Encode() {
  absl::MutexLock lock(&mu_);
  Encoded encoded;
  encoded.bytes = working_.Encode();
  encoded.version = working_.version();
  encoded.examples = working_.examples();
  encoded.position = working_.position();
  return encoded;
}

TrainingPosition Learner::position() const {
  absl::MutexLock lock(&mu_);
  return working_.position();
}

int64_t Learner::unsaved_updates() const {
  absl::MutexLock lock(&mu_);
  return working_.examples() - saved_examples_;
}

void Learner::MarkSaved(int64_t examples_saved) {
  absl::MutexLock lock(&mu_);
  saved_examples_ = examples_saved;
}

}  // namespace debrief::learning
