#include "server/ingest/source_registry.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/fakes/fake_clock.h"
#include "tests/testing/hook_signer.h"
#include "tests/testing/test_env.h"

namespace debrief::ingest {
namespace {

using ::testing::HasSubstr;

config::SourceOptions Source(const std::string& name, const std::string& vendor) {
  config::SourceOptions options;
  options.name = name;
  options.vendor = vendor;
  options.auth = vendor == "freshdesk" ? "basic" : "signature";
  options.secrets.push_back(
      {.env = "", .file = testing::WriteFile(testing::MakeTempDir("registry"), "secret", "s3cret")});
  return options;
}

absl::StatusOr<std::unique_ptr<SourceRegistry>> Build(std::vector<config::SourceOptions> sources) {
  static testing::FakeClock clock;
  return SourceRegistry::Create({.sources = std::move(sources)}, {}, clock);
}

TEST(SourceRegistryTest, FindsSourcesByNameIncludingTwoOfOneVendor) {
  absl::StatusOr<std::unique_ptr<SourceRegistry>> registry =
      Build({Source("zendesk-eu", "zendesk"), Source("zendesk-us", "zendesk")});
  ASSERT_TRUE(registry.ok()) << registry.status();
  ASSERT_NE((*registry)->Find("zendesk-eu"), nullptr);
  EXPECT_EQ((*registry)->Find("zendesk-us")->adapter().source(), core::Source::kZendesk);
  EXPECT_EQ((*registry)->Find("zendesk"), nullptr);
  EXPECT_EQ((*registry)->Find("zendesk-eu")->fetcher(), nullptr);
}

TEST(SourceRegistryTest, AppliesTheConfiguredTenantAndFieldMap) {
  config::SourceOptions options = Source("zendesk", "zendesk");
  options.tenant = "acme.zendesk.com";
  options.field_map = {{"account.id", "/detail/external_id"}};
  absl::StatusOr<std::unique_ptr<SourceRegistry>> registry = Build({options});
  ASSERT_TRUE(registry.ok()) << registry.status();
  std::string body = testing::HookPayload("zendesk");
  body.replace(body.find("\"external_id\": \"\""), 17, "\"external_id\": \"acct-1\"");
  HookRequest request;
  request.body = body;
  absl::StatusOr<HookEvent> event = (*registry)->Find("zendesk")->Normalize(request);
  ASSERT_TRUE(event.ok()) << event.status();
  EXPECT_EQ(event->ticket.source_tenant, "acme.zendesk.com");
  EXPECT_EQ(event->ticket.account.id, "acct-1");
}

TEST(SourceRegistryTest, RefusesWhatAVendorCannotDoNamingTheKey) {
  config::SourceOptions front = Source("front", "front");
  front.api.base_url = "https://api2.frontapp.com";
  front.api.auth = "bearer";
  front.api.secret = front.secrets[0];
  EXPECT_THAT(Build({front}).status().message(), HasSubstr("sources.front.api: Debrief has no front API client"));

  config::SourceOptions helpscout = Source("helpscout", "helpscout");
  helpscout.api = front.api;
  helpscout.write_back.enabled = true;
  EXPECT_THAT(Build({helpscout}).status().message(),
              HasSubstr("sources.helpscout.write_back: writing back is available for zendesk and "
                        "zammad"));

  config::SourceOptions big = Source("zammad", "zammad");
  big.max_body_bytes = 64 << 20;
  EXPECT_THAT(Build({big}).status().message(),
              HasSubstr("sources.zammad.max_body_bytes: must be at most server.max_http_body_bytes"));
}

TEST(SourceRegistryTest, NamesAnApiSecretThatCannotBeRead) {
  config::SourceOptions zendesk = Source("zendesk", "zendesk");
  zendesk.api.base_url = "https://acme.zendesk.com";
  zendesk.api.username = "bot@acme.example/token";
  zendesk.api.secret = {.env = "DEBRIEF_TEST_UNSET_ZENDESK_TOKEN", .file = ""};
  EXPECT_EQ(Build({zendesk}).status().message(),
            "sources.zendesk.api.secret: environment variable DEBRIEF_TEST_UNSET_ZENDESK_TOKEN is "
            "not set");
}

}  // namespace
}  // namespace debrief::ingest
