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
      {2, "learning: model snapshots, suggestion texts and outcomes", R"sql(
-- Snapshots of the learned model; the newest loads at start, then the closes and
-- feedback after its position are replayed from tickets and feedback.
CREATE TABLE model_snapshots (
  id INTEGER PRIMARY KEY,
  created_at INTEGER NOT NULL,
  model_version TEXT NOT NULL,
  examples INTEGER NOT NULL,
  close_sequence INTEGER NOT NULL,
  feedback_sequence INTEGER NOT NULL,
  model BLOB NOT NULL
);
-- The text a suggestion was scored on, so feedback on it can be learned (and replayed).
ALTER TABLE decisions ADD COLUMN learning_text TEXT NOT NULL DEFAULT '';
CREATE INDEX decisions_by_ticket ON decisions(ticket_ref, kind, created_at);
-- Per close and suggested label: was the suggestion still on the ticket at close?
CREATE TABLE suggestion_outcomes (
  close_sequence INTEGER NOT NULL,
  label TEXT NOT NULL,
  unchanged INTEGER NOT NULL,
  PRIMARY KEY (close_sequence, label)
);
)sql"},
      {3, "accounts, account memory and erasure", R"sql(
-- Requester lookup keys (SHA-256, see storage::RequesterEmailKey) and erasure marks.
ALTER TABLE tickets ADD COLUMN requester_email_key TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN requester_id_key TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN erased_at INTEGER;
CREATE INDEX tickets_by_requester_email ON tickets(requester_email_key)
  WHERE requester_email_key != '';
CREATE INDEX tickets_by_requester_id ON tickets(requester_id_key) WHERE requester_id_key != '';

CREATE TABLE accounts (
  account_id TEXT PRIMARY KEY,
  name TEXT NOT NULL DEFAULT '',
  plan TEXT NOT NULL DEFAULT '',
  arr_cents INTEGER NOT NULL DEFAULT 0,
  currency TEXT NOT NULL DEFAULT '',
  renewal_date TEXT NOT NULL DEFAULT '',
  segment TEXT NOT NULL DEFAULT '',
  renewal_risk INTEGER NOT NULL DEFAULT 0,
  expansion_score INTEGER NOT NULL DEFAULT 0,
  total_tickets INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

-- The anonymous summary of each close of an account (labels, numbers, no text).
CREATE TABLE account_closes (
  id INTEGER PRIMARY KEY,
  account_id TEXT NOT NULL,
  decision_id TEXT NOT NULL UNIQUE,
  ticket_id TEXT NOT NULL,
  closed_at INTEGER NOT NULL,
  summary_json TEXT NOT NULL
);
CREATE INDEX account_closes_by_account ON account_closes(account_id, closed_at);

CREATE TABLE error_sightings (
  fingerprint TEXT NOT NULL,
  account_id TEXT NOT NULL,
  seen_at INTEGER NOT NULL,
  decision_id TEXT NOT NULL
);
CREATE INDEX error_sightings_by_fingerprint ON error_sightings(fingerprint, seen_at);
CREATE INDEX error_sightings_by_account ON error_sightings(account_id);

CREATE TABLE account_timeline (
  id INTEGER PRIMARY KEY,
  account_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  ticket_id TEXT NOT NULL DEFAULT '',
  decision_id TEXT NOT NULL DEFAULT '',
  summary TEXT NOT NULL,
  renewal_risk_delta INTEGER NOT NULL DEFAULT 0,
  expansion_delta INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX account_timeline_by_account ON account_timeline(account_id, at, id);

-- One row per ForgetCustomer call; the subject only as its lookup key.
CREATE TABLE erasures (
  audit_id TEXT PRIMARY KEY,
  subject_kind TEXT NOT NULL,
  subject_key TEXT NOT NULL,
  reason TEXT NOT NULL,
  tickets_erased INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
)sql"},
      {4, "webhook inbox", R"sql(
CREATE TABLE webhook_inbox (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  delivery_key TEXT NOT NULL,
  state TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  enrich INTEGER NOT NULL,
  close_confirmed INTEGER NOT NULL,
  ticket_json TEXT,
  result_json TEXT NOT NULL DEFAULT '',
  error TEXT NOT NULL DEFAULT '',
  processed_at INTEGER,
  UNIQUE(source, delivery_key)
);
CREATE INDEX webhook_inbox_due ON webhook_inbox(state, next_attempt_at);
CREATE INDEX webhook_inbox_processed ON webhook_inbox(source, processed_at);
)sql"},
      {5, "insights and the delivery outbox", R"sql(
-- Every insight produced, in feed order (seq is the StreamInsights cursor).
CREATE TABLE insights (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  insight_id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  audience TEXT NOT NULL,
  account_id TEXT NOT NULL,
  ticket_id TEXT NOT NULL,
  decision_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  body_json TEXT NOT NULL
);
-- One row per insight and destination; state pending, delivered or dead. order_key
-- (the account, else the insight) orders deliveries per destination.
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  insight_id TEXT NOT NULL,
  destination TEXT NOT NULL,
  route TEXT NOT NULL,
  order_key TEXT NOT NULL,
  extra_json TEXT NOT NULL,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  finished_at INTEGER,
  UNIQUE(insight_id, destination)
);
CREATE INDEX outbox_pending ON outbox(destination, state, order_key, id);
CREATE INDEX outbox_dead ON outbox(state, finished_at);
-- Destinations disabled by a 410 Gone, until re-enabled by an operator.
CREATE TABLE disabled_destinations (
  destination TEXT PRIMARY KEY,
  reason TEXT NOT NULL,
  disabled_at INTEGER NOT NULL
);
-- Issue-tracker keys per deduplication key (error fingerprint, feature theme).
CREATE TABLE destination_issues (
  destination TEXT NOT NULL,
  dedupe_key TEXT NOT NULL,
  issue_key TEXT NOT NULL,
  PRIMARY KEY(destination, dedupe_key)
);
)sql"},
      {6, "digests: per-ticket facts, deliveries and spike alerts", R"sql(
-- What digests count, one row per ticket and (kind, key), kept in step with tickets by
-- the triggers below (so erasure and account re-keying reach it too). Kinds: ticket
-- (key: escalation level, detail: sentiment label, value: sentiment delta), tag,
-- root_cause, error (detail: normalized text), competitor (detail: context), area and
-- feature (detail: feedback kind / product area). quote is redacted customer text.
CREATE TABLE digest_facts (
  ticket_row INTEGER NOT NULL,
  at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  key TEXT NOT NULL,
  detail TEXT NOT NULL,
  account_id TEXT NOT NULL,
  value REAL NOT NULL,
  quote TEXT NOT NULL
);
CREATE UNIQUE INDEX digest_facts_by_ticket ON digest_facts(ticket_row, kind, key);
CREATE INDEX digest_facts_by_time ON digest_facts(kind, at, key);
CREATE INDEX digest_facts_by_key ON digest_facts(kind, key, at);
CREATE INDEX account_timeline_by_time ON account_timeline(at);

CREATE VIEW digest_fact_source AS
  SELECT t.id AS ticket_row, COALESCE(t.closed_at, t.recorded_at) AS at, 'ticket' AS kind,
         COALESCE(json_extract(t.debriefing_json, '$.escalation.level'), 'none') AS key,
         COALESCE(json_extract(t.debriefing_json, '$.sentiment.label'), '') AS detail,
         t.account_id AS account_id,
         COALESCE(json_extract(t.debriefing_json, '$.sentiment.delta'), 0) AS value, '' AS quote
    FROM tickets t
  UNION ALL
  SELECT t.id, COALESCE(t.closed_at, t.recorded_at), 'tag', json_extract(j.value, '$.value'), '',
         t.account_id, 0, ''
    FROM tickets t, json_each(t.debriefing_json, '$.suggested_tags') j
  UNION ALL
  SELECT t.id, COALESCE(t.closed_at, t.recorded_at), 'root_cause',
         json_extract(t.debriefing_json, '$.root_cause.value'), '', t.account_id, 0, ''
    FROM tickets t WHERE json_extract(t.debriefing_json, '$.root_cause.value') IS NOT NULL
  UNION ALL
  SELECT t.id, COALESCE(t.closed_at, t.recorded_at), 'error', json_extract(j.value, '$.fingerprint'),
         COALESCE(json_extract(j.value, '$.normalized'), ''), t.account_id, 0,
         COALESCE(NULLIF(json_extract(j.value, '$.evidence.quote'), ''),
                  json_extract(j.value, '$.verbatim'), '')
    FROM tickets t, json_each(t.debriefing_json, '$.errors') j
  UNION ALL
  SELECT t.id, COALESCE(t.closed_at, t.recorded_at), 'competitor',
         json_extract(j.value, '$.competitor'), COALESCE(json_extract(j.value, '$.context'), ''),
         t.account_id, 0, COALESCE(json_extract(j.value, '$.evidence.quote'), '')
    FROM tickets t, json_each(t.debriefing_json, '$.competitors') j
  UNION ALL
  SELECT t.id, COALESCE(t.closed_at, t.recorded_at), 'area', json_extract(j.value, '$.product_area'),
         COALESCE(json_extract(j.value, '$.kind'), ''), t.account_id, 0,
         COALESCE(json_extract(j.value, '$.evidence.quote'), '')
    FROM tickets t, json_each(t.debriefing_json, '$.product_feedback') j
   WHERE COALESCE(json_extract(j.value, '$.product_area'), '') != ''
  UNION ALL
  SELECT t.id, COALESCE(t.closed_at, t.recorded_at), 'feature',
         COALESCE(NULLIF(json_extract(j.value, '$.theme'), ''), json_extract(j.value, '$.product_area')),
         COALESCE(json_extract(j.value, '$.product_area'), ''), t.account_id, 0,
         COALESCE(json_extract(j.value, '$.evidence.quote'), '')
    FROM tickets t, json_each(t.debriefing_json, '$.product_feedback') j
   WHERE json_extract(j.value, '$.kind') = 'feature_request'
     AND COALESCE(NULLIF(json_extract(j.value, '$.theme'), ''),
                  json_extract(j.value, '$.product_area'), '') != '';

INSERT OR IGNORE INTO digest_facts SELECT * FROM digest_fact_source WHERE key IS NOT NULL;

CREATE TRIGGER digest_facts_on_insert AFTER INSERT ON tickets BEGIN
  INSERT OR IGNORE INTO digest_facts
    SELECT * FROM digest_fact_source WHERE ticket_row = NEW.id AND key IS NOT NULL;
END;
CREATE TRIGGER digest_facts_on_update
AFTER UPDATE OF debriefing_json, account_id, closed_at ON tickets BEGIN
  DELETE FROM digest_facts WHERE ticket_row = OLD.id;
  INSERT OR IGNORE INTO digest_facts
    SELECT * FROM digest_fact_source WHERE ticket_row = NEW.id AND key IS NOT NULL;
END;
CREATE TRIGGER digest_facts_on_delete AFTER DELETE ON tickets BEGIN
  DELETE FROM digest_facts WHERE ticket_row = OLD.id;
END;

-- One row per scheduled digest sent: a period is delivered to a route at most once.
CREATE TABLE digest_deliveries (
  route TEXT NOT NULL,
  audience TEXT NOT NULL,
  period TEXT NOT NULL,
  delivered_at INTEGER NOT NULL,
  PRIMARY KEY (route, audience, period)
);
-- Spike alerts raised, so one spike is alerted once per cooldown.
CREATE TABLE spike_alerts (
  kind TEXT NOT NULL,
  key TEXT NOT NULL,
  alerted_at INTEGER NOT NULL,
  count INTEGER NOT NULL,
  baseline_mean REAL NOT NULL,
  baseline_stddev REAL NOT NULL
);
CREATE INDEX spike_alerts_by_key ON spike_alerts(kind, key, alerted_at);
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
