// The Salesforce destination: each insight is logged as a completed Task on the Account
// (the documented way to put an activity on the account timeline) —
// POST {url}/services/data/{api_version}/sobjects/Task with Bearer auth (an OAuth access
// token in `secret`), body {WhatId: <account id>, Subject, Description, Status:
// "Completed", ActivityDate}. The account id must be the Salesforce Account id (15 or 18
// letters and digits, as `debriefd accounts import` of a Salesforce export keys accounts);
// other insights are dead-lettered. Description is the insight summary or the `template`.
#ifndef DEBRIEF_SERVER_ROUTING_DESTINATIONS_SALESFORCE_SALESFORCE_DESTINATION_H_
#define DEBRIEF_SERVER_ROUTING_DESTINATIONS_SALESFORCE_SALESFORCE_DESTINATION_H_

#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "server/common/clock.h"
#include "server/config/routing_options.h"
#include "server/routing/destination.h"
#include "server/routing/http_transport.h"
#include "server/routing/payload_template.h"

namespace debrief::routing {

// Thread-safe.
class SalesforceDestination final : public Destination {
 public:
  // Resolves the token and parses the template. NOT_FOUND naming the env var or file when
  // the token is missing; INVALID_ARGUMENT naming destinations.<name>.template when invalid.
  static absl::StatusOr<std::unique_ptr<SalesforceDestination>> Create(
      const config::DestinationOptions& options, std::unique_ptr<HttpTransport> http,
      const common::Clock& clock);

  DeliveryResult Deliver(const core::Insight& insight, const core::Delivery& delivery,
                         int attempt) override;

 private:
  SalesforceDestination(std::string task_url, std::string token, TemplateChoice description,
                        std::unique_ptr<HttpTransport> http, const common::Clock& clock)
      : task_url_(std::move(task_url)),
        token_(std::move(token)),
        description_(std::move(description)),
        http_(std::move(http)),
        clock_(clock) {}

  const std::string task_url_;
  const std::string token_;
  const TemplateChoice description_;
  const std::unique_ptr<HttpTransport> http_;
  const common::Clock& clock_;
};

}  // namespace debrief::routing

#endif  // DEBRIEF_SERVER_ROUTING_DESTINATIONS_SALESFORCE_SALESFORCE_DESTINATION_H_
