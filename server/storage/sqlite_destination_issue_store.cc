#include "server/storage/sqlite_destination_issue_store.h"

#include "server/common/status_macros.h"

namespace debrief::storage {

absl::StatusOr<std::optional<std::string>> SqliteDestinationIssueStore::Find(absl::string_view destination,
                                                                             absl::string_view dedupe_key) {
  std::optional<std::string> issue_key;
  DEBRIEF_RETURN_IF_ERROR(database_.Read([&](SqliteDb& db) -> absl::Status {
    DEBRIEF_ASSIGN_OR_RETURN(
        Statement query,
        db.Prepare("SELECT issue_key FROM destination_issues WHERE destination = ? AND dedupe_key = ?"));
    query.Bind(1, destination).Bind(2, dedupe_key);
    DEBRIEF_ASSIGN_OR_RETURN(bool row, query.Step());
    if (row) issue_key = query.ColumnText(0);
    return absl::OkStatus();
  }));
  return issue_key;
}

absl::Status SqliteDestinationIssueStore::Remember(absl::string_view destination, absl::string_view dedupe_key,
                                                   absl::string_view issue_key) {
  return database_.Write([&](SqliteDb& db) -> absl::Status {
    DEBRIEF_ASSIGN_OR_RETURN(
        Statement upsert,
        db.Prepare("INSERT INTO destination_issues (destination, dedupe_key, issue_key) VALUES (?, ?, ?) "
                   "ON CONFLICT(destination, dedupe_key) DO UPDATE SET issue_key = excluded.issue_key"));
    upsert.Bind(1, destination).Bind(2, dedupe_key).Bind(3, issue_key);
    return upsert.Run();
  });
}

}  // namespace debrief::storage
