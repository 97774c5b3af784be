#include "server/pipeline/close_pipeline.h"

#include <functional>
#include <optional>

#include "absl/strings/str_cat.h"
#include "server/common/ids.h"
#include "server/common/logging.h"
#include "server/common/status_macros.h"
#include "server/pipeline/account_decision.h"
#include "server/policy/decision_facts.h"

namespace debrief::pipeline {
namespace {

// Decisions made per close before a run of account-version conflicts (writers outside
// this process) is given up.
constexpr int kMaxDecisionAttempts = 8;

}  // namespace

ClosePipeline::ClosePipeline(const common::Snapshot<DecisionComponents>& components,
                             storage::HistoryStore& history, const common::Clock& clock,
                             common::MetricsRegistry& metrics, storage::AccountStore* accounts,
                             ModelTrainer* trainer, const core::InsightPlanner* insights)
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
              .WithLabels({})),
      accounts_(accounts),
      trainer_(trainer),
      insights_(insights),
      account_conflicts_(
          metrics
              .AddCounter("debrief_account_conflicts_total",
                          "Close decisions made again because another close of the same "
                          "account committed first.")
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
  // Scanned once: the facets and the tags read the same words.
  const std::vector<analysis::ScannedSegment> scanned = analysis::ScanTicket(prepared);
  core::Debriefing debriefing = components->analyzer->Analyze(prepared, scanned);
  debriefing.decision_id = decision_id;
  debriefing.decided_at = now;
  debriefing.model_version = components->tag_scorer->version();
  debriefing.suggested_tags =
      analysis::SelectSuggestions(components->tag_scorer->Score(prepared, scanned), *components->taxonomy,
                                  components->threshold, components->max_tags);
  if (trainer_ != nullptr) trainer_->BlendFacets(prepared, components->threshold, debriefing);
  for (const std::string& tag : prepared.tags) {
    if (!components->taxonomy->MapHelpdeskTag(tag).has_value()) {
      debriefing.unknown_helpdesk_tags.push_back(tag);
      unknown_helpdesk_tags_.Increment();
    }
  }

  storage::CloseRecord record;
  record.close_key = close_key;
  record.mode = mode;
  record.recorded_at = now;
  // From the raw ticket: redaction has replaced the requester's e-mail in `prepared`.
  record.requester_email_key = storage::RequesterEmailKey(ticket.requester.email);
  record.requester_id_key = storage::RequesterIdKey(ticket.requester.id);
  std::optional<storage::AccountStateQuery> query;
  if (accounts_ != nullptr && !prepared.account.id.empty()) {
    query = AccountQueryFor(*components, prepared, debriefing, now);
  }
  record.ticket = std::move(prepared);
  std::optional<absl::MutexLock> account_turn;
  if (query.has_value()) {
    account_turn.emplace(
        &account_stripes_[std::hash<std::string>{}(query->account_id) % account_stripes_.size()]);
  }
  absl::StatusOr<storage::RecordOutcome> recorded_now;
  for (int attempt = 1; attempt <= kMaxDecisionAttempts; ++attempt) {
    std::optional<storage::AccountState> state;
    if (query.has_value()) {
      DEBRIEF_ASSIGN_OR_RETURN(state, accounts_->LoadState(*query));
    }
    record.debriefing = debriefing;
    record.account = DecideWithAccount(*components, state.has_value() ? &*state : nullptr,
                                       record.ticket, now, record.debriefing);
    if (insights_ != nullptr) {
      record.insights = insights_->Plan(close_key, ticket, record.ticket, record.debriefing);
      record.debriefing.routed.clear();
      for (const core::Delivery& delivery : record.insights.deliveries) {
        for (const core::Insight& insight : record.insights.insights) {
          if (insight.insight_id != delivery.insight_id) continue;
          record.debriefing.routed.push_back({.insight_id = insight.insight_id,
                                              .kind = insight.kind,
                                              .audience = insight.audience,
                                              .destination = delivery.destination});
        }
      }
    }
    recorded_now = history_.RecordClose(record);
    if (recorded_now.status().code() != absl::StatusCode::kAborted) break;
    account_conflicts_.Increment();
  }
  account_turn.reset();
  if (recorded_now.status().code() == absl::StatusCode::kAborted) {
    return absl::UnavailableError(absl::StrCat(
        "account ", record.ticket.account.id,
        " kept changing while this close was decided (other writers); retry"));
  }
  DEBRIEF_ASSIGN_OR_RETURN(storage::RecordOutcome outcome, std::move(recorded_now));
  closes_.WithLabels({mode_name, outcome.replayed ? "replayed" : "recorded"}).Increment();
  if (trainer_ != nullptr && !outcome.replayed) trainer_->LearnClose(record.ticket, close_key);
  log->info("{} close of ticket {}: {} tags, escalation {}",
            outcome.replayed ? "replayed" : "recorded", ticket.ticket_id,
            outcome.debriefing.suggested_tags.size(),
            core::EscalationLevelName(outcome.debriefing.escalation.level));
  return std::move(outcome.debriefing);
}

}  // namespace debrief::pipeline
