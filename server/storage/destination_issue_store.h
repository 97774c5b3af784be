// Which issue-tracker issue stands for each deduplication key (an error fingerprint, a
// feature-request theme) at each destination, so later occurrences comment on the issue
// instead of opening a new one (migration 5: destination_issues).
//
//   DEBRIEF_ASSIGN_OR_RETURN(std::optional<std::string> key, issues.Find("jira", "error:3f9a"));
//   if (!key) { ... create OPS-12 ...; issues.Remember("jira", "error:3f9a", "OPS-12"); }
#ifndef DEBRIEF_SERVER_STORAGE_DESTINATION_ISSUE_STORE_H_
#define DEBRIEF_SERVER_STORAGE_DESTINATION_ISSUE_STORE_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace debrief::storage {

// Implementations are thread-safe.
class DestinationIssueStore {
 public:
  virtual ~DestinationIssueStore() = default;
  // The issue key remembered for (`destination`, `dedupe_key`); nullopt when none.
  virtual absl::StatusOr<std::optional<std::string>> Find(absl::string_view destination,
                                                          absl::string_view dedupe_key) = 0;
  // Maps (`destination`, `dedupe_key`) to `issue_key`, replacing an earlier mapping
  // (the earlier issue was deleted). Durable when it returns OK.
  virtual absl::Status Remember(absl::string_view destination, absl::string_view dedupe_key,
                                absl::string_view issue_key) = 0;
};

}  // namespace debrief::storage

#endif  // DEBRIEF_SERVER_STORAGE_DESTINATION_ISSUE_STORE_H_
