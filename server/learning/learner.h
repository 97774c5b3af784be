// The one writer of the learned model, and where readers get it. Updates (a close's
// final labels, an agent's feedback) apply at once to a private working model; readers
// only ever see immutable copies published through a common::Snapshot, so scoring never
// waits on training. An isolated update is published at once; during a burst (backfill)
// publications are coalesced to one per learning.publish_interval, the rest being done
// by PublishPending() from the owner's timer.
//
//   auto learner = Learner::Create(config.learning, clock, /*snapshot=*/nullptr);
//   (*learner)->LearnClose(example, sequence);
//   std::shared_ptr<const LearnedModel> model = (*learner)->model();
#ifndef DEBRIEF_SERVER_LEARNING_LEARNER_H_
#define DEBRIEF_SERVER_LEARNING_LEARNER_H_

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "server/common/clock.h"
#include "server/common/snapshot.h"
#include "server/config/learning_options.h"
#include "server/learning/learned_model.h"

namespace debrief::learning {

// Thread-safe. `clock` must outlive it.
class Learner {
 public:
  // A learner starting from `snapshot` (bytes of LearnedModel::Encode) or, when null or
  // unusable with these options, from nothing. The reason a snapshot was not used is in
  // `discarded` (if given).
  static std::unique_ptr<Learner> Create(const config::LearningOptions& options,
                                         const common::Clock& clock, const std::string* snapshot,
                                         std::string* discarded = nullptr);

  // The published model (immutable); never blocks on training.
  std::shared_ptr<const LearnedModel> model() const { return published_.Get(); }
  const common::Snapshot<LearnedModel>& published() const { return published_; }

  // Learns a recorded close whose store sequence is `sequence` (0 when not recorded).
  // Returns the label updates applied.
  int LearnClose(const Example& example, int64_t sequence);
  // Learns feedback on `text` in the space `space`, recorded under `sequence`.
  int LearnFeedback(absl::string_view text, absl::string_view space,
                    const std::vector<std::string>& positive,
                    const std::vector<std::string>& negative, int64_t sequence);

  // Publishes the working model if updates are waiting. Returns true if it published.
  bool PublishPending();
  // The working model's snapshot bytes (all updates so far) and its version.
  struct Encoded {
    std::string bytes;
    std::string version;
    int64_t examples = 0;
    TrainingPosition position;
  };
  Encoded Encode();
  // Position up to which every recorded close and feedback has been learned.
  TrainingPosition position() const;
  // Updates not yet in a store snapshot; reset by MarkSaved.
  int64_t unsaved_updates() const;
  void MarkSaved(int64_t examples_saved);

 private:
  Learner(const config::LearningOptions& options, const common::Clock& clock, LearnedModel model);
  void PublishLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void AfterUpdateLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Advances `watermark` over `learned` while contiguous.
  static void Advance(int64_t sequence, int64_t& watermark, std::set<int64_t>& learned);

  const config::LearningOptions options_;
  const common::Clock& clock_;
  mutable absl::Mutex mu_;
  LearnedModel working_ ABSL_GUARDED_BY(mu_);
  bool pending_ ABSL_GUARDED_BY(mu_) = false;
  absl::Time last_publish_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
  int64_t saved_examples_ ABSL_GUARDED_BY(mu_) = 0;
  // Sequences learned beyond the contiguous watermark (concurrent closes finish out of order).
  std::set<int64_t> closes_ahead_ ABSL_GUARDED_BY(mu_);
  std::set<int64_t> feedback_ahead_ ABSL_GUARDED_BY(mu_);
  common::Snapshot<LearnedModel> published_;
};

}  // namespace debrief::learning

#endif  // DEBRIEF_SERVER_LEARNING_LEARNER_H_
