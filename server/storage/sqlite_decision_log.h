// DecisionLog on the embedded SQLite database.
#ifndef DEBRIEF_SERVER_STORAGE_SQLITE_DECISION_LOG_H_
#define DEBRIEF_SERVER_STORAGE_SQLITE_DECISION_LOG_H_

#include "absl/strings/string_view.h"
#include "server/storage/decision_log.h"
#include "server/storage/sqlite_database.h"

namespace debrief::storage {

// Thread-safe. `database` must outlive it.
class SqliteDecisionLog final : public DecisionLog {
 public:
  explicit SqliteDecisionLog(SqliteDatabase& database) : database_(database) {}

  absl::Status AppendDecisions(const std::vector<DecisionRecord>& records) override;
  absl::StatusOr<std::optional<DecisionRecord>> FindDecision(absl::string_view decision_id) override;
  absl::Status AppendFeedback(const core::Feedback& feedback, absl::Time at) override;

 private:
  SqliteDatabase& database_;
};

}  // namespace debrief::storage

#endif  // DEBRIEF_SERVER_STORAGE_SQLITE_DECISION_LOG_H_
