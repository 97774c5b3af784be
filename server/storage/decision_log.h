// The decision log: every suggestion Debrief made, under its decision_id, and every
// piece of agent feedback on one. Feedback and corrections join on the decision id.
#ifndef DEBRIEF_SERVER_STORAGE_DECISION_LOG_H_
#define DEBRIEF_SERVER_STORAGE_DECISION_LOG_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "server/core/debriefing.h"
#include "server/core/tag_suggester.h"

namespace debrief::storage {

// One logged decision.
struct DecisionRecord {
  std::string decision_id;
  // "suggestion" (SuggestTags) or "close" (OnTicketClosed).
  std::string kind;
  // "<source>|<tenant>|<ticket id>".
  std::string ticket_ref;
  // The labels suggested.
  std::vector<core::Label> labels;
  std::string model_version;
  absl::Time created_at;
  // The (redacted) text the labels were scored on, so feedback on them can be learned.
  std::string learning_text;
};

// Implementations are thread-safe.
class DecisionLog {
 public:
  virtual ~DecisionLog() = default;
  // Appends `records` in one commit. ALREADY_EXISTS is never returned: a decision id
  // already logged is left as it is.
  virtual absl::Status AppendDecisions(const std::vector<DecisionRecord>& records) = 0;
  // The decision, or nullopt.
  virtual absl::StatusOr<std::optional<DecisionRecord>> FindDecision(
      absl::string_view decision_id) = 0;
  // Appends one piece of feedback.
  virtual absl::Status AppendFeedback(const core::Feedback& feedback, absl::Time at) = 0;
};

}  // namespace debrief::storage

#endif  // DEBRIEF_SERVER_STORAGE_DECISION_LOG_H_
