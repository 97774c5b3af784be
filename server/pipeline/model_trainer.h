// Connects the learned tagger to the history: turns each recorded close (its final
// helpdesk tags through the taxonomy's aliases, and custom fields for the other label
// spaces) and each piece of agent feedback into model updates, blends the model into
// the close's fix category and root cause, counts how many suggestions were still on
// the ticket at close, replays what the last stored snapshot missed, and snapshots the
// model to the store on a schedule and at shutdown.
//
//   ModelTrainer trainer(learner, store, components, options, clock, metrics);
//   DEBRIEF_RETURN_IF_ERROR(trainer.Replay().status());
//   trainer.Start();
//   ... trainer.Shutdown();   // saves a final snapshot
#ifndef DEBRIEF_SERVER_PIPELINE_MODEL_TRAINER_H_
#define DEBRIEF_SERVER_PIPELINE_MODEL_TRAINER_H_

#include <cstdint>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "server/common/clock.h"
#include "server/common/metrics.h"
#include "server/common/snapshot.h"
#include "server/config/learning_options.h"
#include "server/core/close_handler.h"
#include "server/core/debriefing.h"
#include "server/core/tag_suggester.h"
#include "server/learning/learned_model.h"
#include "server/learning/learner.h"
#include "server/pipeline/decision_components.h"
#include "server/storage/decision_log.h"
#include "server/storage/model_store.h"

namespace debrief::pipeline {

// What Replay learned.
struct ReplayCounts {
  int64_t closes = 0;
  int64_t feedback = 0;
};

// The training example of a prepared, closed ticket: its text, its tags mapped to
// taxonomy nodes (unknown tags left out) and, per custom-field space, that field.
learning::Example ExampleOfClose(const core::Ticket& ticket, const analysis::Taxonomy& taxonomy,
                                 const config::LearningOptions& options);

// Thread-safe. Every reference must outlive it; app/ calls Start() and Shutdown().
class ModelTrainer {
 public:
  ModelTrainer(learning::Learner& learner, storage::ModelStore& store,
               const common::Snapshot<DecisionComponents>& components,
               const config::LearningOptions& options, const common::Clock& clock,
               common::MetricsRegistry& metrics);
  ~ModelTrainer();

  // Learns every close and feedback recorded after the model's position (a crash's
  // lost updates), in record order; publishes the result. Loads the suggestion outcome
  // totals into the metrics.
  absl::StatusOr<ReplayCounts> Replay();

  // Starts the thread that publishes coalesced updates and saves snapshots.
  void Start();
  // Stops the thread and saves a final snapshot if anything changed. Idempotent.
  void Shutdown();

  // Replaces debriefing.fix_category / root_cause by their blend with the model's
  // label spaces of the same names (no-op for spaces the model lacks).
  void BlendFacets(const core::Ticket& prepared, double threshold, core::Debriefing& debriefing) const;

  // Learns a just-recorded close and records the outcomes of the suggestions made for
  // the ticket. Failures are logged, never returned: the close is recorded, and replay
  // catches the model up after a restart. Returns the label updates applied.
  int LearnClose(const core::Ticket& prepared, absl::string_view close_key);

  // Learns recorded `feedback` on `decision`. Returns the label updates applied;
  // UNAVAILABLE when the decision's text cannot be read.
  absl::StatusOr<int> LearnFeedback(const core::Feedback& feedback,
                                    const storage::DecisionRecord& decision);

  // Saves a snapshot now if the model changed since the last one.
  absl::Status SaveSnapshot();

 private:
  // Positive and negative labels of `feedback` mapped to taxonomy nodes.
  int ApplyFeedback(const core::Feedback& feedback, absl::string_view text, int64_t sequence);
  void RecordOutcomes(const core::Ticket& prepared, const learning::Example& example,
                      int64_t sequence);
  void CountOutcome(const std::string& label, bool unchanged, int64_t times = 1);
  void Loop();

  learning::Learner& learner_;
  storage::ModelStore& store_;
  const common::Snapshot<DecisionComponents>& components_;
  const config::LearningOptions options_;
  const common::Clock& clock_;
  common::CounterFamily& updates_;
  common::CounterFamily& suggested_at_close_;
  common::CounterFamily& unchanged_at_close_;
  common::GaugeFamily& unchanged_ratio_;
  common::Counter& snapshots_saved_;
  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  bool started_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
  absl::Mutex save_mu_;  // one snapshot save at a time
};

}  // namespace debrief::pipeline

#endif  // DEBRIEF_SERVER_PIPELINE_MODEL_TRAINER_H_
