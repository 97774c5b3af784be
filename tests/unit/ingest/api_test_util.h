// Builds the vendor API clients for tests, pointed at a fake API.
#ifndef DEBRIEF_TESTS_UNIT_INGEST_API_TEST_UTIL_H_
#define DEBRIEF_TESTS_UNIT_INGEST_API_TEST_UTIL_H_

#include <memory>
#include <string>

#include "server/config/sources_options.h"
#include "server/core/debriefing.h"
#include "server/core/ticket.h"
#include "server/ingest/http_client.h"

namespace debrief::ingest {

inline config::ApiOptions Api(const std::string& base_url, const std::string& auth,
                              const std::string& username = "") {
  config::ApiOptions api;
  api.base_url = base_url;
  api.auth = auth;
  api.username = username;
  api.timeout = absl::Seconds(2);
  return api;
}

inline std::unique_ptr<HttpClient> Http(absl::Duration timeout = absl::Seconds(2)) {
  return std::move(*CurlHttpClient::Create({.connect_timeout = absl::Seconds(1), .timeout = timeout}));
}

// A message of `role` with plain `text`.
inline core::Message TextMessage(core::AuthorRole role, std::string text) {
  core::Message message;
  message.author_role = role;
  message.body_text = std::move(text);
  return message;
}

inline core::Label Tag(const std::string& value, double confidence) {
  core::Label label;
  label.value = value;
  label.confidence = confidence;
  return label;
}

inline core::Debriefing Suggestions(const std::string& decision_id) {
  core::Debriefing debriefing;
  debriefing.decision_id = decision_id;
  debriefing.suggested_tags = {Tag("billing/refund/double-charge", 0.92),
                               Tag("billing/invoice", 0.61)};
  debriefing.escalation.level = core::EscalationLevel::kEscalate;
  debriefing.escalation.target = core::Team::kSuccess;
  core::EscalationReason reason;
  reason.rule = "big-account-billing-error";
  reason.text = "Northwind (ARR 48000) was double-charged";
  debriefing.escalation.reasons.push_back(reason);
  return debriefing;
}

}  // namespace debrief::ingest

#endif  // DEBRIEF_TESTS_UNIT_INGEST_API_TEST_UTIL_H_
