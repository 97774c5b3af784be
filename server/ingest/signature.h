// Webhook signature verification, one data-driven scheme per vendor
// (reference/helpdesk-webhooks.md §5): the MAC is computed over the raw body bytes (with
// signed header values such as a timestamp in front), compared in constant time against
// every configured secret (rotation), and the signed timestamp, where the scheme has one,
// must be within the tolerance of now.
//
//   const SignatureScheme zammad = {.signature_header = "X-Hub-Signature", .prefix = "sha1=",
//                                   .algorithm = MacAlgorithm::kSha1,
//                                   .encoding = MacEncoding::kHex};
//   absl::Status ok = VerifySignature(zammad, request, secrets, clock.Now(), absl::Minutes(5));
#ifndef DEBRIEF_SERVER_INGEST_SIGNATURE_H_
#define DEBRIEF_SERVER_INGEST_SIGNATURE_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "server/ingest/hook_request.h"

namespace debrief::ingest {

enum class MacAlgorithm { kSha1, kSha256 };
enum class MacEncoding { kHex, kBase64 };

// How a signed timestamp header is written.
enum class TimestampFormat {
  // The scheme signs no timestamp (no replay window; dedupe covers re-deliveries).
  kNone,
  kUnixSeconds,
  kUnixMillis,
  // ISO 8601 / RFC 3339 ("2024-04-17T17:18:10Z").
  kRfc3339,
};

// One vendor's signature scheme. Value type.
struct SignatureScheme {
  // Header carrying the signature, e.g. "X-Hub-Signature".
  std::string signature_header = "";
  // Text before the encoded MAC ("sha1=", "sha256=", "v1,"); empty when none.
  std::string prefix = "";
  MacAlgorithm algorithm = MacAlgorithm::kSha256;
  MacEncoding encoding = MacEncoding::kBase64;
  // Headers whose values are signed before the body, in order, each followed by
  // `separator` (Zendesk: timestamp; Standard Webhooks: id, then timestamp).
  std::vector<std::string> signed_headers = {};
  std::string separator = "";
  // The header holding the signed timestamp; empty when the scheme has none.
  std::string timestamp_header = "";
  TimestampFormat timestamp_format = TimestampFormat::kNone;
  // The header holds several space-separated signatures, any of which may match
  // (Standard Webhooks).
  bool signature_list = false;
  // Secrets are written "whsec_<base64>" and the key is the decoded bytes
  // (Standard Webhooks).
  bool base64_secrets = false;
};

// Verifies `request` under `scheme` with any of `secrets`. UNAUTHENTICATED with a message
// naming the header when the signature is missing, malformed or matches no secret, or when
// the timestamp is missing, unreadable or further than `tolerance` from `now`. Never puts
// a secret or a computed MAC in the message.
absl::Status VerifySignature(const SignatureScheme& scheme, const HookRequest& request,
                             const std::vector<std::string>& secrets, absl::Time now,
                             absl::Duration tolerance);

// The raw MAC of `data` under `key`.
std::string ComputeMac(MacAlgorithm algorithm, absl::string_view key, absl::string_view data);

// True when `a` and `b` are equal, in time independent of where they differ and of their
// lengths.
bool ConstantTimeEquals(absl::string_view a, absl::string_view b);

}  // namespace debrief::ingest

#endif  // DEBRIEF_SERVER_INGEST_SIGNATURE_H_
