#include "server/storage/sqlite_model_store.h"

#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"
#include "server/common/status_macros.h"
#include "server/core/json_codec.h"

namespace debrief::storage {
namespace {

std::vector<std::string> StringsFromJson(const std::string& text) {
  std::vector<std::string> out;
  const nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_array()) return out;
  for (const nlohmann::json& item : json) {
    if (item.is_string()) out.push_back(item.get<std::string>());
  }
  return out;
}

}  // namespace

absl::Status SqliteModelStore::SaveSnapshot(const ModelSnapshotRecord& snapshot, int keep) {
  return database_.Write([&](SqliteDb& db) -> absl::Status {
    DEBRIEF_ASSIGN_OR_RETURN(
        Statement insert,
        db.Prepare("INSERT INTO model_snapshots(created_at, model_version, examples, close_sequence, "
                   "feedback_sequence, model) VALUES (?, ?, ?, ?, ?, ?)"));
    insert.Bind(1, absl::ToUnixMicros(snapshot.created_at))
        .Bind(2, snapshot.model_version)
        .Bind(3, snapshot.examples)
        .Bind(4, snapshot.close_sequence)
        .Bind(5, snapshot.feedback_sequence)
        .BindBlob(6, snapshot.model);
    DEBRIEF_RETURN_IF_ERROR(insert.Run());
    DEBRIEF_ASSIGN_OR_RETURN(
        Statement prune,
        db.Prepare("DELETE FROM model_snapshots WHERE id NOT IN "
                   "(SELECT id FROM model_snapshots ORDER BY id DESC LIMIT ?)"));
    prune.Bind(1, keep);
    return prune.Run();
  });
}

absl::StatusOr<std::optional<ModelSnapshotRecord>> SqliteModelStore::LatestSnapshot() {
  std::optional<ModelSnapshotRecord> found;
  DEBRIEF_RETURN_IF_ERROR(database_.Read([&](SqliteDb& db) -> absl::Status {
    DEBRIEF_ASSIGN_OR_RETURN(
        Statement query,
        db.Prepare("SELECT created_at, model_version, examples, close_sequence, feedback_sequence, "
                   "model FROM model_snapshots ORDER BY id DESC LIMIT 1"));
    DEBRIEF_ASSIGN_OR_RETURN(bool row, query.Step());
    if (!row) return absl::OkStatus();
    ModelSnapshotRecord record;
    record.created_at = absl::FromUnixMicros(query.ColumnInt(0));
    record.model_version = query.ColumnText(1);
    record.examples = query.ColumnInt(2);
    record.close_sequence = query.ColumnInt(3);
    record.feedback_sequence = query.ColumnInt(4);
    record.model = query.ColumnText(5);
    found = std::move(record);
    return absl::OkStatus();
  }));
  return found;
}

absl::StatusOr<std::vector<RecordedClose>> SqliteModelStore::ClosesAfter(int64_t after, int limit) {
  std::vector<RecordedClose> closes;
  DEBRIEF_RETURN_IF_ERROR(database_.Read([&](SqliteDb& db) -> absl::Status {
    DEBRIEF_ASSIGN_OR_RETURN(
        Statement query,
        db.Prepare("SELECT id, ticket_json FROM tickets WHERE id > ? ORDER BY id LIMIT ?"));
    query.Bind(1, after).Bind(2, limit);
    while (true) {
      DEBRIEF_ASSIGN_OR_RETURN(bool row, query.Step());
      if (!row) break;
      RecordedClose close;
      close.sequence = query.ColumnInt(0);
      absl::StatusOr<core::Ticket> ticket = core::TicketFromJson(query.ColumnText(1));
      if (!ticket.ok()) {
        return absl::DataLossError(
            absl::StrCat("tickets row ", close.sequence, ": ", ticket.status().message()));
      }
      close.ticket = std::move(*ticket);
      closes.push_back(std::move(close));
    }
    return absl::OkStatus();
  }));
  return closes;
}

absl::StatusOr<std::vector<RecordedFeedback>> SqliteModelStore::FeedbackAfter(int64_t after,
                                                                              int limit) {
  std::vector<RecordedFeedback> records;
  DEBRIEF_RETURN_IF_ERROR(database_.Read([&](SqliteDb& db) -> absl::Status {
    DEBRIEF_ASSIGN_OR_RETURN(
        Statement query,
        db.Prepare("SELECT f.id, f.decision_id, f.accepted_json, f.rejected_json, f.added_json, "
                   "f.agent_id, COALESCE(d.learning_text, ''), t.ticket_json FROM feedback f "
                   "LEFT JOIN decisions d ON d.decision_id = f.decision_id "
                   "LEFT JOIN tickets t ON t.decision_id = f.decision_id "
                   "WHERE f.id > ? ORDER BY f.id LIMIT ?"));
    query.Bind(1, after).Bind(2, limit);
    while (true) {
      DEBRIEF_ASSIGN_OR_RETURN(bool row, query.Step());
      if (!row) break;
      RecordedFeedback record;
      record.sequence = query.ColumnInt(0);
      record.feedback.decision_id = query.ColumnText(1);
      record.feedback.accepted = StringsFromJson(query.ColumnText(2));
      record.feedback.rejected = StringsFromJson(query.ColumnText(3));
      record.feedback.added = StringsFromJson(query.ColumnText(4));
      record.feedback.agent_id = query.ColumnText(5);
      record.learning_text = query.ColumnText(6);
      if (!query.ColumnIsNull(7)) {
        absl::StatusOr<core::Ticket> ticket = core::TicketFromJson(query.ColumnText(7));
        if (ticket.ok()) record.ticket = std::move(*ticket);
      }
      records.push_back(std::move(record));
    }
    return absl::OkStatus();
  }));
  return records;
}

absl::StatusOr<int64_t> SqliteModelStore::CloseSequence(absl::string_view close_key) {
  int64_t sequence = 0;
  DEBRIEF_RETURN_IF_ERROR(database_.Read([&](SqliteDb& db) -> absl::Status {
    DEBRIEF_ASSIGN_OR_RETURN(Statement query,
                             db.Prepare("SELECT id FROM tickets WHERE close_key = ?"));
    query.Bind(1, close_key);
    DEBRIEF_ASSIGN_OR_RETURN(bool row, query.Step());
    if (row) sequence = query.ColumnInt(0);
    return absl::OkStatus();
  }));
  if (sequence == 0) return absl::NotFoundError("close is not recorded");
  return sequence;
}

absl::StatusOr<int64_t> SqliteModelStore::LatestFeedbackSequence(absl::string_view decision_id) {
  int64_t sequence = 0;
  DEBRIEF_RETURN_IF_ERROR(database_.Read([&](SqliteDb& db) -> absl::Status {
    DEBRIEF_ASSIGN_OR_RETURN(Statement query,
                             db.Prepare("SELECT MAX(id) FROM feedback WHERE decision_id = ?"));
    query.Bind(1, decision_id);
    DEBRIEF_ASSIGN_OR_RETURN(bool row, query.Step());
    if (row && !query.ColumnIsNull(0)) sequence = query.ColumnInt(0);
    return absl::OkStatus();
  }));
  if (sequence == 0) return absl::NotFoundError("no feedback on the decision");
  return sequence;
}

absl::StatusOr<std::optional<core::Ticket>> SqliteModelStore::TicketOfDecision(
    absl::string_view decision_id) {
  std::optional<core::Ticket> found;
  DEBRIEF_RETURN_IF_ERROR(database_.Read([&](SqliteDb& db) -> absl::Status {
    DEBRIEF_ASSIGN_OR_RETURN(Statement query,
                             db.Prepare("SELECT ticket_json FROM tickets WHERE decision_id = ?"));
    query.Bind(1, decision_id);
    DEBRIEF_ASSIGN_OR_RETURN(bool row, query.Step());
    if (!row) return absl::OkStatus();
    DEBRIEF_ASSIGN_OR_RETURN(found, core::TicketFromJson(query.ColumnText(0)));
    return absl::OkStatus();
  }));
  return found;
}

absl::StatusOr<std::optional<std::vector<std::string>>> SqliteModelStore::LatestSuggestion(
    absl::string_view ticket_ref) {
  std::optional<std::vector<std::string>> found;
  DEBRIEF_RETURN_IF_ERROR(database_.Read([&](SqliteDb& db) -> absl::Status {
    DEBRIEF_ASSIGN_OR_RETURN(
        Statement query,
        db.Prepare("SELECT labels_json FROM decisions WHERE ticket_ref = ? AND kind = 'suggestion' "
                   "ORDER BY created_at DESC LIMIT 1"));
    query.Bind(1, ticket_ref);
    DEBRIEF_ASSIGN_OR_RETURN(bool row, query.Step());
    if (!row) return absl::OkStatus();
    std::vector<std::string> labels;
    const nlohmann::json json = nlohmann::json::parse(query.ColumnText(0), nullptr, false);
    if (json.is_array()) {
      for (const nlohmann::json& item : json) {
        if (item.is_object()) labels.push_back(item.value("value", ""));
      }
    }
    found = std::move(labels);
    return absl::OkStatus();
  }));
  return found;
}

absl::Status SqliteModelStore::RecordSuggestionOutcomes(
    int64_t close_sequence, const std::vector<std::pair<std::string, bool>>& outcomes) {
  if (outcomes.empty()) return absl::OkStatus();
  return database_.Write([&](SqliteDb& db) -> absl::Status {
    DEBRIEF_ASSIGN_OR_RETURN(
        Statement insert,
        db.Prepare("INSERT OR IGNORE INTO suggestion_outcomes(close_sequence, label, unchanged) "
                   "VALUES (?, ?, ?)"));
    for (const auto& [label, unchanged] : outcomes) {
      insert.Reset();
      insert.Bind(1, close_sequence).Bind(2, label).Bind(3, unchanged ? 1 : 0);
      DEBRIEF_RETURN_IF_ERROR(insert.Run());
    }
    return absl::OkStatus();
  });
}

absl::StatusOr<std::map<std::string, SuggestionOutcomeCounts>>
SqliteModelStore::SuggestionOutcomes() {
  std::map<std::string, SuggestionOutcomeCounts> totals;
  DEBRIEF_RETURN_IF_ERROR(database_.Read([&](SqliteDb& db) -> absl::Status {
    DEBRIEF_ASSIGN_OR_RETURN(
        Statement query,
        db.Prepare("SELECT label, COUNT(*), SUM(unchanged) FROM suggestion_outcomes GROUP BY label"));
    while (true) {
      DEBRIEF_ASSIGN_OR_RETURN(bool row, query.Step());
      if (!row) break;
      totals[query.ColumnText(0)] = {query.ColumnInt(1), query.ColumnInt(2)};
    }
    return absl::OkStatus();
  }));
  return totals;
}

}  // namespace debrief::storage
