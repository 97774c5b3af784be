// What the Jira destination sends: the deduplication key of an insight (one issue per error
// fingerprint or feature-request theme), and the request bodies of Jira Cloud REST v3 —
// a new issue and a comment with the new evidence — with texts in Atlassian Document Format.
#ifndef DEBRIEF_SERVER_ROUTING_DESTINATIONS_JIRA_JIRA_DOCUMENT_H_
#define DEBRIEF_SERVER_ROUTING_DESTINATIONS_JIRA_JIRA_DOCUMENT_H_

#include <string>

#include "absl/status/statusor.h"
#include "server/core/insight.h"

namespace debrief::routing {

// "error:<fingerprint>" for error_reported; "feature:<product area>:<theme>" for
// feature_requested, both parts lower-cased with runs of other characters than [a-z0-9]
// turned into "-" (so "CSV Export" and "csv export" share an issue). INVALID_ARGUMENT for
// other kinds or when the body lacks the fingerprint / theme.
absl::StatusOr<std::string> JiraDedupeKey(const core::Insight& insight);

// The body of POST /rest/api/3/issue: {fields: {project: {key}, issuetype: {name}, summary,
// description (ADF), labels}}. Pure.
std::string JiraIssueJson(const core::Insight& insight, const core::Delivery& delivery,
                          const std::string& project, const std::string& issue_type);

// The body of POST /rest/api/3/issue/{key}/comment: {body (ADF)} with the new occurrence's
// ticket, account and quote. Pure.
std::string JiraCommentJson(const core::Insight& insight, const core::Delivery& delivery);

}  // namespace debrief::routing

#endif  // DEBRIEF_SERVER_ROUTING_DESTINATIONS_JIRA_JIRA_DOCUMENT_H_
