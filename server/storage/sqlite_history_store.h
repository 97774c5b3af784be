// HistoryStore on the embedded SQLite database.
#ifndef DEBRIEF_SERVER_STORAGE_SQLITE_HISTORY_STORE_H_
#define DEBRIEF_SERVER_STORAGE_SQLITE_HISTORY_STORE_H_

#include "absl/strings/string_view.h"
#include "server/storage/history_store.h"
#include "server/storage/sqlite_database.h"

namespace debrief::storage {

// Thread-safe. `database` must outlive it.
class SqliteHistoryStore final : public HistoryStore {
 public:
  explicit SqliteHistoryStore(SqliteDatabase& database) : database_(database) {}

  absl::StatusOr<std::optional<core::Debriefing>> FindClose(absl::string_view close_key) override;
  absl::StatusOr<RecordOutcome> RecordClose(const CloseRecord& record) override;

 private:
  SqliteDatabase& database_;
};

}  // namespace debrief::storage

#endif  // DEBRIEF_SERVER_STORAGE_SQLITE_HISTORY_STORE_H_
