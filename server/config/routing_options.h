// Where insights go (`destinations:` and `routes:` sections). A destination is one
// receiving system (a signed webhook, a Slack webhook, Jira, HubSpot, Salesforce, a NATS
// JetStream subject, a JSON-lines file) with its delivery policy; a route picks insights
// by audience, kind and filters and sends them to one destination. Secrets (signing keys,
// tokens, Slack webhook URLs) are SecretRefs, resolved when the destination is built.
//
//   destinations:
//     cs_platform: {kind: webhook, url: "https://cs.example.com/hooks/debrief",
//                   secrets: [{env: DEBRIEF_CS_WEBHOOK_SECRET}]}
//   routes:
//     - {name: risk_to_success, audience: success, kinds: [renewal_risk_changed],
//        filters: {min_arr: 50000}, destination: cs_platform}
#ifndef DEBRIEF_SERVER_CONFIG_ROUTING_OPTIONS_H_
#define DEBRIEF_SERVER_CONFIG_ROUTING_OPTIONS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "server/config/secret.h"

namespace debrief::config {

// When failed deliveries are tried again. A delivery answered 429, 5xx, 408 or not at all
// is retried after schedule[attempt-1] (± jitter; the last entry repeats once the
// schedule is exhausted), or after the receiver's Retry-After when that is longer; it is
// dead-lettered once `horizon` has passed since it was queued.
struct RetryOptions {
  // Delays after the 1st, 2nd, ... failed attempt. Default the Svix schedule: 5s, 5m, 30m,
  // 2h, 5h, 10h, 10h (8 attempts in the first 27.6 h), then every 10h.
  std::vector<absl::Duration> schedule = {absl::Seconds(5), absl::Minutes(5), absl::Minutes(30),
                                          absl::Hours(2),   absl::Hours(5),   absl::Hours(10),
                                          absl::Hours(10)};
  // Each delay is scaled by a uniform factor in [1 - jitter, 1 + jitter]. Default 0.2.
  double jitter = 0.2;
  // Upper bound of a scheduled delay (a longer Retry-After is still honoured); 5m suits
  // sinks you own. Default 10h.
  absl::Duration max_delay = absl::Hours(10);
  // Age after which an undelivered insight is dead-lettered. Default 72h.
  absl::Duration horizon = absl::Hours(72);

  bool operator==(const RetryOptions&) const = default;
};

// Stops sending to a failing destination (Convoy's breaker): it opens when at least
// `minimum_requests` attempts in `window` failed at a rate of `failure_ratio` or more;
// after `open_for` one probe is let through (half-open), and its success closes it.
struct CircuitBreakerOptions {
  // Default 10.
  int minimum_requests = 10;
  // In (0, 1]. Default 0.7.
  double failure_ratio = 0.7;
  // Default 5m.
  absl::Duration window = absl::Minutes(5);
  // Default 30s.
  absl::Duration open_for = absl::Seconds(30);

  bool operator==(const CircuitBreakerOptions&) const = default;
};

// A route's own payload template, kept with the destination it renders for.
struct RouteTemplate {
  // The route's name.
  std::string route;
  // Its key, for errors ("routes[2].template").
  std::string path;
  std::string text;

  bool operator==(const RouteTemplate&) const = default;
};

// One receiving system.
struct DestinationOptions {
  // The key in `destinations:`.
  std::string name = "";
  // webhook, slack, jira, hubspot, salesforce, nats or jsonl.
  std::string kind = "";
  // False: the destination is not built (its secrets need not be set) and routes to it
  // are inactive (nothing queues for it). Default true.
  bool enabled = true;
  // http(s) URL (webhook; jira: the site, https://acme.atlassian.net; hubspot: the API base,
  // default https://api.hubapi.com; salesforce: the instance URL,
  // https://acme.my.salesforce.com), or nats://host:port.
  std::string url = "";
  // webhook: Standard Webhooks signing secrets ("whsec_" + base64); several while rotating.
  std::vector<SecretRef> secrets = {};
  // slack: the incoming-webhook URL (it is a credential); jira: "email:api_token" (Basic
  // auth); hubspot: a private-app token; salesforce: an OAuth access token (both Bearer).
  SecretRef secret = {};
  // jsonl: the file appended to.
  std::string path = "";
  // nats: the subject published to.
  std::string subject = "";
  // jira: the project key issues are created in (e.g. "OPS"). Required for jira.
  std::string project = "";
  // jira: the issue type name of created issues. Default "Task".
  std::string issue_type = "Task";
  // salesforce: the REST API version in the path. Default "v59.0".
  std::string api_version = "v59.0";
  // slack, hubspot, salesforce (YAML key `template`): the text of the Slack section, the
  // HubSpot note body or the Salesforce Task description, with placeholders {insight.kind},
  // {insight.insight_id}, {insight.account_id}, {insight.ticket_id}, {insight.audience},
  // {insight.created_at}, {body.<field>[.<field>...]} (a field of the redacted body),
  // {extra.<field>} (a route extra field), {summary} (the default text); "{{" is a literal
  // "{". Checked when the destination is built. Default empty: the default text.
  std::string template_text = "";
  // Filled from the routes to this destination that set `template`; a delivery renders
  // with its route's template when it has one. Not read from YAML.
  std::vector<RouteTemplate> route_templates = {};
  // Deliveries in flight at once. Default 4 (slack: 1).
  int concurrency = 4;
  // Deliveries per second at most; 0 means no limit. Default 0 (slack: 1, and at most 1:
  // Slack accepts one message per second per incoming webhook).
  double max_per_second = 0;
  // Time to connect. Default 2s.
  absl::Duration connect_timeout = absl::Seconds(2);
  // Time for one whole delivery. Default 15s.
  absl::Duration timeout = absl::Seconds(15);
  RetryOptions retry;
  CircuitBreakerOptions circuit_breaker;

  bool operator==(const DestinationOptions&) const = default;
};

// Which insights a route takes; every set filter must hold.
struct RouteFilters {
  // Lowest escalation level (none, monitor, escalate, urgent); empty: any.
  std::string min_level = "";
  // Account segments; empty: any.
  std::vector<std::string> segments = {};
  // Lowest account ARR in major units of its currency; 0: any.
  int64_t min_arr = 0;
  // Tags the ticket must carry (helpdesk or suggested), any of them; empty: any.
  std::vector<std::string> tags = {};
  // Competitors one of which must be mentioned; empty: any.
  std::vector<std::string> competitors = {};

  bool operator==(const RouteFilters&) const = default;
};

// One route.
struct RouteOptions {
  // Unique; used in logs and metrics.
  std::string name = "";
  // success, product, sales, engineering or support; empty: any audience.
  std::string audience = "";
  // Insight kinds; empty: every kind.
  std::vector<std::string> kinds = {};
  RouteFilters filters;
  // A key of `destinations:`.
  std::string destination = "";
  // Ticket fields the delivery may carry beyond the redacted body: ticket_url, subject,
  // requester_email, assignee_email. Subject and e-mails are unredacted personal data.
  // Default none.
  std::vector<std::string> extra_fields = {};
  // slack, hubspot and salesforce destinations: the payload template for this route's
  // deliveries (the placeholders of the destination's `template`), overriding the
  // destination's own. Empty: the destination's template or its default layout.
  std::string template_text = "";

  bool operator==(const RouteOptions&) const = default;
};

struct RoutingOptions {
  std::vector<DestinationOptions> destinations;
  std::vector<RouteOptions> routes;

  bool operator==(const RoutingOptions&) const = default;
};

}  // namespace debrief::config

#endif  // DEBRIEF_SERVER_CONFIG_ROUTING_OPTIONS_H_
