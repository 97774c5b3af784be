// The helpdesks that may call POST /v1/hooks/{source} (`sources:` section): one entry per
// helpdesk instance, keyed by the name used in the URL. Each names its vendor, how its
// webhooks authenticate (secrets are SecretRefs, several per source for rotation), how its
// payload maps onto the normalized ticket, and optionally the vendor API used to fetch
// what thin webhooks leave out and to write suggestions back.
//
//   sources:
//     zendesk:
//       secrets: [{env: ZENDESK_WEBHOOK_SECRET}]
//       api: {base_url: "https://acme.zendesk.com", username: "bot@acme.com/token",
//             secret: {env: ZENDESK_API_TOKEN}}
#ifndef DEBRIEF_SERVER_CONFIG_SOURCES_OPTIONS_H_
#define DEBRIEF_SERVER_CONFIG_SOURCES_OPTIONS_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "server/config/secret.h"

namespace debrief::config {

// Requests a source may make; beyond the burst, requests get 429 with Retry-After.
struct RateLimitOptions {
  // Sustained requests per second. Default 20.
  double requests_per_second = 20;
  // Requests allowed at once above the sustained rate. Default 100.
  int burst = 100;
};

// The vendor's REST API, for enrichment (thin payloads) and write-back.
struct ApiOptions {
  // Base URL, e.g. "https://acme.zendesk.com" or "https://api.helpscout.net". Empty means no
  // API: thin payloads are recorded as partial tickets and nothing is written back.
  std::string base_url = "";
  // How requests authenticate: "basic" (username + secret), "bearer" (secret is an OAuth
  // token) or "token" (the vendor's own token header: Zammad `Token token=`). Default "basic".
  std::string auth = "basic";
  // Basic-auth user name (Zendesk: "agent@example.com/token"). Default empty.
  std::string username = "";
  // The API token, password or OAuth token.
  SecretRef secret = {};
  // Time to establish a connection. Default 2s.
  absl::Duration connect_timeout = absl::Seconds(2);
  // Time for one whole request, connection included. Default 10s.
  absl::Duration timeout = absl::Seconds(10);
  // Pages of comments/articles fetched at most per ticket. Default 10.
  int max_pages = 10;
};

// Writing suggestions back into the helpdesk, through `api`. It only ever adds: it never
// removes or replaces a tag or a field value a human set.
struct WriteBackOptions {
  // Off by default.
  bool enabled = false;
  // "note": an internal note with the suggested tags and the escalation; "field": the
  // suggestions into custom fields (only while empty or still holding Debrief's own value).
  // Default "note".
  std::string mode = "note";
  // mode field: the custom field (Zendesk field id, Zammad attribute name) for the
  // suggested tags.
  std::string tags_field = "";
  // mode field: the custom field for the escalation (optional).
  std::string escalation_field = "";
};

// One helpdesk instance.
struct SourceOptions {
  // The key in `sources:`; the {source} of POST /v1/hooks/{source}.
  std::string name = "";
  // zendesk, freshdesk, zammad, chatwoot, intercom, helpscout, jira_sm, front or generic.
  // Default: the source name.
  std::string vendor = "";
  // The tenant recorded on tickets (subdomain, base URL). Default: taken from the payload
  // where the vendor sends one, else empty.
  std::string tenant = "";
  // How webhooks authenticate: "signature" (the vendor's HMAC scheme), "basic" (HTTP basic
  // auth; the secrets are passwords) or "token" (a shared token in `token_header` or the
  // `token` query parameter). Default "signature" ("basic" for freshdesk, which cannot sign).
  std::string auth = "";
  // Signing keys, passwords or tokens; any one matching is accepted (rotation). Required.
  std::vector<SecretRef> secrets = {};
  // auth basic: the user name the helpdesk sends. Default "debrief".
  std::string basic_username = "debrief";
  // auth token: the header carrying the token. Default "X-Debrief-Token".
  std::string token_header = "X-Debrief-Token";
  // Front only: "app" (application webhooks, HMAC-SHA256 with timestamp) or "rule" (rule
  // webhooks, HMAC-SHA1 of the body). Default "app".
  std::string signature = "app";
  // How far a signed timestamp may be from now, either way (schemes with a timestamp).
  // Default 5m.
  absl::Duration timestamp_tolerance = absl::Minutes(5);
  // Largest webhook body, in bytes (at most server.max_http_body_bytes). Default 1 MiB.
  int64_t max_body_bytes = 1 << 20;
  // How long a delivery id is remembered, so re-deliveries within the vendor's retry
  // horizon are answered from the record. Default 7d.
  absl::Duration dedupe_horizon = absl::Hours(24 * 7);
  // Per-source request rate limit.
  RateLimitOptions rate_limit = {};
  // Normalized field -> JSON pointer into the payload ("account.id":
  // "/ticket/organization/external_id"); overrides the vendor's default mapping. Targets:
  // see docs/HELPDESKS.md.
  std::map<std::string, std::string> field_map = {};
  // Vendor custom field id -> label used as the key in the ticket's custom_fields.
  std::map<std::string, std::string> custom_field_labels = {};
  // The vendor's REST API (enrichment and write-back).
  ApiOptions api = {};
  // Suggestions written back to the helpdesk.
  WriteBackOptions write_back = {};
};

struct SourcesOptions {
  // Sources by name, in file order. Default: none (every webhook gets 404).
  std::vector<SourceOptions> sources = {};
};

}  // namespace debrief::config

#endif  // DEBRIEF_SERVER_CONFIG_SOURCES_OPTIONS_H_
