#include "server/storage/sqlite_outbox_store.h"

#include <map>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "server/common/status_macros.h"

namespace debrief::storage {
namespace {

constexpr char kEntryColumns[] =
    "o.id, o.destination, o.route, o.order_key, o.extra_json, o.attempts, o.next_attempt_at, "
    "o.last_error, o.created_at, o.finished_at, i.seq, i.insight_id, i.kind, i.audience, "
    "i.account_id, i.ticket_id, i.decision_id, i.created_at, i.body_json";

core::Insight InsightAt(const Statement& row, int first) {
  core::Insight insight;
  insight.sequence = row.ColumnInt(first);
  insight.insight_id = row.ColumnText(first + 1);
  insight.kind = row.ColumnText(first + 2);
  insight.audience = core::TeamFromName(row.ColumnText(first + 3)).value_or(core::Team::kUnspecified);
  insight.account_id = row.ColumnText(first + 4);
  insight.ticket_id = row.ColumnText(first + 5);
  insight.decision_id = row.ColumnText(first + 6);
  insight.created_at = absl::FromUnixMicros(row.ColumnInt(first + 7));
  insight.body_json = row.ColumnText(first + 8);
  return insight;
}

OutboxEntry EntryAt(const Statement& row) {
  OutboxEntry entry;
  entry.id = row.ColumnInt(0);
  entry.delivery.destination = row.ColumnText(1);
  entry.delivery.route = row.ColumnText(2);
  entry.order_key = row.ColumnText(3);
  entry.delivery.extra_json = row.ColumnText(4);
  entry.attempts = static_cast<int>(row.ColumnInt(5));
  entry.next_attempt_at = absl::FromUnixMicros(row.ColumnInt(6));
  entry.last_error = row.ColumnText(7);
  entry.enqueued_at = absl::FromUnixMicros(row.ColumnInt(8));
  if (!row.ColumnIsNull(9)) entry.finished_at = absl::FromUnixMicros(row.ColumnInt(9));
  entry.insight = InsightAt(row, 10);
  entry.delivery.insight_id = entry.insight.insight_id;
  return entry;
}

// The WHERE clause of a dead-letter query; appends its text binds (after from, to) to `texts`.
std::string DeadFilter(const DeadLetterQuery& query, std::vector<std::string>& texts) {
  std::string where = " WHERE o.state = 'dead' AND o.finished_at >= ? AND o.finished_at < ?";
  if (!query.destination.empty()) {
    where += " AND o.destination = ?";
    texts.push_back(query.destination);
  }
  if (!query.kind.empty()) {
    where += " AND i.kind = ?";
    texts.push_back(query.kind);
  }
  return where;
}

int64_t MicrosOrLimit(absl::Time t) {
  if (t == absl::InfinitePast()) return INT64_MIN;
  if (t == absl::InfiniteFuture()) return INT64_MAX;
  return absl::ToUnixMicros(t);
}

absl::Status UpdateRow(SqliteDatabase& database, absl::string_view sql,
                       const std::function<void(Statement&)>& bind) {
  return database.Write([&](SqliteDb& db) -> absl::Status {
    DEBRIEF_ASSIGN_OR_RETURN(Statement update, db.Prepare(sql));
    bind(update);
    DEBRIEF_RETURN_IF_ERROR(update.Run());
    if (db.changes() == 0) return absl::NotFoundError("no pending outbox row with that id");
    return absl::OkStatus();
  });
}

}  // namespace

absl::Status WriteInsights(SqliteDb& db, const core::PlannedInsights& planned, absl::Time now) {
  std::map<std::string, const core::Insight*> by_id;
  DEBRIEF_ASSIGN_OR_RETURN(
      Statement insert,
      db.Prepare("INSERT OR IGNORE INTO insights(insight_id, kind, audience, account_id, ticket_id, "
                 "decision_id, created_at, body_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  for (const core::Insight& insight : planned.insights) {
    by_id[insight.insight_id] = &insight;
    insert.Reset();
    insert.Bind(1, insight.insight_id)
        .Bind(2, insight.kind)
        .Bind(3, core::TeamName(insight.audience))
        .Bind(4, insight.account_id)
        .Bind(5, insight.ticket_id)
        .Bind(6, insight.decision_id)
        .Bind(7, absl::ToUnixMicros(insight.created_at))
        .Bind(8, insight.body_json);
    DEBRIEF_RETURN_IF_ERROR(insert.Run());
  }
  DEBRIEF_ASSIGN_OR_RETURN(
      Statement queue,
      db.Prepare("INSERT OR IGNORE INTO outbox(insight_id, destination, route, order_key, extra_json, "
                 "state, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)"));
  for (const core::Delivery& delivery : planned.deliveries) {
    auto it = by_id.find(delivery.insight_id);
    if (it == by_id.end()) {
      return absl::InvalidArgumentError(
          absl::StrCat("delivery of unknown insight ", delivery.insight_id));
    }
    const core::Insight& insight = *it->second;
    queue.Reset();
    queue.Bind(1, delivery.insight_id)
        .Bind(2, delivery.destination)
        .Bind(3, delivery.route)
        .Bind(4, insight.account_id.empty() ? insight.insight_id : insight.account_id)
        .Bind(5, delivery.extra_json)
        .Bind(6, absl::ToUnixMicros(now))
        .Bind(7, absl::ToUnixMicros(now));
    DEBRIEF_RETURN_IF_ERROR(queue.Run());
  }
  return absl::OkStatus();
}

absl::Status SqliteOutboxStore::Enqueue(const core::PlannedInsights& planned, absl::Time now) {
  return database_.Write([&](SqliteDb& db) { return WriteInsights(db, planned, now); });
}

absl::StatusOr<std::vector<OutboxEntry>> SqliteOutboxStore::DueHeads(absl::string_view destination,
                                                                     absl::Time now, int limit) {
  std::vector<OutboxEntry> entries;
  DEBRIEF_RETURN_IF_ERROR(database_.Read([&](SqliteDb& db) -> absl::Status {
    // The head of each order key: a later row waits while an earlier one is retried.
    DEBRIEF_ASSIGN_OR_RETURN(
        Statement query,
        db.Prepare(absl::StrCat(
            "SELECT ", kEntryColumns,
            " FROM (SELECT MIN(id) AS head FROM outbox WHERE destination = ? AND state = 'pending' "
            "GROUP BY order_key) h JOIN outbox o ON o.id = h.head JOIN insights i ON "
            "i.insight_id = o.insight_id WHERE o.next_attempt_at <= ? ORDER BY o.id LIMIT ?")));
    query.Bind(1, destination).Bind(2, absl::ToUnixMicros(now)).Bind(3, limit);
    while (true) {
      DEBRIEF_ASSIGN_OR_RETURN(bool row, query.Step());
      if (!row) break;
      entries.push_back(EntryAt(query));
    }
    return absl::OkStatus();
  }));
  return entries;
}

absl::StatusOr<std::optional<absl::Time>> SqliteOutboxStore::NextDue(absl::string_view destination) {
  std::optional<absl::Time> next;
  DEBRIEF_RETURN_IF_ERROR(database_.Read([&](SqliteDb& db) -> absl::Status {
    DEBRIEF_ASSIGN_OR_RETURN(
        Statement query,
        db.Prepare("SELECT MIN(next_attempt_at) FROM outbox WHERE destination = ? AND state = "
                   "'pending'"));
    query.Bind(1, destination);
    DEBRIEF_ASSIGN_OR_RETURN(bool row, query.Step());
    if (row && !query.ColumnIsNull(0)) next = absl::FromUnixMicros(query.ColumnInt(0));
    return absl::OkStatus();
  }));
  return next;
}

absl::Status SqliteOutboxStore::MarkDelivered(int64_t id, int attempts, absl::Time at) {
  return UpdateRow(database_,
                   "UPDATE outbox SET state = 'delivered', attempts = ?, finished_at = ?, "
                   "last_error = '' WHERE id = ? AND state = 'pending'",
                   [&](Statement& s) { s.Bind(1, attempts).Bind(2, absl::ToUnixMicros(at)).Bind(3, id); });
}

absl::Status SqliteOutboxStore::ScheduleRetry(int64_t id, int attempts, absl::Time next_attempt_at,
                                              absl::string_view error) {
  return UpdateRow(database_,
                   "UPDATE outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ? "
                   "AND state = 'pending'",
                   [&](Statement& s) {
                     s.Bind(1, attempts).Bind(2, absl::ToUnixMicros(next_attempt_at)).Bind(3, error).Bind(4, id);
                   });
}

absl::Status SqliteOutboxStore::MarkDead(int64_t id, int attempts, absl::string_view error,
                                         absl::Time at) {
  return UpdateRow(database_,
                   "UPDATE outbox SET state = 'dead', attempts = ?, last_error = ?, finished_at = ? "
                   "WHERE id = ? AND state = 'pending'",
                   [&](Statement& s) {
                     s.Bind(1, attempts).Bind(2, error).Bind(3, absl::ToUnixMicros(at)).Bind(4, id);
                   });
}

absl::StatusOr<int64_t> SqliteOutboxStore::CountPending(absl::string_view destination) {
  int64_t count = 0;
  DEBRIEF_RETURN_IF_ERROR(database_.Read([&](SqliteDb& db) -> absl::Status {
    DEBRIEF_ASSIGN_OR_RETURN(
        Statement query,
        db.Prepare("SELECT COUNT(*) FROM outbox WHERE destination = ? AND state = 'pending'"));
    query.Bind(1, destination);
    DEBRIEF_ASSIGN_OR_RETURN(bool row, query.Step());
    if (row) count = query.ColumnInt(0);
    return absl::OkStatus();
  }));
  return count;
}

absl::StatusOr<std::vector<OutboxEntry>> SqliteOutboxStore::ListDead(const DeadLetterQuery& query) {
  std::vector<OutboxEntry> entries;
  DEBRIEF_RETURN_IF_ERROR(database_.Read([&](SqliteDb& db) -> absl::Status {
    std::vector<std::string> texts;
    const std::string where = DeadFilter(query, texts);
    DEBRIEF_ASSIGN_OR_RETURN(
        Statement select,
        db.Prepare(absl::StrCat("SELECT ", kEntryColumns,
                                " FROM outbox o JOIN insights i ON i.insight_id = o.insight_id", where,
                                " AND o.id > ? ORDER BY o.id LIMIT ?")));
    int index = 1;
    select.Bind(index++, MicrosOrLimit(query.from));
    select.Bind(index++, MicrosOrLimit(query.to));
    for (const std::string& text : texts) select.Bind(index++, text);
    select.Bind(index++, query.after_id);
    select.Bind(index++, query.limit);
    while (true) {
      DEBRIEF_ASSIGN_OR_RETURN(bool row, select.Step());
      if (!row) break;
      entries.push_back(EntryAt(select));
    }
    return absl::OkStatus();
  }));
  return entries;
}

absl::StatusOr<int64_t> SqliteOutboxStore::ReplayDead(const DeadLetterQuery& query, absl::Time now) {
  int64_t replayed = 0;
  DEBRIEF_RETURN_IF_ERROR(database_.Write([&](SqliteDb& db) -> absl::Status {
    std::vector<std::string> texts;
    const std::string where = DeadFilter(query, texts);
    DEBRIEF_ASSIGN_OR_RETURN(
        Statement update,
        db.Prepare(absl::StrCat(
            "UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = ?, finished_at = "
            "NULL WHERE id IN (SELECT o.id FROM outbox o JOIN insights i ON i.insight_id = "
            "o.insight_id",
            where, ")")));
    int index = 1;
    update.Bind(index++, absl::ToUnixMicros(now));
    update.Bind(index++, MicrosOrLimit(query.from));
    update.Bind(index++, MicrosOrLimit(query.to));
    for (const std::string& text : texts) update.Bind(index++, text);
    DEBRIEF_RETURN_IF_ERROR(update.Run());
    replayed = db.changes();
    return absl::OkStatus();
  }));
  return replayed;
}

absl::Status SqliteOutboxStore::DisableDestination(absl::string_view destination,
                                                   absl::string_view reason, absl::Time at) {
  return database_.Write([&](SqliteDb& db) -> absl::Status {
    DEBRIEF_ASSIGN_OR_RETURN(
        Statement insert,
        db.Prepare("INSERT OR REPLACE INTO disabled_destinations(destination, reason, disabled_at) "
                   "VALUES (?, ?, ?)"));
    insert.Bind(1, destination).Bind(2, reason).Bind(3, absl::ToUnixMicros(at));
    return insert.Run();
  });
}

absl::Status SqliteOutboxStore::EnableDestination(absl::string_view destination) {
  return database_.Write([&](SqliteDb& db) -> absl::Status {
    DEBRIEF_ASSIGN_OR_RETURN(Statement remove,
                             db.Prepare("DELETE FROM disabled_destinations WHERE destination = ?"));
    remove.Bind(1, destination);
    return remove.Run();
  });
}

absl::StatusOr<std::optional<std::string>> SqliteOutboxStore::DisabledReason(
    absl::string_view destination) {
  std::optional<std::string> reason;
  DEBRIEF_RETURN_IF_ERROR(database_.Read([&](SqliteDb& db) -> absl::Status {
    DEBRIEF_ASSIGN_OR_RETURN(
        Statement query, db.Prepare("SELECT reason FROM disabled_destinations WHERE destination = ?"));
    query.Bind(1, destination);
    DEBRIEF_ASSIGN_OR_RETURN(bool row, query.Step());
    if (row) reason = query.ColumnText(0);
    return absl::OkStatus();
  }));
  return reason;
}

absl::StatusOr<std::vector<core::Insight>> SqliteOutboxStore::ReadInsights(const InsightQuery& query) {
  std::vector<core::Insight> insights;
  DEBRIEF_RETURN_IF_ERROR(database_.Read([&](SqliteDb& db) -> absl::Status {
    std::string sql =
        "SELECT seq, insight_id, kind, audience, account_id, ticket_id, decision_id, created_at, "
        "body_json FROM insights i WHERE seq > ?";
    std::vector<std::string> texts;
    if (!query.audiences.empty()) {
      std::vector<std::string> marks;
      for (core::Team team : query.audiences) {
        marks.push_back("?");
        texts.emplace_back(core::TeamName(team));
      }
      absl::StrAppend(&sql, " AND audience IN (", absl::StrJoin(marks, ","), ")");
    }
    if (!query.kinds.empty()) {
      std::vector<std::string> marks(query.kinds.size(), "?");
      texts.insert(texts.end(), query.kinds.begin(), query.kinds.end());
      absl::StrAppend(&sql, " AND kind IN (", absl::StrJoin(marks, ","), ")");
    }
    absl::StrAppend(&sql, " ORDER BY seq LIMIT ?");
    DEBRIEF_ASSIGN_OR_RETURN(Statement select, db.Prepare(sql));
    int index = 1;
    select.Bind(index++, query.after_sequence);
    for (const std::string& text : texts) select.Bind(index++, text);
    select.Bind(index++, query.limit);
    while (true) {
      DEBRIEF_ASSIGN_OR_RETURN(bool row, select.Step());
      if (!row) break;
      insights.push_back(InsightAt(select, 0));
    }
    return absl::OkStatus();
  }));
  return insights;
}

absl::StatusOr<int64_t> SqliteOutboxStore::LastSequence() {
  int64_t last = 0;
  DEBRIEF_RETURN_IF_ERROR(database_.Read([&](SqliteDb& db) -> absl::Status {
    DEBRIEF_ASSIGN_OR_RETURN(Statement query, db.Prepare("SELECT COALESCE(MAX(seq), 0) FROM insights"));
    DEBRIEF_ASSIGN_OR_RETURN(bool row, query.Step());
    if (row) last = query.ColumnInt(0);
    return absl::OkStatus();
  }));
  return last;
}

}  // namespace debrief::storage
