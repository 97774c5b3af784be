// OutboxStore on the embedded SQLite database (migration 5: insights, outbox,
// disabled_destinations). WriteInsights is the half of a commit that RecordClose and
// Enqueue share.
#ifndef DEBRIEF_SERVER_STORAGE_SQLITE_OUTBOX_STORE_H_
#define DEBRIEF_SERVER_STORAGE_SQLITE_OUTBOX_STORE_H_

#include "server/storage/outbox_store.h"
#include "server/storage/sqlite_database.h"

namespace debrief::storage {

// Inserts `planned` on `db` inside the caller's transaction (existing ids are kept).
absl::Status WriteInsights(SqliteDb& db, const core::PlannedInsights& planned, absl::Time now);

// Thread-safe. `database` must outlive it.
class SqliteOutboxStore final : public OutboxStore {
 public:
  explicit SqliteOutboxStore(SqliteDatabase& database) : database_(database) {}

  absl::Status Enqueue(const core::PlannedInsights& planned, absl::Time now) override;
  absl::StatusOr<std::vector<OutboxEntry>> DueHeads(absl::string_view destination, absl::Time now,
                                                    int limit) override;
  absl::StatusOr<std::optional<absl::Time>> NextDue(absl::string_view destination) override;
  absl::Status MarkDelivered(int64_t id, int attempts, absl::Time at) override;
  absl::Status ScheduleRetry(int64_t id, int attempts, absl::Time next_attempt_at,
                             absl::string_view error) override;
  absl::Status MarkDead(int64_t id, int attempts, absl::string_view error, absl::Time at) override;
  absl::StatusOr<int64_t> CountPending(absl::string_view destination) override;
  absl::StatusOr<std::vector<OutboxEntry>> ListDead(const DeadLetterQuery& query) override;
  absl::StatusOr<int64_t> ReplayDead(const DeadLetterQuery& query, absl::Time now) override;
  absl::Status DisableDestination(absl::string_view destination, absl::string_view reason,
                                  absl::Time at) override;
  absl::Status EnableDestination(absl::string_view destination) override;
  absl::StatusOr<std::optional<std::string>> DisabledReason(absl::string_view destination) override;
  absl::StatusOr<std::vector<core::Insight>> ReadInsights(const InsightQuery& query) override;
  absl::StatusOr<int64_t> LastSequence() override;

 private:
  SqliteDatabase& database_;
};

}  // namespace debrief::storage

#endif  // DEBRIEF_SERVER_STORAGE_SQLITE_OUTBOX_STORE_H_
