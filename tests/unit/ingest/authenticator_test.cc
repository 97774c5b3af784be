#include "server/ingest/authenticator.h"

#include <cstdlib>

#include "absl/strings/escaping.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/ingest/source_registry.h"
#include "tests/testing/hook_signer.h"
#include "tests/testing/test_env.h"

namespace debrief::ingest {
namespace {

using ::testing::HasSubstr;

const absl::Time kNow = absl::FromUnixSeconds(1740000000);

config::SourceOptions Options(const std::string& vendor, const std::string& auth,
                              std::vector<std::string> secrets) {
  config::SourceOptions options;
  options.name = vendor;
  options.vendor = vendor;
  options.auth = auth;
  const std::string dir = testing::MakeTempDir("secrets");
  for (size_t i = 0; i < secrets.size(); ++i) {
    options.secrets.push_back(
        {.env = "", .file = testing::WriteFile(dir, absl::StrCat("s", i), secrets[i] + "\n")});
  }
  return options;
}

Authenticator Make(const config::SourceOptions& options) {
  absl::StatusOr<Authenticator> authenticator =
      Authenticator::Create(options, MakeAdapter(options.vendor)->signature_scheme(options.signature));
  EXPECT_TRUE(authenticator.ok()) << authenticator.status();
  return *authenticator;
}

HookRequest Signed(const std::string& vendor, const std::string& body, const std::string& secret,
                   absl::Time sent_at) {
  HookRequest request;
  request.body = body;
  for (const auto& [name, value] : testing::HookHeaders(vendor, body, secret, sent_at, "d-1")) {
    request.SetHeader(name, value);
  }
  return request;
}

TEST(AuthenticatorTest, VerifiesEveryVendorsSignatureAgainstIndependentlySignedRequests) {
  const std::string body = R"({"id": 1})";
  for (const char* vendor : testing::kHookVendors) {
    SCOPED_TRACE(vendor);
    const std::string secret = std::string(vendor) == "generic"
                                   ? "whsec_" + absl::Base64Escape("0123456789abcdef0123456789")
                                   : "s3cret";
    const Authenticator authenticator =
        Make(Options(vendor, std::string(vendor) == "freshdesk" ? "basic" : "signature", {secret}));
    const std::string body_copy = body;
    EXPECT_TRUE(authenticator.Authenticate(Signed(vendor, body_copy, secret, kNow), kNow).ok());
    const std::string wrong = std::string(vendor) == "generic"
                                  ? "whsec_" + absl::Base64Escape("another key of 24 bytes!!")
                                  : "other";
    EXPECT_TRUE(absl::IsUnauthenticated(
        authenticator.Authenticate(Signed(vendor, body_copy, wrong, kNow), kNow)));
  }
}

TEST(AuthenticatorTest, ChecksBasicAuthUserAndEveryPassword) {
  const Authenticator authenticator = Make(Options("freshdesk", "basic", {"old-pass", "new-pass"}));
  HookRequest request;
  request.SetHeader("Authorization", "Basic " + absl::Base64Escape("debrief:new-pass"));
  EXPECT_TRUE(authenticator.Authenticate(request, kNow).ok());
  request.SetHeader("Authorization", "Basic " + absl::Base64Escape("admin:new-pass"));
  EXPECT_EQ(authenticator.Authenticate(request, kNow).message(),
            "Authorization: user name or password is wrong");
  request.SetHeader("Authorization", "Bearer new-pass");
  EXPECT_EQ(authenticator.Authenticate(request, kNow).message(),
            "Authorization: must be HTTP Basic credentials");
  EXPECT_EQ(authenticator.Authenticate(HookRequest{}, kNow).message(), "Authorization: is missing");
}

TEST(AuthenticatorTest, AcceptsASharedTokenInTheHeaderOrTheQuery) {
  config::SourceOptions options = Options("chatwoot", "token", {"tok-123"});
  const Authenticator authenticator = Make(options);
  HookRequest request;
  request.SetHeader("X-Debrief-Token", "tok-123");
  EXPECT_TRUE(authenticator.Authenticate(request, kNow).ok());
  HookRequest query;
  query.token_param = "tok-123";
  EXPECT_TRUE(authenticator.Authenticate(query, kNow).ok());
  query.token_param = "tok-124";
  EXPECT_EQ(authenticator.Authenticate(query, kNow).message(), "token: does not match");
}

TEST(AuthenticatorTest, NamesTheSecretThatCannotBeRead) {
  config::SourceOptions options = Options("zammad", "signature", {});
  options.secrets.push_back({.env = "DEBRIEF_TEST_SECRET_THAT_IS_NOT_SET", .file = ""});
  absl::StatusOr<Authenticator> authenticator =
      Authenticator::Create(options, MakeAdapter("zammad")->signature_scheme(""));
  EXPECT_EQ(authenticator.status().message(),
            "sources.zammad.secrets[0]: environment variable DEBRIEF_TEST_SECRET_THAT_IS_NOT_SET "
            "is not set");
}

TEST(AuthenticatorTest, NeverPutsTheSecretInAMessage) {
  const Authenticator authenticator = Make(Options("jira_sm", "signature", {"hunter2-secret"}));
  const absl::Status status = authenticator.Authenticate(Signed("jira_sm", "{}", "x", kNow), kNow);
  EXPECT_THAT(status.message(), ::testing::Not(HasSubstr("hunter2")));
}

}  // namespace
}  // namespace debrief::ingest
