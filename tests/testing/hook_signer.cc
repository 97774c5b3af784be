#include "tests/testing/hook_signer.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tests/testing/test_env.h"

namespace debrief::testing {
namespace {

std::string Hmac(const EVP_MD* md, absl::string_view key, absl::string_view data) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(md, key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac, &length);
  return std::string(reinterpret_cast<char*>(mac), length);
}

}  // namespace

std::string HmacSha1(absl::string_view key, absl::string_view data) {
  return Hmac(EVP_sha1(), key, data);
}

std::string HmacSha256Raw(absl::string_view key, absl::string_view data) {
  return Hmac(EVP_sha256(), key, data);
}

std::map<std::string, std::string> HookHeaders(absl::string_view vendor, absl::string_view body,
                                               absl::string_view secret, absl::Time sent_at,
                                               absl::string_view delivery_id) {
  std::map<std::string, std::string> headers = {{"Content-Type", "application/json"}};
  const std::string seconds = absl::StrCat(absl::ToUnixSeconds(sent_at));
  const std::string id(delivery_id);
  if (vendor == "zendesk") {
    const std::string stamp = absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", sent_at, absl::UTCTimeZone());
    headers["X-Zendesk-Webhook-Signature-Timestamp"] = stamp;
    headers["X-Zendesk-Webhook-Signature"] =
        absl::Base64Escape(HmacSha256Raw(secret, absl::StrCat(stamp, body)));
    headers["X-Zendesk-Webhook-Invocation-Id"] = id;
    headers["X-Zendesk-Account-Id"] = "22129848";
  } else if (vendor == "freshdesk") {
    headers["Authorization"] = absl::StrCat("Basic ", absl::Base64Escape(absl::StrCat("debrief:", secret)));
  } else if (vendor == "zammad") {
    headers["X-Hub-Signature"] = absl::StrCat("sha1=", absl::BytesToHexString(HmacSha1(secret, body)));
    headers["X-Zammad-Delivery"] = id;
    headers["X-Zammad-Trigger"] = "Debrief on close";
  } else if (vendor == "chatwoot") {
    headers["X-Chatwoot-Timestamp"] = seconds;
    headers["X-Chatwoot-Signature"] = absl::StrCat(
        "sha256=", absl::BytesToHexString(HmacSha256Raw(secret, absl::StrCat(seconds, ".", body))));
    headers["X-Chatwoot-Delivery"] = id;
  } else if (vendor == "intercom") {
    headers["X-Hub-Signature"] = absl::StrCat("sha1=", absl::BytesToHexString(HmacSha1(secret, body)));
  } else if (vendor == "helpscout") {
    headers["X-HelpScout-Signature"] = absl::Base64Escape(HmacSha1(secret, body));
    headers["X-HelpScout-Event"] = "convo.status";
  } else if (vendor == "jira_sm") {
    headers["X-Hub-Signature"] =
        absl::StrCat("sha256=", absl::BytesToHexString(HmacSha256Raw(secret, body)));
    headers["X-Atlassian-Webhook-Identifier"] = id;
  } else if (vendor == "front") {
    const std::string millis = absl::StrCat(absl::ToUnixMillis(sent_at));
    headers["X-Front-Request-Timestamp"] = millis;
    headers["X-Front-Signature"] =
        absl::Base64Escape(HmacSha256Raw(secret, absl::StrCat(millis, ":", body)));
  } else if (vendor == "generic") {
    absl::string_view encoded = secret;
    if (absl::StartsWith(encoded, "whsec_")) encoded.remove_prefix(6);
    std::string key;
    absl::Base64Unescape(encoded, &key);
    headers["webhook-id"] = id;
    headers["webhook-timestamp"] = seconds;
    headers["webhook-signature"] = absl::StrCat(
        "v1,", absl::Base64Escape(HmacSha256Raw(key, absl::StrCat(id, ".", seconds, ".", body))));
  }
  return headers;
}

std::string HookPayload(absl::string_view vendor, absl::string_view file) {
  return ReadFile(absl::StrCat(SourceDir(), "/tests/testdata/hooks/", vendor, "/", file));
}

}  // namespace debrief::testing
