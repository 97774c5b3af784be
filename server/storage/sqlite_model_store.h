// ModelStore on the embedded SQLite database (tables of migration 2 plus tickets,
// decisions and feedback).
#ifndef DEBRIEF_SERVER_STORAGE_SQLITE_MODEL_STORE_H_
#define DEBRIEF_SERVER_STORAGE_SQLITE_MODEL_STORE_H_

#include "server/storage/model_store.h"
#include "server/storage/sqlite_database.h"

namespace debrief::storage {

// Thread-safe. `database` must outlive it.
class SqliteModelStore final : public ModelStore {
 public:
  explicit SqliteModelStore(SqliteDatabase& database) : database_(database) {}

  absl::Status SaveSnapshot(const ModelSnapshotRecord& snapshot, int keep) override;
  absl::StatusOr<std::optional<ModelSnapshotRecord>> LatestSnapshot() override;
  absl::StatusOr<std::vector<RecordedClose>> ClosesAfter(int64_t after, int limit) override;
  absl::StatusOr<std::vector<RecordedFeedback>> FeedbackAfter(int64_t after, int limit) override;
  absl::StatusOr<int64_t> CloseSequence(absl::string_view close_key) override;
  absl::StatusOr<int64_t> LatestFeedbackSequence(absl::string_view decision_id) override;
  absl::StatusOr<std::optional<core::Ticket>> TicketOfDecision(absl::string_view decision_id) override;
  absl::StatusOr<std::optional<std::vector<std::string>>> LatestSuggestion(
      absl::string_view ticket_ref) override;
  absl::Status RecordSuggestionOutcomes(
      int64_t close_sequence, const std::vector<std::pair<std::string, bool>>& outcomes) override;
  absl::StatusOr<std::map<std::string, SuggestionOutcomeCounts>> SuggestionOutcomes() override;

 private:
  SqliteDatabase& database_;
};

}  // namespace debrief::storage

#endif  // DEBRIEF_SERVER_STORAGE_SQLITE_MODEL_STORE_H_
