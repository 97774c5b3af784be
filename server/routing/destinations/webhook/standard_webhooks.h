// Standard Webhooks signing (https://www.standardwebhooks.com): `webhook-signature` is a
// space-separated list of "v1,<base64 HMAC-SHA256 of id.timestamp.body>", one per
// secret, so a receiver holding either key verifies during a rotation. Secrets are
// "whsec_" + base64 of the key bytes.
#ifndef DEBRIEF_SERVER_ROUTING_DESTINATIONS_WEBHOOK_STANDARD_WEBHOOKS_H_
#define DEBRIEF_SERVER_ROUTING_DESTINATIONS_WEBHOOK_STANDARD_WEBHOOKS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace debrief::routing {

// The key bytes of a "whsec_<base64>" secret (the prefix is optional). INVALID_ARGUMENT
// when the rest is not base64 or is empty; the message never holds the secret.
absl::StatusOr<std::string> DecodeSigningSecret(absl::string_view secret);

// The webhook-signature header value for `keys` (decoded key bytes).
std::string StandardWebhookSignature(const std::vector<std::string>& keys, absl::string_view id,
                                     int64_t timestamp_seconds, absl::string_view body);

}  // namespace debrief::routing

#endif  // DEBRIEF_SERVER_ROUTING_DESTINATIONS_WEBHOOK_STANDARD_WEBHOOKS_H_
