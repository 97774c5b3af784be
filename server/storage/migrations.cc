#include "server/storage/migrations.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "server/common/status_macros.h"

namespace debrief::storage {

const std::vector<Migration>& SqliteMigrations() {
  static const auto* migrations = new std::vector<Migration>{
      {1, "tickets, decisions and feedback", R"sql(
CREATE TABLE tickets (
  id INTEGER PRIMARY KEY,
  close_key TEXT NOT NULL UNIQUE,
  decision_id TEXT NOT NULL UNIQUE,
  source TEXT NOT NULL,
  source_tenant TEXT NOT NULL,
  ticket_id TEXT NOT NULL,
  account_id TEXT NOT NULL DEFAULT '',
  mode TEXT NOT NULL,
  closed_at INTEGER,
  recorded_at INTEGER NOT NULL,
  ticket_json TEXT NOT NULL,
  debriefing_json TEXT NOT NULL
);
CREATE INDEX tickets_by_ticket ON tickets(source, source_tenant, ticket_id);
CREATE INDEX tickets_by_account ON tickets(account_id, recorded_at);
CREATE INDEX tickets_by_time ON tickets(recorded_at);

CREATE TABLE decisions (
  decision_id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  ticket_ref TEXT NOT NULL,
  labels_json TEXT NOT NULL,
  model_version TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE feedback (
  id INTEGER PRIMARY KEY,
  decision_id TEXT NOT NULL,
  accepted_json TEXT NOT NULL,
  rejected_json TEXT NOT NULL,
  added_json TEXT NOT NULL,
  agent_id TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX feedback_by_decision ON feedback(decision_id);
)sql"},
  };
  return *migrations;
}

absl::StatusOr<int> ApplyMigrations(SqliteDb& db, const std::vector<Migration>& migrations) {
  DEBRIEF_RETURN_IF_ERROR(db.Exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT "
      "NULL, applied_at INTEGER NOT NULL)"));
  int current = 0;
  {
    DEBRIEF_ASSIGN_OR_RETURN(Statement query,
                             db.Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
    DEBRIEF_ASSIGN_OR_RETURN(bool row, query.Step());
    if (row) current = static_cast<int>(query.ColumnInt(0));
  }
  const int latest = migrations.empty() ? 0 : migrations.back().version;
  if (current > latest) {
    return absl::FailedPreconditionError(absl::StrCat(
        db.path(), ": schema version ", current, " is newer than this debriefd (", latest,
        "); upgrade debriefd"));
  }
  for (const Migration& migration : migrations) {
    if (migration.version <= current) continue;
    DEBRIEF_ASSIGN_OR_RETURN(Transaction transaction, Transaction::Begin(db));
    absl::Status status = db.Exec(migration.sql);
    if (!status.ok()) {
      return absl::Status(status.code(), absl::StrCat("migration ", migration.version, " (",
                                                      migration.name, "): ", status.message()));
    }
    DEBRIEF_ASSIGN_OR_RETURN(
        Statement record,
        db.Prepare("INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)"));
    record.Bind(1, migration.version).Bind(2, migration.name).Bind(3, absl::ToUnixMicros(absl::Now()));
    DEBRIEF_RETURN_IF_ERROR(record.Run());
    DEBRIEF_RETURN_IF_ERROR(transaction.Commit());
    current = migration.version;
  }
  return current;
}

}  // namespace debrief::storage
