#include "server/storage/sqlite_webhook_inbox.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "server/common/status_macros.h"
#include "server/core/json_codec.h"

namespace debrief::storage {
namespace {

core::DeliveryState StateFromName(absl::string_view name) {
  if (name == "done") return core::DeliveryState::kDone;
  if (name == "failed") return core::DeliveryState::kFailed;
  return core::DeliveryState::kPending;
}

// The record of (source, delivery_key) on `db`, or nullopt.
absl::StatusOr<std::optional<core::DeliveryRecord>> Find(SqliteDb& db, absl::string_view source,
                                                          absl::string_view delivery_key) {
  DEBRIEF_ASSIGN_OR_RETURN(
      Statement query,
      db.Prepare("SELECT id, state, result_json, error FROM webhook_inbox "
                 "WHERE source = ? AND delivery_key = ?"));
  query.Bind(1, source).Bind(2, delivery_key);
  DEBRIEF_ASSIGN_OR_RETURN(bool row, query.Step());
  if (!row) return std::optional<core::DeliveryRecord>();
  core::DeliveryRecord record;
  record.id = query.ColumnInt(0);
  record.state = StateFromName(query.ColumnText(1));
  record.result_json = query.ColumnText(2);
  record.error = query.ColumnText(3);
  return std::optional<core::DeliveryRecord>(std::move(record));
}

absl::Status Unavailable(absl::string_view what, const absl::Status& status) {
  return absl::UnavailableError(absl::StrCat(what, ": ", status.message()));
}

}  // namespace

absl::StatusOr<core::AcceptOutcome> SqliteWebhookInbox::Accept(
    const core::InboxDelivery& delivery) {
  core::AcceptOutcome outcome;
  const std::string ticket_json = core::TicketToJson(delivery.ticket).dump();
  absl::Status status = database_.Write([&](SqliteDb& db) -> absl::Status {
    // Checked inside the write transaction, so two concurrent deliveries of one key
    // cannot both be accepted.
    DEBRIEF_ASSIGN_OR_RETURN(std::optional<core::DeliveryRecord> existing,
                             Find(db, delivery.source, delivery.delivery_key));
    if (existing.has_value()) {
      outcome.record = std::move(*existing);
      outcome.duplicate = true;
      return absl::OkStatus();
    }
    DEBRIEF_ASSIGN_OR_RETURN(
        Statement insert,
        db.Prepare("INSERT INTO webhook_inbox(source, delivery_key, state, received_at, "
                   "next_attempt_at, enrich, close_confirmed, ticket_json) "
                   "VALUES (?, ?, 'pending', ?, ?, ?, ?, ?)"));
    const int64_t received = absl::ToUnixMicros(delivery.received_at);
    insert.Bind(1, delivery.source)
        .Bind(2, delivery.delivery_key)
        .Bind(3, received)
        .Bind(4, received)
        .Bind(5, delivery.enrich ? 1 : 0)
        .Bind(6, delivery.close_confirmed ? 1 : 0)
        .Bind(7, ticket_json);
    DEBRIEF_RETURN_IF_ERROR(insert.Run());
    outcome.record.id = db.last_insert_rowid();
    outcome.record.state = core::DeliveryState::kPending;
    return absl::OkStatus();
  });
  if (!status.ok()) return Unavailable("accepting the delivery", status);
  return outcome;
}

absl::StatusOr<std::vector<core::InboxEntry>> SqliteWebhookInbox::Due(
    absl::Time now, int limit, const std::vector<int64_t>& skip) {
  std::vector<core::InboxEntry> entries;
  const std::string sql = absl::StrCat(
      "SELECT id, source, delivery_key, received_at, attempts, enrich, close_confirmed, "
      "ticket_json FROM webhook_inbox WHERE state = 'pending' AND next_attempt_at <= ?",
      skip.empty() ? "" : absl::StrCat(" AND id NOT IN (", absl::StrJoin(skip, ","), ")"),
      " ORDER BY next_attempt_at, id LIMIT ?");
  absl::Status status = database_.Read([&](SqliteDb& db) -> absl::Status {
    DEBRIEF_ASSIGN_OR_RETURN(Statement query, db.Prepare(sql));
    query.Bind(1, absl::ToUnixMicros(now)).Bind(2, limit);
    while (true) {
      DEBRIEF_ASSIGN_OR_RETURN(bool row, query.Step());
      if (!row) break;
      core::InboxEntry entry;
      entry.id = query.ColumnInt(0);
      entry.delivery.source = query.ColumnText(1);
      entry.delivery.delivery_key = query.ColumnText(2);
      entry.delivery.received_at = absl::FromUnixMicros(query.ColumnInt(3));
      entry.attempts = static_cast<int>(query.ColumnInt(4));
      entry.delivery.enrich = query.ColumnInt(5) != 0;
      entry.delivery.close_confirmed = query.ColumnInt(6) != 0;
      DEBRIEF_ASSIGN_OR_RETURN(entry.delivery.ticket, core::TicketFromJson(query.ColumnText(7)));
      entries.push_back(std::move(entry));
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return Unavailable("reading due deliveries", status);
  return entries;
}

absl::Status SqliteWebhookInbox::Complete(int64_t id, absl::string_view result_json,
                                          absl::Time now) {
  absl::Status status = database_.Write([&](SqliteDb& db) -> absl::Status {
    DEBRIEF_ASSIGN_OR_RETURN(
        Statement update,
        db.Prepare("UPDATE webhook_inbox SET state = 'done', ticket_json = NULL, "
                   "result_json = ?, error = '', processed_at = ? WHERE id = ?"));
    update.Bind(1, result_json).Bind(2, absl::ToUnixMicros(now)).Bind(3, id);
    return update.Run();
  });
  return status.ok() ? status : Unavailable("completing the delivery", status);
}

absl::Status SqliteWebhookInbox::Retry(int64_t id, absl::Time next_attempt,
                                       absl::string_view error) {
  absl::Status status = database_.Write([&](SqliteDb& db) -> absl::Status {
    DEBRIEF_ASSIGN_OR_RETURN(
        Statement update,
        db.Prepare("UPDATE webhook_inbox SET attempts = attempts + 1, next_attempt_at = ?, "
                   "error = ? WHERE id = ? AND state = 'pending'"));
    update.Bind(1, absl::ToUnixMicros(next_attempt)).Bind(2, error).Bind(3, id);
    return update.Run();
  });
  return status.ok() ? status : Unavailable("rescheduling the delivery", status);
}

absl::Status SqliteWebhookInbox::Fail(int64_t id, absl::string_view error, absl::Time now) {
  absl::Status status = database_.Write([&](SqliteDb& db) -> absl::Status {
    DEBRIEF_ASSIGN_OR_RETURN(
        Statement update,
        db.Prepare("UPDATE webhook_inbox SET state = 'failed', ticket_json = NULL, "
                   "attempts = attempts + 1, error = ?, processed_at = ? WHERE id = ?"));
    update.Bind(1, error).Bind(2, absl::ToUnixMicros(now)).Bind(3, id);
    return update.Run();
  });
  return status.ok() ? status : Unavailable("failing the delivery", status);
}

absl::StatusOr<int64_t> SqliteWebhookInbox::Purge(absl::string_view source, absl::Time before) {
  int64_t purged = 0;
  absl::Status status = database_.Write([&](SqliteDb& db) -> absl::Status {
    DEBRIEF_ASSIGN_OR_RETURN(
        Statement remove,
        db.Prepare("DELETE FROM webhook_inbox WHERE source = ? AND state != 'pending' "
                   "AND processed_at < ?"));
    remove.Bind(1, source).Bind(2, absl::ToUnixMicros(before));
    DEBRIEF_RETURN_IF_ERROR(remove.Run());
    purged = db.changes();
    return absl::OkStatus();
  });
  if (!status.ok()) return Unavailable("purging old deliveries", status);
  return purged;
}

absl::StatusOr<int64_t> SqliteWebhookInbox::PendingCount() {
  int64_t count = 0;
  absl::Status status = database_.Read([&](SqliteDb& db) -> absl::Status {
    DEBRIEF_ASSIGN_OR_RETURN(
        Statement query, db.Prepare("SELECT COUNT(*) FROM webhook_inbox WHERE state = 'pending'"));
    DEBRIEF_ASSIGN_OR_RETURN(bool row, query.Step());
    if (row) count = query.ColumnInt(0);
    return absl::OkStatus();
  });
  if (!status.ok()) return Unavailable("counting pending deliveries", status);
  return count;
}

}  // namespace debrief::storage
