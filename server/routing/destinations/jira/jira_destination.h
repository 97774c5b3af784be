// The Jira Cloud destination (REST v3): one issue per error fingerprint or feature-request
// theme (jira_document.h), later occurrences add a comment with the new evidence instead of
// a new issue. The dedupe key → issue key map lives in storage::DestinationIssueStore, so it
// survives restarts; if the mapped issue was deleted (the comment gets 404), a new issue is
// created and the mapping replaced. Only error_reported and feature_requested insights are
// taken (others are rejected; config refuses routes that send them). Auth is Basic with the
// `secret` "email:api_token", which never appears in an error.
//
// Limitation: Jira has no idempotency key, so if the process dies between Jira creating an
// issue and the mapping being stored, the redelivery creates a second issue.
#ifndef DEBRIEF_SERVER_ROUTING_DESTINATIONS_JIRA_JIRA_DESTINATION_H_
#define DEBRIEF_SERVER_ROUTING_DESTINATIONS_JIRA_JIRA_DESTINATION_H_

#include <array>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "server/common/clock.h"
#include "server/config/routing_options.h"
#include "server/routing/destination.h"
#include "server/routing/http_transport.h"
#include "server/storage/destination_issue_store.h"

namespace debrief::routing {

// Thread-safe: deliveries with the same dedupe key are serialized (a striped lock), so two
// concurrent occurrences of one fingerprint create one issue and one comment.
class JiraDestination final : public Destination {
 public:
  // Resolves the credentials. NOT_FOUND naming the env var or file when missing;
  // INVALID_ARGUMENT naming destinations.<name>.secret when not "email:api_token" (without
  // printing it). `issues` and `clock` must outlive the destination; with a null `issues`
  // (a config check) every delivery is retried, never sent.
  static absl::StatusOr<std::unique_ptr<JiraDestination>> Create(const config::DestinationOptions& options,
                                                                 std::unique_ptr<HttpTransport> http,
                                                                 storage::DestinationIssueStore* issues,
                                                                 const common::Clock& clock);

  DeliveryResult Deliver(const core::Insight& insight, const core::Delivery& delivery,
                         int attempt) override;

 private:
  JiraDestination(const config::DestinationOptions& options, std::string authorization,
                  std::vector<std::string> secrets, std::unique_ptr<HttpTransport> http,
                  storage::DestinationIssueStore* issues, const common::Clock& clock);

  // POSTs `body` to `path` under the site.
  DeliveryResult Post(const std::string& path, std::string body, HttpResponse* response);
  // Creates the issue of `insight` and remembers it under `dedupe_key`.
  DeliveryResult CreateIssue(const core::Insight& insight, const core::Delivery& delivery,
                             const std::string& dedupe_key);

  const std::string name_;
  const std::string site_;
  const std::string project_;
  const std::string issue_type_;
  const std::string authorization_;
  // What is scrubbed from errors: the secret, its token and the Basic credentials.
  const std::vector<std::string> secrets_;
  const std::unique_ptr<HttpTransport> http_;
  storage::DestinationIssueStore* issues_;
  const common::Clock& clock_;
  // Held across find → create/comment → remember for the dedupe keys hashing to it.
  std::array<absl::Mutex, 32> key_locks_;
};

}  // namespace debrief::routing

#endif  // DEBRIEF_SERVER_ROUTING_DESTINATIONS_JIRA_JIRA_DESTINATION_H_
