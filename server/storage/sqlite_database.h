// The embedded SQLite database: one file under the data dir, one writer connection and
// one reader connection (WAL lets reads run beside a commit), schema migrated at open.
// The SQLite stores (history, decisions, and later accounts and outbox) share one
// SqliteDatabase so that what must commit together does.
//
//   DEBRIEF_ASSIGN_OR_RETURN(auto db, SqliteDatabase::Open(config.storage));
//   DEBRIEF_RETURN_IF_ERROR(db->Write([&](SqliteDb& tx) { ...; return absl::OkStatus(); }));
#ifndef DEBRIEF_SERVER_STORAGE_SQLITE_DATABASE_H_
#define DEBRIEF_SERVER_STORAGE_SQLITE_DATABASE_H_

#include <functional>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "server/config/storage_options.h"
#include "server/storage/sqlite_db.h"

namespace debrief::storage {

// Thread-safe: writes are serialized; reads are serialized among themselves.
class SqliteDatabase {
 public:
  // Creates the data dir if needed, opens the file with synchronous=FULL and applies
  // migrations. UNAVAILABLE when the file cannot be opened; FAILED_PRECONDITION when its
  // schema is newer than this binary.
  static absl::StatusOr<std::unique_ptr<SqliteDatabase>> Open(const config::StorageOptions& options);

  // Runs `body` inside BEGIN IMMEDIATE ... COMMIT on the writer connection; commits when
  // `body` returns OK (durably, before Write returns), rolls back otherwise.
  absl::Status Write(const std::function<absl::Status(SqliteDb&)>& body);

  // Runs `body` on the reader connection (a consistent snapshot for its duration).
  absl::Status Read(const std::function<absl::Status(SqliteDb&)>& body);

  // Copies every committed page from the write-ahead log into the database file and
  // truncates the log to zero bytes, so content deleted or overwritten before the call
  // (zeroed in the file: the writer runs with secure_delete on) is gone from the log too.
  // UNAVAILABLE when a reader kept the log busy past the busy timeout.
  absl::Status TruncateWal();

  // The schema version after migration.
  int schema_version() const { return schema_version_; }
  const std::string& path() const { return path_; }

 private:
  SqliteDatabase() = default;

  std::string path_;
  int schema_version_ = 0;
  absl::Mutex write_mu_;
  std::unique_ptr<SqliteDb> writer_ ABSL_GUARDED_BY(write_mu_);
  absl::Mutex read_mu_;
  std::unique_ptr<SqliteDb> reader_ ABSL_GUARDED_BY(read_mu_);
};

}  // namespace debrief::storage

#endif  // DEBRIEF_SERVER_STORAGE_SQLITE_DATABASE_H_
