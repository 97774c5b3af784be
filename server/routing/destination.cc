#include "server/routing/destination.h"

#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"

namespace debrief::routing {

std::string InsightJson(const core::Insight& insight, const core::Delivery& delivery) {
  nlohmann::json body = nlohmann::json::parse(insight.body_json, nullptr, false);
  nlohmann::json extra = nlohmann::json::parse(delivery.extra_json, nullptr, false);
  nlohmann::json out = {
      {"insight_id", insight.insight_id},
      {"kind", insight.kind},
      {"audience", core::TeamName(insight.audience)},
      {"account_id", insight.account_id},
      {"ticket_id", insight.ticket_id},
      {"decision_id", insight.decision_id},
      {"created_at", absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", insight.created_at, absl::UTCTimeZone())},
      {"body", body.is_discarded() ? nlohmann::json::object() : body}};
  if (!extra.is_discarded() && !extra.empty()) out["extra"] = extra;
  return out.dump();
}

DeliveryResult ResultOfHttpStatus(int status, std::optional<absl::Duration> retry_after,
                                  absl::string_view body) {
  DeliveryResult result;
  result.http_status = status;
  result.retry_after = retry_after;
  if (status >= 200 && status < 300) {
    result.outcome = DeliveryResult::Outcome::kDelivered;
    return result;
  }
  result.error = absl::StrCat("HTTP ", status, ": ", body.substr(0, 200));
  if (status == 410) {
    result.outcome = DeliveryResult::Outcome::kGone;
  } else if (status >= 400 && status < 500 && status != 408 && status != 429) {
    result.outcome = DeliveryResult::Outcome::kReject;
  } else {
    result.outcome = DeliveryResult::Outcome::kRetry;
  }
  return result;
}

}  // namespace debrief::routing
