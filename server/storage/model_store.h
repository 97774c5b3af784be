// What the learned tagger keeps in the store: model snapshots, and the recorded closes
// and feedback it learns from, read back in the order they were recorded (so a model
// loaded from a snapshot can replay what came after it), plus the outcomes of
// suggestions at close ("was the suggested tag still on the ticket?").
#ifndef DEBRIEF_SERVER_STORAGE_MODEL_STORE_H_
#define DEBRIEF_SERVER_STORAGE_MODEL_STORE_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "server/core/tag_suggester.h"
#include "server/core/ticket.h"

namespace debrief::storage {

// One stored model snapshot.
struct ModelSnapshotRecord {
  absl::Time created_at;
  std::string model_version;
  // Closes and feedback learned.
  int64_t examples = 0;
  // The last close and feedback sequences the model contains.
  int64_t close_sequence = 0;
  int64_t feedback_sequence = 0;
  // LearnedModel::Encode bytes.
  std::string model;
};

// A recorded close, by its sequence (record order).
struct RecordedClose {
  int64_t sequence = 0;
  // The prepared ticket as recorded, with its final helpdesk tags.
  core::Ticket ticket;
};

// Recorded feedback, by its sequence, with what it is about.
struct RecordedFeedback {
  int64_t sequence = 0;
  core::Feedback feedback;
  // The suggestion's learning text; empty for a close decision (see `ticket`).
  std::string learning_text;
  // The closed ticket, when the decision was a close.
  std::optional<core::Ticket> ticket;
};

// How often one label's suggestions were still on the ticket at close.
struct SuggestionOutcomeCounts {
  int64_t suggested = 0;
  int64_t unchanged = 0;
};

// Implementations are thread-safe.
class ModelStore {
 public:
  virtual ~ModelStore() = default;

  // Stores `snapshot` and deletes all but the newest `keep`.
  virtual absl::Status SaveSnapshot(const ModelSnapshotRecord& snapshot, int keep) = 0;
  // The newest snapshot, or nullopt.
  virtual absl::StatusOr<std::optional<ModelSnapshotRecord>> LatestSnapshot() = 0;

  // Up to `limit` recorded closes with sequence > `after`, in sequence order.
  virtual absl::StatusOr<std::vector<RecordedClose>> ClosesAfter(int64_t after, int limit) = 0;
  // Up to `limit` feedback records with sequence > `after`, in sequence order.
  virtual absl::StatusOr<std::vector<RecordedFeedback>> FeedbackAfter(int64_t after, int limit) = 0;
  // The sequence of the recorded close `close_key`; NOT_FOUND when not recorded.
  virtual absl::StatusOr<int64_t> CloseSequence(absl::string_view close_key) = 0;
  // The sequence of the newest feedback on `decision_id`; NOT_FOUND when none.
  virtual absl::StatusOr<int64_t> LatestFeedbackSequence(absl::string_view decision_id) = 0;
  // The closed ticket whose close decision is `decision_id`, or nullopt.
  virtual absl::StatusOr<std::optional<core::Ticket>> TicketOfDecision(
      absl::string_view decision_id) = 0;

  // The labels of the newest suggestion made for `ticket_ref` ("<source>|<tenant>|<id>"),
  // or nullopt when none was logged.
  virtual absl::StatusOr<std::optional<std::vector<std::string>>> LatestSuggestion(
      absl::string_view ticket_ref) = 0;
  // Records, once per close, whether each suggested label was still on the ticket.
  virtual absl::Status RecordSuggestionOutcomes(
      int64_t close_sequence, const std::vector<std::pair<std::string, bool>>& outcomes) = 0;
  // Totals per label.
  virtual absl::StatusOr<std::map<std::string, SuggestionOutcomeCounts>> SuggestionOutcomes() = 0;
};

}  // namespace debrief::storage

#endif  // DEBRIEF_SERVER_STORAGE_MODEL_STORE_H_
