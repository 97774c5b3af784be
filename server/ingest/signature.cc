#include "server/ingest/signature.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstdlib>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/strings/str_split.h"
#include "server/common/ids.h"
#include "server/ingest/payload.h"

namespace debrief::ingest {
namespace {

absl::Status Unauthenticated(absl::string_view header, absl::string_view problem) {
  return absl::UnauthenticatedError(absl::StrCat(header, ": ", problem));
}

// Decodes one encoded MAC; nullopt when it is not valid in `encoding`.
std::optional<std::string> DecodeMac(MacEncoding encoding, absl::string_view text) {
  std::string raw;
  if (encoding == MacEncoding::kHex) {
    if (text.size() % 2 != 0) return std::nullopt;
    for (const char c : text) {
      if (!absl::ascii_isxdigit(c)) return std::nullopt;
    }
    raw = absl::HexStringToBytes(text);
  } else if (!absl::Base64Unescape(text, &raw)) {
    return std::nullopt;
  }
  return raw;
}

// The time in `value`, written in `format`.
absl::StatusOr<absl::Time> ParseTimestamp(TimestampFormat format, absl::string_view value) {
  if (format == TimestampFormat::kRfc3339) return ParseRfc3339(value);
  int64_t number = 0;
  if (!absl::SimpleAtoi(value, &number) || number < 0 || number > 253402300799000) {
    return absl::InvalidArgumentError("is not a Unix timestamp");
  }
  return format == TimestampFormat::kUnixMillis ? absl::FromUnixMillis(number)
                                                : absl::FromUnixSeconds(number);
}

std::string DescribeDuration(absl::Duration duration) {
  if (duration >= absl::Hours(48)) return absl::StrCat(absl::ToInt64Hours(duration) / 24, "d");
  if (duration >= absl::Hours(2)) return absl::StrCat(absl::ToInt64Hours(duration), "h");
  if (duration >= absl::Minutes(2)) return absl::StrCat(absl::ToInt64Minutes(duration), "m");
  return absl::StrCat(absl::ToInt64Seconds(duration), "s");
}

}  // namespace

std::string ComputeMac(MacAlgorithm algorithm, absl::string_view key, absl::string_view data) {
  std::string mac(EVP_MAX_MD_SIZE, '\0');
  unsigned int length = 0;
  HMAC(algorithm == MacAlgorithm::kSha1 ? EVP_sha1() : EVP_sha256(), key.data(),
       static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
       data.size(), reinterpret_cast<unsigned char*>(mac.data()), &length);
  mac.resize(length);
  return mac;
}

bool ConstantTimeEquals(absl::string_view a, absl::string_view b) {
  // Comparing digests makes the time independent of the lengths too.
  const std::string da = common::Sha256(a);
  const std::string db = common::Sha256(b);
  return CRYPTO_memcmp(da.data(), db.data(), da.size()) == 0;
}

absl::Status VerifySignature(const SignatureScheme& scheme, const HookRequest& request,
                             const std::vector<std::string>& secrets, absl::Time now,
                             absl::Duration tolerance) {
  const absl::string_view header = request.Header(scheme.signature_header);
  if (header.empty()) return Unauthenticated(scheme.signature_header, "is missing");

  if (!scheme.timestamp_header.empty()) {
    const absl::string_view stamp = request.Header(scheme.timestamp_header);
    if (stamp.empty()) return Unauthenticated(scheme.timestamp_header, "is missing");
    absl::StatusOr<absl::Time> sent = ParseTimestamp(scheme.timestamp_format, stamp);
    if (!sent.ok()) return Unauthenticated(scheme.timestamp_header, sent.status().message());
    const absl::Duration skew = absl::AbsDuration(now - *sent);
    if (skew > tolerance) {
      return Unauthenticated(
          scheme.timestamp_header,
          absl::StrCat("is ", DescribeDuration(skew), *sent < now ? " old" : " in the future",
                       "; signatures are accepted within ", DescribeDuration(tolerance),
                       " (replayed or clock skew)"));
    }
  }

  std::string signed_bytes;
  for (const std::string& name : scheme.signed_headers) {
    const absl::string_view value = request.Header(name);
    if (value.empty()) return Unauthenticated(name, "is missing");
    absl::StrAppend(&signed_bytes, value, scheme.separator);
  }
  absl::StrAppend(&signed_bytes, request.body);

  std::vector<std::string> candidates;
  const std::vector<absl::string_view> values =
      scheme.signature_list
          ? std::vector<absl::string_view>(absl::StrSplit(header, ' ', absl::SkipEmpty()))
          : std::vector<absl::string_view>{absl::StripAsciiWhitespace(header)};
  for (absl::string_view value : values) {
    if (!absl::ConsumePrefix(&value, scheme.prefix)) continue;
    std::optional<std::string> mac = DecodeMac(scheme.encoding, value);
    if (mac.has_value()) candidates.push_back(std::move(*mac));
  }
  if (candidates.empty()) {
    return Unauthenticated(
        scheme.signature_header,
        absl::StrCat("is malformed (expected ", scheme.prefix.empty() ? "" : scheme.prefix,
                     scheme.encoding == MacEncoding::kHex ? "hex" : "base64", " HMAC-",
                     scheme.algorithm == MacAlgorithm::kSha1 ? "SHA1" : "SHA256", ")"));
  }

  bool matched = false;
  for (const std::string& secret : secrets) {
    std::string key = secret;
    if (scheme.base64_secrets) {
      absl::string_view encoded = secret;
      absl::ConsumePrefix(&encoded, "whsec_");
      if (!absl::Base64Unescape(encoded, &key)) continue;
    }
    const std::string expected = ComputeMac(scheme.algorithm, key, signed_bytes);
    // Every candidate is compared with every secret, so the time does not depend on which
    // one matches.
    for (const std::string& candidate : candidates) {
      matched = ConstantTimeEquals(candidate, expected) || matched;
    }
  }
  if (!matched) {
    return Unauthenticated(scheme.signature_header, "does not match any configured secret");
  }
  return absl::OkStatus();
}

}  // namespace debrief::ingest
