// The interface rpc/ calls for inline tag suggestions and agent feedback; pipeline/
// implements it.
#ifndef DEBRIEF_SERVER_CORE_TAG_SUGGESTER_H_
#define DEBRIEF_SERVER_CORE_TAG_SUGGESTER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/core/debriefing.h"
#include "server/core/ticket.h"

namespace debrief::core {

// Suggested tags for an open ticket.
struct Suggestion {
  // Logged id; feedback joins on it.
  std::string decision_id;
  // Best first, all at or above the configured threshold.
  std::vector<Label> tags;
  std::string model_version;
};

// What an agent did with a suggestion.
struct Feedback {
  std::string decision_id;
  std::vector<std::string> accepted;
  std::vector<std::string> rejected;
  std::vector<std::string> added;
  std::string agent_id;
};

// What recording feedback changed.
struct FeedbackResult {
  // Label updates applied to the learned model (0 when no model is configured).
  int model_updates = 0;
  // Tags that match no taxonomy node.
  std::vector<std::string> unknown_tags;
};

// Suggests tags and takes feedback. Implementations are thread-safe; Suggest never
// blocks on writers.
class TagSuggester {
 public:
  virtual ~TagSuggester() = default;

  // Suggests at most `max_tags` tags (0 = configured default) for `ticket` (validated).
  virtual absl::StatusOr<Suggestion> Suggest(const Ticket& ticket, int max_tags) = 0;

  // Records `feedback`. NOT_FOUND when its decision id was never issued.
  virtual absl::StatusOr<FeedbackResult> RecordFeedback(const Feedback& feedback) = 0;
};

}  // namespace debrief::core

#endif  // DEBRIEF_SERVER_CORE_TAG_SUGGESTER_H_
