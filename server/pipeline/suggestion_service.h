// Inline tag suggestions for open tickets and the feedback agents give on them. Reads
// only immutable snapshots; the decision log write is queued, never waited on.
#ifndef DEBRIEF_SERVER_PIPELINE_SUGGESTION_SERVICE_H_
#define DEBRIEF_SERVER_PIPELINE_SUGGESTION_SERVICE_H_

#include "server/common/clock.h"
#include "server/common/metrics.h"
#include "server/common/snapshot.h"
#include "server/core/tag_suggester.h"
#include "server/pipeline/decision_components.h"
#include "server/pipeline/model_trainer.h"
#include "server/storage/decision_log.h"

namespace debrief::pipeline {

// Thread-safe. Every reference must outlive it.
class SuggestionService final : public core::TagSuggester {
 public:
  // `trainer` is optional: with it, feedback updates the learned model at once.
  SuggestionService(const common::Snapshot<DecisionComponents>& components,
                    storage::DecisionLog& decisions, const common::Clock& clock,
                    common::Random& random, common::MetricsRegistry& metrics,
                    ModelTrainer* trainer = nullptr);

  absl::StatusOr<core::Suggestion> Suggest(const core::Ticket& ticket, int max_tags) override;
  absl::StatusOr<core::FeedbackResult> RecordFeedback(const core::Feedback& feedback) override;

 private:
  const common::Snapshot<DecisionComponents>& components_;
  storage::DecisionLog& decisions_;
  const common::Clock& clock_;
  common::Random& random_;
  common::Counter& unlogged_;
  ModelTrainer* const trainer_;
};

}  // namespace debrief::pipeline

#endif  // DEBRIEF_SERVER_PIPELINE_SUGGESTION_SERVICE_H_
