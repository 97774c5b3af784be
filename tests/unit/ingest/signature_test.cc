#include "server/ingest/signature.h"

#include "absl/strings/match.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/ingest/source_registry.h"

namespace debrief::ingest {
namespace {

using ::testing::HasSubstr;

const absl::Time kNow = absl::FromUnixSeconds(1713374290);  // 2024-04-17T17:18:10Z

SignatureScheme Scheme(absl::string_view vendor, absl::string_view variant = "") {
  return *MakeAdapter(vendor)->signature_scheme(variant);
}

HookRequest Request(absl::string_view body, std::map<std::string, std::string> headers) {
  HookRequest request;
  request.body = body;
  for (const auto& [name, value] : headers) request.SetHeader(name, value);
  return request;
}

TEST(SignatureTest, AcceptsZendeskKnownAnswerComputedOutsideDebrief) {
  // base64(HMAC-SHA256(secret, timestamp + body)), computed with Python's hmac module.
  const HookRequest request =
      Request(R"({"a":1})", {{"X-Zendesk-Webhook-Signature-Timestamp", "2024-04-17T17:18:10Z"},
                             {"X-Zendesk-Webhook-Signature",
                              "MXtuhLwk+1QqKCoP4hNyn9HlCTQPH5uxlqbG/Lp8s7E="}});
  EXPECT_TRUE(VerifySignature(Scheme("zendesk"), request,
                              {"dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ=="}, kNow,
                              absl::Minutes(5))
                  .ok());
}

TEST(SignatureTest, AcceptsStandardWebhooksSpecExample) {
  // The example of the Standard Webhooks specification, among other signatures.
  const std::string body = R"({"test": 2432232314})";
  const HookRequest request =
      Request(body, {{"webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek"},
                     {"webhook-timestamp", "1614265330"},
                     {"webhook-signature",
                      "v1a,ignored v1,bm90IHRoaXMgb25l v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="}});
  EXPECT_TRUE(VerifySignature(Scheme("generic"), request,
                              {"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"},
                              absl::FromUnixSeconds(1614265330), absl::Minutes(5))
                  .ok());
}

TEST(SignatureTest, AcceptsAnyOfSeveralSecretsForRotation) {
  const HookRequest request = Request(
      R"({"a":1})", {{"X-Hub-Signature", "sha1=5a63cec4252c89cd8ae6cf82ff2d7cc42db4c1e9"}});
  EXPECT_TRUE(VerifySignature(Scheme("zammad"), request, {"new-token", "zammad-token"}, kNow,
                              absl::Minutes(5))
                  .ok());
  const absl::Status old_only =
      VerifySignature(Scheme("zammad"), request, {"new-token"}, kNow, absl::Minutes(5));
  EXPECT_TRUE(absl::IsUnauthenticated(old_only));
  EXPECT_THAT(old_only.message(), HasSubstr("X-Hub-Signature: does not match"));
}

TEST(SignatureTest, RejectsAChangedBody) {
  const HookRequest request = Request(
      R"({"a":2})", {{"X-Hub-Signature", "sha1=5a63cec4252c89cd8ae6cf82ff2d7cc42db4c1e9"}});
  EXPECT_TRUE(absl::IsUnauthenticated(
      VerifySignature(Scheme("zammad"), request, {"zammad-token"}, kNow, absl::Minutes(5))));
}

TEST(SignatureTest, RejectsAMissingOrMalformedSignatureNamingTheHeader) {
  const absl::Status missing =
      VerifySignature(Scheme("intercom"), Request("{}", {}), {"s"}, kNow, absl::Minutes(5));
  EXPECT_TRUE(absl::IsUnauthenticated(missing));
  EXPECT_EQ(missing.message(), "X-Hub-Signature: is missing");
  const absl::Status malformed = VerifySignature(
      Scheme("intercom"), Request("{}", {{"X-Hub-Signature", "sha1=zz"}}), {"s"}, kNow,
      absl::Minutes(5));
  EXPECT_THAT(malformed.message(), HasSubstr("X-Hub-Signature: is malformed"));
  const absl::Status wrong_prefix = VerifySignature(
      Scheme("jira_sm"),
      Request("{}", {{"X-Hub-Signature", "sha1=5a63cec4252c89cd8ae6cf82ff2d7cc42db4c1e9"}}), {"s"},
      kNow, absl::Minutes(5));
  EXPECT_THAT(wrong_prefix.message(), HasSubstr("is malformed (expected sha256=hex"));
}

TEST(SignatureTest, RejectsTimestampsOutsideTheToleranceEitherWay) {
  const SignatureScheme chatwoot = Scheme("chatwoot");
  const auto at = [](absl::Time sent) {
    return Request("{}", {{"X-Chatwoot-Timestamp", absl::StrCat(absl::ToUnixSeconds(sent))},
                          {"X-Chatwoot-Signature", "sha256=00"}});
  };
  const absl::Status old = VerifySignature(chatwoot, at(kNow - absl::Minutes(10)), {"s"}, kNow,
                                           absl::Minutes(5));
  EXPECT_TRUE(absl::IsUnauthenticated(old));
  EXPECT_THAT(old.message(), HasSubstr("X-Chatwoot-Timestamp: is 10m old"));
  const absl::Status future = VerifySignature(chatwoot, at(kNow + absl::Minutes(6)), {"s"}, kNow,
                                              absl::Minutes(5));
  EXPECT_THAT(future.message(), HasSubstr("in the future"));
  const absl::Status garbage = VerifySignature(
      chatwoot, Request("{}", {{"X-Chatwoot-Timestamp", "yesterday"}, {"X-Chatwoot-Signature", "x"}}),
      {"s"}, kNow, absl::Minutes(5));
  EXPECT_THAT(garbage.message(), HasSubstr("X-Chatwoot-Timestamp: is not a Unix timestamp"));
}

TEST(SignatureTest, ChecksFrontMillisecondTimestamps) {
  const HookRequest request =
      Request("{}", {{"X-Front-Request-Timestamp", absl::StrCat(absl::ToUnixMillis(kNow) - 400000)},
                     {"X-Front-Signature", "AAAA"}});
  const absl::Status status =
      VerifySignature(Scheme("front", "app"), request, {"s"}, kNow, absl::Minutes(5));
  EXPECT_THAT(status.message(), HasSubstr("X-Front-Request-Timestamp: is 6m old"));
}

TEST(SignatureTest, ComparesInConstantTimeIndependentOfLength) {
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abcd"));
  EXPECT_FALSE(ConstantTimeEquals("", "a"));
}

}  // namespace
}  // namespace debrief::ingest
