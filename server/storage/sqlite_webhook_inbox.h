// core::WebhookInbox on the embedded SQLite database (table webhook_inbox, migration 4).
// The pre-redaction ticket is kept only while a delivery is pending: Complete and Fail
// delete it in the same statement that records the outcome.
#ifndef DEBRIEF_SERVER_STORAGE_SQLITE_WEBHOOK_INBOX_H_
#define DEBRIEF_SERVER_STORAGE_SQLITE_WEBHOOK_INBOX_H_

#include "server/core/webhook_inbox.h"
#include "server/storage/sqlite_database.h"

namespace debrief::storage {

// Thread-safe. `database` must outlive it.
class SqliteWebhookInbox final : public core::WebhookInbox {
 public:
  explicit SqliteWebhookInbox(SqliteDatabase& database) : database_(database) {}

  absl::StatusOr<core::AcceptOutcome> Accept(const core::InboxDelivery& delivery) override;
  absl::StatusOr<std::vector<core::InboxEntry>> Due(absl::Time now, int limit,
                                                    const std::vector<int64_t>& skip) override;
  absl::Status Complete(int64_t id, absl::string_view result_json, absl::Time now) override;
  absl::Status Retry(int64_t id, absl::Time next_attempt, absl::string_view error) override;
  absl::Status Fail(int64_t id, absl::string_view error, absl::Time now) override;
  absl::StatusOr<int64_t> Purge(absl::string_view source, absl::Time before) override;
  absl::StatusOr<int64_t> PendingCount() override;

 private:
  SqliteDatabase& database_;
};

}  // namespace debrief::storage

#endif  // DEBRIEF_SERVER_STORAGE_SQLITE_WEBHOOK_INBOX_H_
