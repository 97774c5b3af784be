#include "server/routing/destinations/jira/jira_destination.h"

#include <functional>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "nlohmann/json.hpp"
#include "server/common/status_macros.h"
#include "server/config/secret.h"
#include "server/routing/destinations/jira/jira_document.h"
#include "server/routing/http_delivery.h"

namespace debrief::routing {
namespace {

DeliveryResult Failed(DeliveryResult::Outcome outcome, std::string error) {
  DeliveryResult result;
  result.outcome = outcome;
  result.error = std::move(error);
  return result;
}

}  // namespace

absl::StatusOr<std::unique_ptr<JiraDestination>> JiraDestination::Create(
    const config::DestinationOptions& options, std::unique_ptr<HttpTransport> http,
    storage::DestinationIssueStore* issues, const common::Clock& clock) {
  DEBRIEF_ASSIGN_OR_RETURN(std::string secret, config::ResolveSecret(options.secret));
  const size_t colon = secret.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == secret.size()) {
    return absl::InvalidArgumentError(absl::StrCat("destinations.", options.name, ".secret (",
                                                   options.secret.Describe(),
                                                   "): must be \"email:api_token\" (Basic auth for Jira Cloud)"));
  }
  const std::string credentials = absl::Base64Escape(secret);
  std::vector<std::string> secrets = {secret, secret.substr(colon + 1), credentials};
  return std::unique_ptr<JiraDestination>(new JiraDestination(options, absl::StrCat("Basic ", credentials),
                                                              std::move(secrets), std::move(http), issues, clock));
}

JiraDestination::JiraDestination(const config::DestinationOptions& options, std::string authorization,
                                 std::vector<std::string> secrets, std::unique_ptr<HttpTransport> http,
                                 storage::DestinationIssueStore* issues, const common::Clock& clock)
    : name_(options.name),
      site_(absl::StripSuffix(options.url, "/")),
      project_(options.project),
      issue_type_(options.issue_type),
      authorization_(std::move(authorization)),
      secrets_(std::move(secrets)),
      http_(std::move(http)),
      issues_(issues),
      clock_(clock) {}

DeliveryResult JiraDestination::Post(const std::string& path, std::string body, HttpResponse* response) {
  HttpRequest request;
  request.url = site_ + path;
  request.headers = {{"Authorization", authorization_},
                     {"Accept", "application/json"},
                     {"Content-Type", "application/json"}};
  request.body = std::move(body);
  return SendDelivery(*http_, request, clock_.Now(), secrets_, response);
}

DeliveryResult JiraDestination::CreateIssue(const core::Insight& insight, const core::Delivery& delivery,
                                            const std::string& dedupe_key) {
  HttpResponse response;
  DeliveryResult result =
      Post("/rest/api/3/issue", JiraIssueJson(insight, delivery, project_, issue_type_), &response);
  if (result.outcome != DeliveryResult::Outcome::kDelivered) return result;
  const nlohmann::json created = nlohmann::json::parse(response.body, nullptr, false);
  if (!created.is_object() || !created.contains("key") || !created["key"].is_string()) {
    // Retrying would open a second issue: dead-letter it for a person to look at.
    return Failed(DeliveryResult::Outcome::kReject,
                  absl::StrCat("Jira answered HTTP ", response.status, " without an issue key"));
  }
  const std::string issue_key = created["key"].get<std::string>();
  const absl::Status remembered = issues_->Remember(name_, dedupe_key, issue_key);
  if (!remembered.ok()) {
    return Failed(DeliveryResult::Outcome::kRetry,
                  absl::StrCat("issue ", issue_key, " created but not remembered: ", remembered.message()));
  }
  return result;
}

DeliveryResult JiraDestination::Deliver(const core::Insight& insight, const core::Delivery& delivery,
                                        int /*attempt*/) {
  const absl::StatusOr<std::string> dedupe_key = JiraDedupeKey(insight);
  if (!dedupe_key.ok()) return Failed(DeliveryResult::Outcome::kReject, std::string(dedupe_key.status().message()));
  if (issues_ == nullptr) return Failed(DeliveryResult::Outcome::kRetry, "built without an issue map");
  absl::MutexLock lock(&key_locks_[std::hash<std::string>{}(*dedupe_key) % key_locks_.size()]);
  const absl::StatusOr<std::optional<std::string>> issue_key = issues_->Find(name_, *dedupe_key);
  if (!issue_key.ok()) {
    return Failed(DeliveryResult::Outcome::kRetry, absl::StrCat("issue map: ", issue_key.status().message()));
  }
  if (!issue_key->has_value()) return CreateIssue(insight, delivery, *dedupe_key);
  HttpResponse response;
  DeliveryResult result = Post(absl::StrCat("/rest/api/3/issue/", **issue_key, "/comment"),
                               JiraCommentJson(insight, delivery), &response);
  // The issue was deleted (or moved out of reach): open a new one for this key.
  if (response.status == 404) return CreateIssue(insight, delivery, *dedupe_key);
  return result;
}

}  // namespace debrief::routing
