#include "server/pipeline/suggestion_service.h"

#include "absl/strings/str_cat.h"
#include "server/common/ids.h"
#include "server/common/logging.h"
#include "server/common/status_macros.h"
#include "server/learning/text_features.h"

namespace debrief::pipeline {

SuggestionService::SuggestionService(const common::Snapshot<DecisionComponents>& components,
                                     storage::DecisionLog& decisions, const common::Clock& clock,
                                     common::Random& random, common::MetricsRegistry& metrics,
                                     ModelTrainer* trainer)
    : components_(components),
      decisions_(decisions),
      clock_(clock),
      random_(random),
      unlogged_(metrics
                    .AddCounter("debrief_suggestions_unlogged_total",
                                "Suggestions answered but not logged (decision log queue full).")
                    .WithLabels({})),
      trainer_(trainer) {}

absl::StatusOr<core::Suggestion> SuggestionService::Suggest(const core::Ticket& ticket,
                                                            int max_tags) {
  const std::shared_ptr<const DecisionComponents> components = components_.Get();
  const core::Ticket prepared = components->analyzer->Prepare(ticket);
  core::Suggestion suggestion;
  suggestion.decision_id = common::NewId("dsg", clock_, random_);
  suggestion.model_version = components->tag_scorer->version();
  suggestion.tags = analysis::SelectSuggestions(
      components->tag_scorer->Score(prepared), *components->taxonomy, components->threshold,
      max_tags > 0 ? max_tags : components->max_tags);

  storage::DecisionRecord record;
  record.decision_id = suggestion.decision_id;
  record.kind = "suggestion";
  record.ticket_ref =
      absl::StrCat(core::SourceName(ticket.source), "|", ticket.source_tenant, "|", ticket.ticket_id);
  record.labels = suggestion.tags;
  record.model_version = suggestion.model_version;
  record.created_at = clock_.Now();
  if (trainer_ != nullptr) record.learning_text = learning::LearningText(prepared);
  if (absl::Status status = decisions_.AppendDecisions({record}); !status.ok()) {
    unlogged_.Increment();
    common::LogContext context(suggestion.decision_id);
    common::ModuleLogger("pipeline")->warn("suggestion not logged: {}", status.ToString());
  }
  return suggestion;
}

absl::StatusOr<core::FeedbackResult> SuggestionService::RecordFeedback(
    const core::Feedback& feedback) {
  common::LogContext context(feedback.decision_id);
  DEBRIEF_ASSIGN_OR_RETURN(std::optional<storage::DecisionRecord> decision,
                           decisions_.FindDecision(feedback.decision_id));
  if (!decision.has_value()) {
    return absl::NotFoundError(absl::StrCat("decision_id: no decision \"", feedback.decision_id,
                                            "\" was issued (or it is older than the log keeps)"));
  }
  const std::shared_ptr<const DecisionComponents> components = components_.Get();
  core::FeedbackResult result;
  for (const auto* tags : {&feedback.accepted, &feedback.rejected, &feedback.added}) {
    for (const std::string& tag : *tags) {
      if (!components->taxonomy->MapHelpdeskTag(tag).has_value()) result.unknown_tags.push_back(tag);
    }
  }
  DEBRIEF_RETURN_IF_ERROR(decisions_.AppendFeedback(feedback, clock_.Now()));
  if (trainer_ != nullptr) {
    // The feedback is recorded: a failure to learn it now is caught up by replay.
    absl::StatusOr<int> updates = trainer_->LearnFeedback(feedback, *decision);
    if (updates.ok()) {
      result.model_updates = *updates;
    } else {
      common::ModuleLogger("pipeline")->warn("feedback not learned now: {}", updates.status().ToString());
    }
  }
  common::ModuleLogger("pipeline")
      ->info("feedback on {}: {} accepted, {} rejected, {} added", decision->kind,
             feedback.accepted.size(), feedback.rejected.size(), feedback.added.size());
  return result;
}

}  // namespace debrief::pipeline
