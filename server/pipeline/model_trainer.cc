#include "server/pipeline/model_trainer.h"

#include <algorithm>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "server/common/logging.h"
#include "server/common/status_macros.h"
#include "server/learning/blended_scorer.h"
#include "server/learning/text_features.h"

namespace debrief::pipeline {
namespace {

// Rows read from the store per replay step.
constexpr int kReplayBatch = 512;
constexpr char kCustomFieldPrefix[] = "custom_field:";

std::string TicketRef(const core::Ticket& ticket) {
  return absl::StrCat(core::SourceName(ticket.source), "|", ticket.source_tenant, "|",
                      ticket.ticket_id);
}

std::vector<std::string> MapTags(const std::vector<std::string>& tags,
                                 const analysis::Taxonomy& taxonomy) {
  std::set<std::string> nodes;
  for (const std::string& tag : tags) {
    if (std::optional<std::string> node = taxonomy.MapHelpdeskTag(tag); node.has_value()) {
      nodes.insert(*node);
    }
  }
  return {nodes.begin(), nodes.end()};
}

}  // namespace

learning::Example ExampleOfClose(const core::Ticket& ticket, const analysis::Taxonomy& taxonomy,
                                 const config::LearningOptions& options) {
  learning::Example example;
  example.text = learning::LearningText(ticket);
  for (const config::LabelSpaceOptions& space : options.label_spaces) {
    if (space.labels_from == "helpdesk_tags") {
      std::vector<std::string> nodes = MapTags(ticket.tags, taxonomy);
      if (!nodes.empty()) example.labels[space.name] = std::move(nodes);
      continue;
    }
    const std::string key = space.labels_from.substr(sizeof(kCustomFieldPrefix) - 1);
    auto it = ticket.custom_fields.find(key);
    if (it == ticket.custom_fields.end()) continue;
    const std::string value(absl::StripAsciiWhitespace(it->second));
    if (!value.empty()) example.labels[space.name] = {value};
  }
  return example;
}

ModelTrainer::ModelTrainer(learning::Learner& learner, storage::ModelStore& store,
                           const common::Snapshot<DecisionComponents>& components,
                           const config::LearningOptions& options, const common::Clock& clock,
                           common::MetricsRegistry& metrics)
    : learner_(learner),
      store_(store),
      components_(components),
      options_(options),
      clock_(clock),
      updates_(metrics.AddCounter("debrief_model_updates_total",
                                  "Label updates applied to the learned model, by cause.",
                                  {"cause"})),
      suggested_at_close_(metrics.AddCounter(
          "debrief_suggestions_at_close_total",
          "Suggested tags of tickets that have since closed, per label.", {"label"})),
      unchanged_at_close_(metrics.AddCounter(
          "debrief_suggestions_unchanged_at_close_total",
          "Suggested tags that were still on the ticket when it closed, per label.", {"label"})),
      unchanged_ratio_(metrics.AddGauge(
          "debrief_suggestions_unchanged_at_close_ratio",
          "Share of suggested tags still on the ticket when it closed, per label.", {"label"})),
      snapshots_saved_(metrics
                           .AddCounter("debrief_model_snapshots_saved_total",
                                       "Learned-model snapshots written to the store.")
                           .WithLabels({})) {}

ModelTrainer::~ModelTrainer() { Shutdown(); }

absl::StatusOr<ReplayCounts> ModelTrainer::Replay() {
  ReplayCounts counts;
  const learning::TrainingPosition start = learner_.position();
  const std::shared_ptr<const DecisionComponents> components = components_.Get();
  int64_t after = start.close_sequence;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(std::vector<storage::RecordedClose> closes,
                             store_.ClosesAfter(after, kReplayBatch));
    for (const storage::RecordedClose& close : closes) {
      const int updates = learner_.LearnClose(
          ExampleOfClose(close.ticket, *components->taxonomy, options_), close.sequence);
      updates_.WithLabels({"replay"}).Increment(updates);
      after = close.sequence;
      ++counts.closes;
    }
    if (static_cast<int>(closes.size()) < kReplayBatch) break;
  }
  after = start.feedback_sequence;
  while (true) {
    DEBRIEF_ASSIGN_OR_RETURN(std::vector<storage::RecordedFeedback> records,
                             store_.FeedbackAfter(after, kReplayBatch));
    for (const storage::RecordedFeedback& record : records) {
      const std::string text = record.ticket.has_value() ? learning::LearningText(*record.ticket)
                                                         : record.learning_text;
      if (!text.empty()) {
        updates_.WithLabels({"replay"}).Increment(
            ApplyFeedback(record.feedback, text, record.sequence));
      }
      after = record.sequence;
      ++counts.feedback;
    }
    if (static_cast<int>(records.size()) < kReplayBatch) break;
  }
  learner_.PublishPending();
  DEBRIEF_ASSIGN_OR_RETURN(auto outcomes, store_.SuggestionOutcomes());
  for (const auto& [label, totals] : outcomes) {
    suggested_at_close_.WithLabels({label}).Increment(static_cast<double>(totals.suggested));
    unchanged_at_close_.WithLabels({label}).Increment(static_cast<double>(totals.unchanged));
    CountOutcome(label, false, 0);
  }
  if (counts.closes + counts.feedback > 0) {
    common::ModuleLogger("pipeline")
        ->info("learned model replayed {} closes and {} feedback recorded after its snapshot",
               counts.closes, counts.feedback);
  }
  return counts;
}

void ModelTrainer::Start() {
  absl::MutexLock lock(&mu_);
  if (started_) return;
  started_ = true;
  thread_ = std::thread([this] { Loop(); });
}

void ModelTrainer::Shutdown() {
  {
    absl::MutexLock lock(&mu_);
    if (stopping_) return;
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
  learner_.PublishPending();
  if (absl::Status status = SaveSnapshot(); !status.ok()) {
    common::ModuleLogger("pipeline")->error("final model snapshot failed: {}", status.ToString());
  }
}

void ModelTrainer::Loop() {
  auto log = common::ModuleLogger("pipeline");
  const absl::Duration tick =
      std::clamp(options_.publish_interval, absl::Milliseconds(50), absl::Seconds(1));
  absl::Time last_save = clock_.Now();
  while (true) {
    {
      absl::MutexLock lock(&mu_);
      mu_.AwaitWithTimeout(absl::Condition(&stopping_), tick);
      if (stopping_) return;
    }
    learner_.PublishPending();
    if (clock_.Now() - last_save >= options_.snapshot_interval) {
      last_save = clock_.Now();
      if (absl::Status status = SaveSnapshot(); !status.ok()) {
        log->warn("model snapshot failed, will retry: {}", status.ToString());
      }
    }
  }
}

absl::Status ModelTrainer::SaveSnapshot() {
  absl::MutexLock lock(&save_mu_);
  if (learner_.unsaved_updates() == 0) return absl::OkStatus();
  learning::Learner::Encoded encoded = learner_.Encode();
  storage::ModelSnapshotRecord record;
  record.created_at = clock_.Now();
  record.model_version = encoded.version;
  record.examples = encoded.examples;
  record.close_sequence = encoded.position.close_sequence;
  record.feedback_sequence = encoded.position.feedback_sequence;
  record.model = std::move(encoded.bytes);
  DEBRIEF_RETURN_IF_ERROR(store_.SaveSnapshot(record, options_.snapshots_kept));
  learner_.MarkSaved(encoded.examples);
  snapshots_saved_.Increment();
  common::ModuleLogger("pipeline")
      ->info("model snapshot saved: {} ({} bytes, through close {})", record.model_version,
             record.model.size(), record.close_sequence);
  return absl::OkStatus();
}

void ModelTrainer::BlendFacets(const core::Ticket& prepared, double threshold,
                               core::Debriefing& debriefing) const {
  const std::shared_ptr<const learning::LearnedModel> model = learner_.model();
  const int fix = model->FindSpace("fix_category");
  const int cause = model->FindSpace("root_cause");
  const auto knows = [&](int space) {
    return space >= 0 && !model->classifier(space).labels().empty();
  };
  if (!knows(fix) && !knows(cause)) return;
  const learning::SparseFeatures x = model->Featurize(learning::LearningText(prepared));
  debriefing.fix_category = learning::BlendSingleLabel(
      std::move(debriefing.fix_category), *model, fix, x, options_.takeover_examples, threshold);
  debriefing.root_cause = learning::BlendSingleLabel(
      std::move(debriefing.root_cause), *model, cause, x, options_.takeover_examples, threshold);
}

int ModelTrainer::LearnClose(const core::Ticket& prepared, absl::string_view close_key) {
  auto log = common::ModuleLogger("pipeline");
  absl::StatusOr<int64_t> sequence = store_.CloseSequence(close_key);
  if (!sequence.ok()) {
    log->warn("close not learned now (replay will): {}", sequence.status().ToString());
    return 0;
  }
  const learning::Example example =
      ExampleOfClose(prepared, *components_.Get()->taxonomy, options_);
  const int updates = learner_.LearnClose(example, *sequence);
  updates_.WithLabels({"close"}).Increment(updates);
  RecordOutcomes(prepared, example, *sequence);
  return updates;
}

void ModelTrainer::RecordOutcomes(const core::Ticket& prepared, const learning::Example& example,
                                  int64_t sequence) {
  auto log = common::ModuleLogger("pipeline");
  absl::StatusOr<std::optional<std::vector<std::string>>> suggested =
      store_.LatestSuggestion(TicketRef(prepared));
  if (!suggested.ok()) {
    log->warn("suggestion outcomes not recorded: {}", suggested.status().ToString());
    return;
  }
  if (!suggested->has_value() || (*suggested)->empty()) return;
  auto final_tags = example.labels.find("tags");
  std::vector<std::pair<std::string, bool>> outcomes;
  for (const std::string& label : **suggested) {
    const bool unchanged =
        final_tags != example.labels.end() &&
        std::find(final_tags->second.begin(), final_tags->second.end(), label) !=
            final_tags->second.end();
    outcomes.emplace_back(label, unchanged);
  }
  if (absl::Status status = store_.RecordSuggestionOutcomes(sequence, outcomes); !status.ok()) {
    log->warn("suggestion outcomes not recorded: {}", status.ToString());
    return;
  }
  for (const auto& [label, unchanged] : outcomes) CountOutcome(label, unchanged);
}

void ModelTrainer::CountOutcome(const std::string& label, bool unchanged, int64_t times) {
  common::Counter& suggested = suggested_at_close_.WithLabels({label});
  common::Counter& kept = unchanged_at_close_.WithLabels({label});
  if (times > 0) {
    suggested.Increment(static_cast<double>(times));
    if (unchanged) kept.Increment(static_cast<double>(times));
  }
  if (suggested.value() > 0) unchanged_ratio_.WithLabels({label}).Set(kept.value() / suggested.value());
}

int ModelTrainer::ApplyFeedback(const core::Feedback& feedback, absl::string_view text,
                                int64_t sequence) {
  const analysis::Taxonomy& taxonomy = *components_.Get()->taxonomy;
  std::vector<std::string> positive = MapTags(feedback.accepted, taxonomy);
  const std::vector<std::string> added = MapTags(feedback.added, taxonomy);
  positive.insert(positive.end(), added.begin(), added.end());
  const std::vector<std::string> negative = MapTags(feedback.rejected, taxonomy);
  return learner_.LearnFeedback(text, "tags", positive, negative, sequence);
}

absl::StatusOr<int> ModelTrainer::LearnFeedback(const core::Feedback& feedback,
                                                const storage::DecisionRecord& decision) {
  std::string text = decision.learning_text;
  if (text.empty()) {
    DEBRIEF_ASSIGN_OR_RETURN(std::optional<core::Ticket> ticket,
                             store_.TicketOfDecision(decision.decision_id));
    if (ticket.has_value()) text = learning::LearningText(*ticket);
  }
  if (text.empty()) return 0;
  absl::StatusOr<int64_t> sequence = store_.LatestFeedbackSequence(feedback.decision_id);
  const int updates = ApplyFeedback(feedback, text, sequence.ok() ? *sequence : 0);
  updates_.WithLabels({"feedback"}).Increment(updates);
  return updates;
}

}  // namespace debrief::pipeline
