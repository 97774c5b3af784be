// Versioned schema migrations, applied in order at start. A migration is never edited
// once released: schema changes append a new one. Each runs in its own transaction
// together with its row in schema_migrations, so a crash never leaves half a migration.
#ifndef DEBRIEF_SERVER_STORAGE_MIGRATIONS_H_
#define DEBRIEF_SERVER_STORAGE_MIGRATIONS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/storage/sqlite_db.h"

namespace debrief::storage {

struct Migration {
  // Strictly increasing, from 1.
  int version = 0;
  // Short description, recorded with the version.
  std::string name;
  // The statements.
  std::string sql;
};

// The SQLite schema history.
const std::vector<Migration>& SqliteMigrations();

// Applies the migrations of `migrations` not yet recorded in `db`; returns the schema
// version afterwards. FAILED_PRECONDITION when the database is newer than this binary.
absl::StatusOr<int> ApplyMigrations(SqliteDb& db, const std::vector<Migration>& migrations);

}  // namespace debrief::storage

#endif  // DEBRIEF_SERVER_STORAGE_MIGRATIONS_H_
