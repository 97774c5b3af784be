#include "server/storage/sqlite_decision_log.h"

#include "nlohmann/json.hpp"
#include "server/common/status_macros.h"

namespace debrief::storage {
namespace {

std::string LabelsToJson(const std::vector<core::Label>& labels) {
  nlohmann::json out = nlohmann::json::array();
  for (const core::Label& label : labels) {
    out.push_back({{"value", label.value},
                   {"confidence", label.confidence},
                   {"source", label.source == core::LabelSource::kModel ? "model" : "rule"}});
  }
  return out.dump();
}

std::vector<core::Label> LabelsFromJson(const std::string& text) {
  std::vector<core::Label> labels;
  const nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_array()) return labels;
  for (const nlohmann::json& item : json) {
    core::Label label;
    label.value = item.value("value", "");
    label.confidence = item.value("confidence", 0.0);
    label.source = item.value("source", "rule") == "model" ? core::LabelSource::kModel
                                                           : core::LabelSource::kRule;
    labels.push_back(std::move(label));
  }
  return labels;
}

}  // namespace

absl::Status SqliteDecisionLog::AppendDecisions(const std::vector<DecisionRecord>& records) {
  if (records.empty()) return absl::OkStatus();
  return database_.Write([&](SqliteDb& db) -> absl::Status {
    DEBRIEF_ASSIGN_OR_RETURN(
        Statement insert,
        db.Prepare("INSERT OR IGNORE INTO decisions(decision_id, kind, ticket_ref, labels_json, "
                   "model_version, created_at, learning_text) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    for (const DecisionRecord& record : records) {
      insert.Reset();
      insert.Bind(1, record.decision_id)
          .Bind(2, record.kind)
          .Bind(3, record.ticket_ref)
          .Bind(4, LabelsToJson(record.labels))
          .Bind(5, record.model_version)
          .Bind(6, absl::ToUnixMicros(record.created_at))
          .Bind(7, record.learning_text);
      DEBRIEF_RETURN_IF_ERROR(insert.Run());
    }
    return absl::OkStatus();
  });
}

absl::StatusOr<std::optional<DecisionRecord>> SqliteDecisionLog::FindDecision(
    absl::string_view decision_id) {
  std::optional<DecisionRecord> found;
  DEBRIEF_RETURN_IF_ERROR(database_.Read([&](SqliteDb& db) -> absl::Status {
    DEBRIEF_ASSIGN_OR_RETURN(
        Statement query,
        db.Prepare("SELECT kind, ticket_ref, labels_json, model_version, created_at, learning_text "
                   "FROM decisions WHERE decision_id = ?"));
    query.Bind(1, decision_id);
    DEBRIEF_ASSIGN_OR_RETURN(bool row, query.Step());
    if (!row) return absl::OkStatus();
    DecisionRecord record;
    record.decision_id = std::string(decision_id);
    record.kind = query.ColumnText(0);
    record.ticket_ref = query.ColumnText(1);
    record.labels = LabelsFromJson(query.ColumnText(2));
    record.model_version = query.ColumnText(3);
    record.created_at = absl::FromUnixMicros(query.ColumnInt(4));
    record.learning_text = query.ColumnText(5);
    found = std::move(record);
    return absl::OkStatus();
  }));
  return found;
}

absl::Status SqliteDecisionLog::AppendFeedback(const core::Feedback& feedback, absl::Time at) {
  return database_.Write([&](SqliteDb& db) -> absl::Status {
    DEBRIEF_ASSIGN_OR_RETURN(
        Statement insert,
        db.Prepare("INSERT INTO feedback(decision_id, accepted_json, rejected_json, added_json, "
                   "agent_id, created_at) VALUES (?, ?, ?, ?, ?, ?)"));
    insert.Bind(1, feedback.decision_id)
        .Bind(2, nlohmann::json(feedback.accepted).dump())
        .Bind(3, nlohmann::json(feedback.rejected).dump())
        .Bind(4, nlohmann::json(feedback.added).dump())
        .Bind(5, feedback.agent_id)
        .Bind(6, absl::ToUnixMicros(at));
    return insert.Run();
  });
}

}  // namespace debrief::storage
