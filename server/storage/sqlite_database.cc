#include "server/storage/sqlite_database.h"

#include <filesystem>
#include <system_error>

#include "absl/strings/str_cat.h"
#include "server/common/status_macros.h"
#include "server/storage/migrations.h"

namespace debrief::storage {

absl::StatusOr<std::unique_ptr<SqliteDatabase>> SqliteDatabase::Open(
    const config::StorageOptions& options) {
  std::error_code error;
  std::filesystem::create_directories(options.data_dir, error);
  if (error) {
    return absl::UnavailableError(
        absl::StrCat("storage.data_dir: cannot create ", options.data_dir, ": ", error.message()));
  }
  std::unique_ptr<SqliteDatabase> database(new SqliteDatabase());
  database->path_ = (std::filesystem::path(options.data_dir) / options.sqlite_file).string();
  SqliteOptions sqlite_options;
  sqlite_options.busy_timeout = options.busy_timeout;
  sqlite_options.synchronous = "FULL";
  absl::MutexLock write_lock(&database->write_mu_);
  absl::MutexLock read_lock(&database->read_mu_);
  DEBRIEF_ASSIGN_OR_RETURN(database->writer_, SqliteDb::Open(database->path_, sqlite_options));
  // Deleted and overwritten content is zeroed, not left in free space, so an erasure
  // (ForgetCustomer) leaves nothing behind in the file.
  DEBRIEF_RETURN_IF_ERROR(database->writer_->Exec("PRAGMA secure_delete=ON"));
  DEBRIEF_ASSIGN_OR_RETURN(database->schema_version_,
                           ApplyMigrations(*database->writer_, SqliteMigrations()));
  DEBRIEF_ASSIGN_OR_RETURN(database->reader_, SqliteDb::Open(database->path_, sqlite_options));
  return database;
}

absl::Status SqliteDatabase::Write(const std::function<absl::Status(SqliteDb&)>& body) {
  absl::MutexLock lock(&write_mu_);
  DEBRIEF_ASSIGN_OR_RETURN(Transaction transaction, Transaction::Begin(*writer_));
  DEBRIEF_RETURN_IF_ERROR(body(*writer_));
  return transaction.Commit();
}

absl::Status SqliteDatabase::TruncateWal() {
  absl::MutexLock lock(&write_mu_);
  DEBRIEF_ASSIGN_OR_RETURN(Statement checkpoint, writer_->Prepare("PRAGMA wal_checkpoint(TRUNCATE)"));
  DEBRIEF_ASSIGN_OR_RETURN(bool row, checkpoint.Step());
  if (!row || checkpoint.ColumnInt(0) != 0) {
    return absl::UnavailableError(
        "the write-ahead log is busy (a reader holds it); the checkpoint did not complete");
  }
  return absl::OkStatus();
}

absl::Status SqliteDatabase::Read(const std::function<absl::Status(SqliteDb&)>& body) {
  absl::MutexLock lock(&read_mu_);
  DEBRIEF_RETURN_IF_ERROR(reader_->Exec("BEGIN"));
  absl::Status status = body(*reader_);
  reader_->Exec("COMMIT").IgnoreError();
  return status;
}

}  // namespace debrief::storage
