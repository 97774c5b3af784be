#include "server/routing/http_delivery.h"

#include "absl/strings/str_replace.h"

namespace debrief::routing {

std::string Scrub(std::string text, const std::vector<std::string>& secrets) {
  for (const std::string& secret : secrets) {
    if (!secret.empty()) absl::StrReplaceAll({{secret, "[redacted]"}}, &text);
  }
  return text;
}

DeliveryResult SendDelivery(HttpTransport& http, const HttpRequest& request, absl::Time now,
                            const std::vector<std::string>& secrets, HttpResponse* response) {
  absl::StatusOr<HttpResponse> answer = http.Send(request);
  if (!answer.ok()) {
    if (response != nullptr) *response = HttpResponse{};
    DeliveryResult result;
    result.outcome = DeliveryResult::Outcome::kRetry;
    result.error = Scrub(std::string(answer.status().message()), secrets);
    return result;
  }
  DeliveryResult result = ResultOfHttpStatus(answer->status, ParseRetryAfter(answer->headers, now), answer->body);
  result.error = Scrub(std::move(result.error), secrets);
  if (response != nullptr) *response = *std::move(answer);
  return result;
}

}  // namespace debrief::routing
