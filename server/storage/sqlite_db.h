// A thin RAII layer over one SQLite connection: statements with typed binds and columns,
// and transactions that roll back unless committed. Errors come back as absl::Status
// (UNAVAILABLE for busy/locked/IO failures, INTERNAL for misuse, ALREADY_EXISTS for
// constraint violations).
//
//   DEBRIEF_ASSIGN_OR_RETURN(auto db, SqliteDb::Open(path, {}));
//   DEBRIEF_ASSIGN_OR_RETURN(auto insert, db->Prepare("INSERT INTO t(a) VALUES (?)"));
//   insert.Bind(1, "x");
//   DEBRIEF_RETURN_IF_ERROR(insert.Run());
#ifndef DEBRIEF_SERVER_STORAGE_SQLITE_DB_H_
#define DEBRIEF_SERVER_STORAGE_SQLITE_DB_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

struct sqlite3;
struct sqlite3_stmt;

namespace debrief::storage {

// A prepared statement. Move-only; finalized on destruction. Thread-compatible: use it
// only while holding whatever serializes access to its connection.
class Statement {
 public:
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Binds parameter `index` (1-based).
  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, int value) { return Bind(index, static_cast<int64_t>(value)); }
  Statement& Bind(int index, double value);
  Statement& Bind(int index, absl::string_view text);
  Statement& Bind(int index, const char* text) { return Bind(index, absl::string_view(text)); }
  Statement& Bind(int index, const std::string& text) { return Bind(index, absl::string_view(text)); }
  Statement& BindBlob(int index, absl::string_view bytes);
  Statement& BindNull(int index);

  // Advances: true when a row is available, false when done.
  absl::StatusOr<bool> Step();
  // Steps to completion, discarding rows.
  absl::Status Run();
  // Resets for re-execution with new binds.
  void Reset();

  int64_t ColumnInt(int column) const;
  double ColumnDouble(int column) const;
  std::string ColumnText(int column) const;
  bool ColumnIsNull(int column) const;

 private:
  friend class SqliteDb;
  Statement(sqlite3_stmt* statement, sqlite3* db) : statement_(statement), db_(db) {}
  absl::Status bind_error_;
  sqlite3_stmt* statement_ = nullptr;
  sqlite3* db_ = nullptr;
};

struct SqliteOptions {
  // How long to wait for a lock held by another connection. Default 5s.
  absl::Duration busy_timeout = absl::Seconds(5);
  // PRAGMA synchronous: "FULL" makes each commit durable before it returns. Default FULL.
  std::string synchronous = "FULL";
  // Open read-only (no schema changes, no writes).
  bool read_only = false;
};

// One connection. Thread-compatible: callers serialize access.
class SqliteDb {
 public:
  // Opens (creating if needed) the database at `path` in WAL mode with the given
  // durability. UNAVAILABLE when the file cannot be opened.
  static absl::StatusOr<std::unique_ptr<SqliteDb>> Open(const std::string& path,
                                                        const SqliteOptions& options);
  ~SqliteDb();
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  // Runs one or more statements without results.
  absl::Status Exec(absl::string_view sql);
  // Prepares one statement.
  absl::StatusOr<Statement> Prepare(absl::string_view sql);
  // Rows changed by the last statement.
  int64_t changes() const;
  int64_t last_insert_rowid() const;
  const std::string& path() const { return path_; }

 private:
  SqliteDb(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_;
  std::string path_;
};

// BEGIN IMMEDIATE ... COMMIT; rolls back when destroyed uncommitted. Thread-compatible.
class Transaction {
 public:
  static absl::StatusOr<Transaction> Begin(SqliteDb& db);
  Transaction(Transaction&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();
  absl::Status Commit();

 private:
  explicit Transaction(SqliteDb* db) : db_(db) {}
  SqliteDb* db_;
};

// The absl::Status for SQLite result `code` with `context`.
absl::Status SqliteStatus(int code, sqlite3* db, absl::string_view context);

}  // namespace debrief::storage

#endif  // DEBRIEF_SERVER_STORAGE_SQLITE_DB_H_
