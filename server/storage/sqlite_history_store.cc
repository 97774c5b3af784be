#include "server/storage/sqlite_history_store.h"

#include "absl/strings/str_cat.h"
#include "server/common/status_macros.h"
#include "server/core/json_codec.h"
#include "server/storage/sqlite_account_store.h"
#include "server/storage/sqlite_outbox_store.h"

namespace debrief::storage {
namespace {

// Looks up `close_key` on `db`; nullopt when absent.
absl::StatusOr<std::optional<core::Debriefing>> LookUp(SqliteDb& db, absl::string_view close_key) {
  DEBRIEF_ASSIGN_OR_RETURN(Statement query,
                           db.Prepare("SELECT debriefing_json FROM tickets WHERE close_key = ?"));
  query.Bind(1, close_key);
  DEBRIEF_ASSIGN_OR_RETURN(bool row, query.Step());
  if (!row) return std::optional<core::Debriefing>();
  DEBRIEF_ASSIGN_OR_RETURN(core::Debriefing debriefing,
                           core::DebriefingFromJson(query.ColumnText(0)));
  debriefing.replayed = true;
  return std::optional<core::Debriefing>(std::move(debriefing));
}

absl::string_view ModeName(core::CloseMode mode) {
  return mode == core::CloseMode::kBackfill ? "backfill" : "live";
}

}  // namespace

absl::StatusOr<std::optional<core::Debriefing>> SqliteHistoryStore::FindClose(
    absl::string_view close_key) {
  std::optional<core::Debriefing> found;
  DEBRIEF_RETURN_IF_ERROR(database_.Read([&](SqliteDb& db) -> absl::Status {
    DEBRIEF_ASSIGN_OR_RETURN(found, LookUp(db, close_key));
    return absl::OkStatus();
  }));
  return found;
}

absl::StatusOr<RecordOutcome> SqliteHistoryStore::RecordClose(const CloseRecord& record) {
  RecordOutcome outcome;
  const core::Ticket& ticket = record.ticket;
  const std::string ticket_ref =
      absl::StrCat(core::SourceName(ticket.source), "|", ticket.source_tenant, "|", ticket.ticket_id);
  absl::Status status = database_.Write([&](SqliteDb& db) -> absl::Status {
    // Checked inside the write transaction, so two concurrent deliveries of one close
    // cannot both record it.
    DEBRIEF_ASSIGN_OR_RETURN(std::optional<core::Debriefing> existing, LookUp(db, record.close_key));
    if (existing.has_value()) {
      outcome.debriefing = std::move(*existing);
      outcome.replayed = true;
      return absl::OkStatus();
    }
    const std::string debriefing_json = core::DebriefingToJson(record.debriefing).dump();
    DEBRIEF_ASSIGN_OR_RETURN(
        Statement insert,
        db.Prepare("INSERT INTO tickets(close_key, decision_id, source, source_tenant, ticket_id, "
                   "account_id, mode, closed_at, recorded_at, ticket_json, debriefing_json, "
                   "requester_email_key, requester_id_key) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    insert.Bind(1, record.close_key)
        .Bind(2, record.debriefing.decision_id)
        .Bind(3, core::SourceName(ticket.source))
        .Bind(4, ticket.source_tenant)
        .Bind(5, ticket.ticket_id)
        .Bind(6, ticket.account.id)
        .Bind(7, ModeName(record.mode));
    if (ticket.closed_at.has_value()) {
      insert.Bind(8, absl::ToUnixMicros(*ticket.closed_at));
    } else {
      insert.BindNull(8);
    }
    insert.Bind(9, absl::ToUnixMicros(record.recorded_at))
        .Bind(10, core::TicketToJson(ticket).dump())
        .Bind(11, debriefing_json)
        .Bind(12, record.requester_email_key)
        .Bind(13, record.requester_id_key);
    DEBRIEF_RETURN_IF_ERROR(insert.Run());
    if (record.account.has_value()) DEBRIEF_RETURN_IF_ERROR(ApplyAccountUpdate(db, *record.account));
    DEBRIEF_RETURN_IF_ERROR(WriteInsights(db, record.insights, record.recorded_at));

    nlohmann::json labels = nlohmann::json::array();
    for (const core::Label& label : record.debriefing.suggested_tags) {
      labels.push_back({{"value", label.value}, {"confidence", label.confidence}});
    }
    DEBRIEF_ASSIGN_OR_RETURN(
        Statement decision,
        db.Prepare("INSERT OR IGNORE INTO decisions(decision_id, kind, ticket_ref, labels_json, "
                   "model_version, created_at) VALUES (?, 'close', ?, ?, ?, ?)"));
    decision.Bind(1, record.debriefing.decision_id)
        .Bind(2, ticket_ref)
        .Bind(3, labels.dump())
        .Bind(4, record.debriefing.model_version)
        .Bind(5, absl::ToUnixMicros(record.recorded_at));
    DEBRIEF_RETURN_IF_ERROR(decision.Run());
    outcome.debriefing = record.debriefing;
    return absl::OkStatus();
  });
  if (status.code() == absl::StatusCode::kAborted) return status;
  if (!status.ok()) {
    return absl::UnavailableError(absl::StrCat("recording the close: ", status.message()));
  }
  return outcome;
}

}  // namespace debrief::storage
