// AccountStore on the embedded SQLite database, and the one function that writes a
// close's account update inside SqliteHistoryStore's commit.
#ifndef DEBRIEF_SERVER_STORAGE_SQLITE_ACCOUNT_STORE_H_
#define DEBRIEF_SERVER_STORAGE_SQLITE_ACCOUNT_STORE_H_

#include "absl/strings/string_view.h"
#include "server/storage/account_store.h"
#include "server/storage/sqlite_database.h"

namespace debrief::storage {

// Thread-safe. `database` must outlive it.
class SqliteAccountStore final : public AccountStore {
 public:
  explicit SqliteAccountStore(SqliteDatabase& database) : database_(database) {}

  absl::StatusOr<AccountState> LoadState(const AccountStateQuery& query) override;
  absl::StatusOr<TimelinePage> ReadTimeline(
      absl::string_view account_id, int limit,
      std::optional<std::pair<absl::Time, int64_t>> after) override;
  absl::StatusOr<core::UpsertResult> UpsertAccounts(const std::vector<core::Account>& accounts,
                                                    absl::Time at) override;
  absl::StatusOr<core::ForgetResult> Forget(const ForgetOrder& order) override;

 private:
  SqliteDatabase& database_;
};

// Writes `update` on `db` inside the caller's transaction: the account row (version
// checked and bumped), the close summary, its error sightings and timeline entries.
// ABORTED when the stored version is not `update.expected_version`.
absl::Status ApplyAccountUpdate(SqliteDb& db, const AccountUpdate& update);

}  // namespace debrief::storage

#endif  // DEBRIEF_SERVER_STORAGE_SQLITE_ACCOUNT_STORE_H_
