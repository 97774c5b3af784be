#include "server/pipeline/close_pipeline.h"

#include "server/common/ids.h"
#include "server/common/logging.h"
#include "server/common/status_macros.h"
#include "server/policy/decision_facts.h"

namespace debrief::pipeline {

ClosePipeline::ClosePipeline(const common::Snapshot<DecisionComponents>& components,
                             storage::HistoryStore& history, const common::Clock& clock,
                             common::MetricsRegistry& metrics)
    : components_(components),
      history_(history),
      clock_(clock),
      closes_(metrics.AddCounter("debrief_closes_total",
                                 "Ticket closes by mode and outcome (recorded, replayed).",
                                 {"mode", "outcome"})),
      unknown_helpdesk_tags_(
          metrics
              .AddCounter("debrief_unknown_helpdesk_tags_total",
                          "Helpdesk tags on closed tickets that match no taxonomy node.")
              .WithLabels({})) {}

absl::StatusOr<core::Debriefing> ClosePipeline::Close(const core::Ticket& ticket,
                                                      core::CloseMode mode) {
  const std::string mode_name = mode == core::CloseMode::kBackfill ? "backfill" : "live";
  const std::string close_key = core::CloseKey(ticket);
  const std::string decision_id = common::StableId("dcl", close_key);
  common::LogContext log_context(decision_id);
  auto log = common::ModuleLogger("pipeline");

  DEBRIEF_ASSIGN_OR_RETURN(std::optional<core::Debriefing> recorded, history_.FindClose(close_key));
  if (recorded.has_value()) {
    closes_.WithLabels({mode_name, "replayed"}).Increment();
    log->debug("replayed close of ticket {}", ticket.ticket_id);
    return std::move(*recorded);
  }

  const std::shared_ptr<const DecisionComponents> components = components_.Get();
  const absl::Time now = clock_.Now();
  core::Ticket prepared = components->analyzer->Prepare(ticket);
  core::Debriefing debriefing = components->analyzer->Analyze(prepared);
  debriefing.decision_id = decision_id;
  debriefing.decided_at = now;
  debriefing.model_version = components->tag_scorer->version();
  debriefing.suggested_tags =
      analysis::SelectSuggestions(components->tag_scorer->Score(prepared), *components->taxonomy,
                                  components->threshold, components->max_tags);
  for (const std::string& tag : prepared.tags) {
    if (!components->taxonomy->MapHelpdeskTag(tag).has_value()) {
      debriefing.unknown_helpdesk_tags.push_back(tag);
      unknown_helpdesk_tags_.Increment();
    }
  }
  const policy::Facts facts = policy::BuildDecisionFacts(prepared, debriefing, now);
  debriefing.escalation = components->escalation->Decide(facts, prepared.closed_at.value_or(now));

  storage::CloseRecord record;
  record.close_key = close_key;
  record.ticket = std::move(prepared);
  record.debriefing = std::move(debriefing);
  record.mode = mode;
  record.recorded_at = now;
  DEBRIEF_ASSIGN_OR_RETURN(storage::RecordOutcome outcome, history_.RecordClose(record));
  closes_.WithLabels({mode_name, outcome.replayed ? "replayed" : "recorded"}).Increment();
  log->info("{} close of ticket {}: {} tags, escalation {}",
            outcome.replayed ? "replayed" : "recorded", ticket.ticket_id,
            outcome.debriefing.suggested_tags.size(),
            core::EscalationLevelName(outcome.debriefing.escalation.level));
  return std::move(outcome.debriefing);
}

}  // namespace debrief::pipeline
