#include "server/routing/destinations/salesforce/salesforce_destination.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "nlohmann/json.hpp"
#include "server/common/status_macros.h"
#include "server/config/secret.h"
#include "server/routing/http_delivery.h"
#include "server/routing/insight_summary.h"

namespace debrief::routing {
namespace {

// Task.Subject holds at most 255 characters.
constexpr size_t kSubjectMax = 255;

bool IsSalesforceId(const std::string& id) {
  return (id.size() == 15 || id.size() == 18) && std::all_of(id.begin(), id.end(), [](char c) {
           return absl::ascii_isalnum(static_cast<unsigned char>(c));
         });
}

std::string Plain(absl::string_view text) { return std::string(text); }

}  // namespace

absl::StatusOr<std::unique_ptr<SalesforceDestination>> SalesforceDestination::Create(
    const config::DestinationOptions& options, std::unique_ptr<HttpTransport> http, const common::Clock& clock) {
  DEBRIEF_ASSIGN_OR_RETURN(std::string token, config::ResolveSecret(options.secret));
  DEBRIEF_ASSIGN_OR_RETURN(TemplateChoice description, TemplateChoice::Parse(options));
  const std::string url = absl::StrCat(absl::StripSuffix(options.url, "/"), "/services/data/", options.api_version,
                                       "/sobjects/Task");
  return std::unique_ptr<SalesforceDestination>(
      new SalesforceDestination(url, std::move(token), std::move(description), std::move(http), clock));
}

DeliveryResult SalesforceDestination::Deliver(const core::Insight& insight, const core::Delivery& delivery,
                                              int /*attempt*/) {
  if (!IsSalesforceId(insight.account_id)) {
    DeliveryResult result;
    result.outcome = DeliveryResult::Outcome::kReject;
    result.error = absl::StrCat("account id \"", insight.account_id,
                                "\" is not a Salesforce Account id (15 or 18 letters and digits)");
    return result;
  }
  const InsightSummary summary = SummarizeInsight(insight);
  std::string subject = absl::StrCat("Debrief: ", summary.title);
  if (subject.size() > kSubjectMax) subject.resize(kSubjectMax);
  const PayloadTemplate* chosen = description_.For(delivery);
  const std::string description = chosen != nullptr ? chosen->Render(insight, delivery, SummaryText(summary), Plain)
                                                     : absl::StrCat(SummaryText(summary), "\n\nDebrief insight ",
                                                                    insight.insight_id);
  const nlohmann::json task = {
      {"WhatId", insight.account_id},
      {"Subject", subject},
      {"Description", description},
      {"Status", "Completed"},
      {"ActivityDate", absl::FormatTime("%Y-%m-%d", insight.created_at, absl::UTCTimeZone())}};
  HttpRequest request;
  request.url = task_url_;
  request.headers = {{"Authorization", absl::StrCat("Bearer ", token_)}, {"Content-Type", "application/json"}};
  request.body = task.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return SendDelivery(*http_, request, clock_.Now(), {token_});
}

}  // namespace debrief::routing
