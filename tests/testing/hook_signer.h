// Signs webhook bodies the way each helpdesk does (reference/helpdesk-webhooks.md §5), with
// OpenSSL directly rather than server/ingest/signature.cc, so tests check the server
// against the vendors' documented schemes and not against itself.
//
//   std::map<std::string, std::string> headers =
//       HookHeaders("zendesk", body, "secret", absl::Now(), "delivery-1");
#ifndef DEBRIEF_TESTS_TESTING_HOOK_SIGNER_H_
#define DEBRIEF_TESTS_TESTING_HOOK_SIGNER_H_

#include <map>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace debrief::testing {

// Every vendor Debrief takes webhooks from.
inline constexpr const char* kHookVendors[] = {"zendesk", "freshdesk", "zammad",
                                               "chatwoot", "intercom", "helpscout",
                                               "jira_sm",  "front",    "generic"};

// The vendors whose signature scheme signs a timestamp.
inline constexpr const char* kTimestampedVendors[] = {"zendesk", "chatwoot", "front", "generic"};

// Raw HMAC-SHA1 / HMAC-SHA256 of `data` under `key`.
std::string HmacSha1(absl::string_view key, absl::string_view data);
std::string HmacSha256Raw(absl::string_view key, absl::string_view data);

// The headers `vendor` sends with `body` at `sent_at`, signed with `secret` (for freshdesk:
// basic auth as user "debrief" with password `secret`; for generic: a "whsec_" secret),
// carrying `delivery_id` where the vendor sends one in a header. Includes Content-Type.
std::map<std::string, std::string> HookHeaders(absl::string_view vendor, absl::string_view body,
                                               absl::string_view secret, absl::Time sent_at,
                                               absl::string_view delivery_id);

// The test payload of `vendor` (tests/testdata/hooks/<vendor>/close.json).
std::string HookPayload(absl::string_view vendor, absl::string_view file = "close.json");

}  // namespace debrief::testing

#endif  // DEBRIEF_TESTS_TESTING_HOOK_SIGNER_H_
