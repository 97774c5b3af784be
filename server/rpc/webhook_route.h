// POST /v1/hooks/{source}: helpdesk webhooks in. In order, and before anything is written:
// the source must be configured (404), within its rate limit (429 + Retry-After), its body
// within sources.<name>.max_body_bytes (413) and JSON (415), and authenticated over the raw
// bytes (401, logged with the delivery id, never the secret). Then the vendor adapter
// normalizes it (400 naming the field); events that do not close a ticket are answered 200
// "ignored"; a close is validated like any ticket and accepted durably into the webhook
// inbox before the answer (202), so the vendor's timeout never waits on enrichment or
// analysis. A re-delivery gets 200 with the recorded result; only when the inbox cannot
// commit is the vendor told to retry (503 + Retry-After). Every answer is JSON.
#ifndef DEBRIEF_SERVER_RPC_WEBHOOK_ROUTE_H_
#define DEBRIEF_SERVER_RPC_WEBHOOK_ROUTE_H_

#include <functional>
#include <string>

#include "absl/status/status.h"
#include "httplib.h"
#include "server/common/clock.h"
#include "server/common/metrics.h"
#include "server/common/snapshot.h"
#include "server/config/server_options.h"
#include "server/core/webhook_inbox.h"
#include "server/ingest/source_registry.h"
#include "server/rpc/admission.h"
#include "server/rpc/http_server.h"

namespace debrief::rpc {

// Thread-safe. Every reference must outlive it (and the server it is registered on).
class WebhookRoute {
 public:
  // `accepted` is called (without blocking) after a new delivery is in the inbox.
  WebhookRoute(const common::Snapshot<ingest::SourceRegistry>& sources, core::WebhookInbox& inbox,
               Admission& admission, const config::LimitsOptions& limits,
               const common::Clock& clock, common::MetricsRegistry& metrics,
               std::function<void()> accepted);

  // Adds the route to `server` (before it starts).
  void Register(HttpServer& server);

  // Answers one request.
  void Handle(const httplib::Request& request, httplib::Response& response);

 private:
  void Reject(httplib::Response& response, const std::string& source, absl::string_view outcome,
              int http_status, const absl::Status& status);
  void Answer(httplib::Response& response, const std::string& source, absl::string_view outcome,
              int http_status, const std::string& json);

  const common::Snapshot<ingest::SourceRegistry>& sources_;
  core::WebhookInbox& inbox_;
  Admission& admission_;
  const config::LimitsOptions limits_;
  const common::Clock& clock_;
  common::CounterFamily& requests_;
  const std::function<void()> accepted_;
};

}  // namespace debrief::rpc

#endif  // DEBRIEF_SERVER_RPC_WEBHOOK_ROUTE_H_
