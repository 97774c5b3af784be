#include "server/routing/destinations/webhook/standard_webhooks.h"

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "server/common/ids.h"

namespace debrief::routing {

absl::StatusOr<std::string> DecodeSigningSecret(absl::string_view secret) {
  absl::ConsumePrefix(&secret, "whsec_");
  std::string key;
  if (secret.empty() || !absl::Base64Unescape(secret, &key) || key.empty()) {
    return absl::InvalidArgumentError("a signing secret must be \"whsec_\" followed by base64");
  }
  return key;
}

std::string StandardWebhookSignature(const std::vector<std::string>& keys, absl::string_view id,
                                     int64_t timestamp_seconds, absl::string_view body) {
  const std::string signed_content = absl::StrCat(id, ".", timestamp_seconds, ".", body);
  std::string header;
  for (const std::string& key : keys) {
    if (!header.empty()) header += " ";
    absl::StrAppend(&header, "v1,", absl::Base64Escape(common::HmacSha256(key, signed_content)));
  }
  return header;
}

}  // namespace debrief::routing
