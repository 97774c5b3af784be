// Identifiers and digests: SHA-256, stable ids derived from a key (same key, same id,
// across restarts and replicas), and time-ordered random ids (ULID layout).
//
//   std::string decision = StableId("dcl", idempotency_key);   // "dcl_01J9..." (26 chars after _)
//   std::string suggestion = NewId("dsg", clock, random);
#ifndef DEBRIEF_SERVER_COMMON_IDS_H_
#define DEBRIEF_SERVER_COMMON_IDS_H_

#include <string>
#include <string_view>

#include "absl/strings/string_view.h"
#include "server/common/clock.h"

namespace debrief::common {

// Lowercase hex SHA-256 of `data`.
std::string Sha256Hex(absl::string_view data);

// Raw 32-byte SHA-256 of `data`.
std::string Sha256(absl::string_view data);

// Raw 32-byte HMAC-SHA256 of `data` under `key`.
std::string HmacSha256(absl::string_view key, absl::string_view data);

// `prefix` + "_" + 26 Crockford base32 characters of SHA-256(`key`). Deterministic.
std::string StableId(absl::string_view prefix, absl::string_view key);

// `prefix` + "_" + a ULID (48-bit millisecond time, 80 random bits) in Crockford base32;
// ids sort by creation time.
std::string NewId(absl::string_view prefix, const Clock& clock, Random& random);

// Returns true if `text` is well-formed UTF-8 (no overlongs, surrogates or values above
// U+10FFFF).
bool IsValidUtf8(absl::string_view text);

}  // namespace debrief::common

#endif  // DEBRIEF_SERVER_COMMON_IDS_H_
