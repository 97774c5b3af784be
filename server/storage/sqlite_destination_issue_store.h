// DestinationIssueStore on the embedded SQLite database (migration 5: destination_issues).
#ifndef DEBRIEF_SERVER_STORAGE_SQLITE_DESTINATION_ISSUE_STORE_H_
#define DEBRIEF_SERVER_STORAGE_SQLITE_DESTINATION_ISSUE_STORE_H_

#include "server/storage/destination_issue_store.h"
#include "server/storage/sqlite_database.h"

namespace debrief::storage {

// Thread-safe. `database` must outlive it.
class SqliteDestinationIssueStore final : public DestinationIssueStore {
 public:
  explicit SqliteDestinationIssueStore(SqliteDatabase& database) : database_(database) {}

  absl::StatusOr<std::optional<std::string>> Find(absl::string_view destination,
                                                  absl::string_view dedupe_key) override;
  absl::Status Remember(absl::string_view destination, absl::string_view dedupe_key,
                        absl::string_view issue_key) override;

 private:
  SqliteDatabase& database_;
};

}  // namespace debrief::storage

#endif  // DEBRIEF_SERVER_STORAGE_SQLITE_DESTINATION_ISSUE_STORE_H_
