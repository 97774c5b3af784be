#include "server/routing/payload_template.h"

#include "absl/strings/ascii.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace debrief::routing {
namespace {

using ::testing::HasSubstr;

core::Insight Insight() {
  return {.insight_id = "ins_01X",
          .kind = "competitor_mentioned",
          .audience = core::Team::kSales,
          .account_id = "acme",
          .ticket_id = "9001",
          .created_at = absl::FromUnixSeconds(1'790'000'000),
          .body_json = R"({"competitor":"Zendesk","confidence":0.5,"tags":["a","b"],
                          "account":{"name":"Acme"}})"};
}

std::string Upper(absl::string_view text) { return absl::AsciiStrToUpper(text); }

TEST(PayloadTemplateTest, RendersEachPlaceholder) {
  struct Case {
    const char* text;
    const char* expected;
  };
  const Case cases[] = {
      {"plain text", "plain text"},
      {"{insight.kind}", "competitor_mentioned"},
      {"{insight.insight_id}/{insight.account_id}/{insight.ticket_id}", "ins_01X/acme/9001"},
      {"{insight.audience}", "sales"},
      {"{insight.created_at}", "2026-09-21T14:13:20Z"},
      {"{body.competitor} ({body.confidence})", "Zendesk (0.5)"},
      {"{body.account.name}", "Acme"},
      {"{body.tags}", R"(["a","b"])"},
      {"[{body.missing}] [{body.account.missing}]", "[] []"},
      {"{extra.ticket_url}", "https://t/1"},
      {"{extra.subject}", ""},
      {"{summary}!", "SUM!"},
      {"{{literal} {body.competitor}", "{literal} Zendesk"},
  };
  for (const Case& c : cases) {
    auto parsed = PayloadTemplate::Parse(c.text, "destinations.x.template");
    ASSERT_TRUE(parsed.ok()) << c.text << ": " << parsed.status();
    EXPECT_EQ(parsed->Render(Insight(), {.extra_json = R"({"ticket_url":"https://t/1"})"}, "SUM",
                             [](absl::string_view v) { return std::string(v); }),
              c.expected)
        << c.text;
  }
}

TEST(PayloadTemplateTest, EscapesValuesButNotTheLiteralText) {
  auto parsed = PayloadTemplate::Parse("Hi {body.competitor}", "t");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->Render(Insight(), {}, "", Upper), "Hi ZENDESK");
}

TEST(PayloadTemplateTest, RefusesUnknownAndMalformedPlaceholdersNamingFieldAndPlaceholder) {
  struct Case {
    const char* text;
    const char* message;
  };
  const Case cases[] = {
      {"{customer}", "{customer}"},
      {"{insight.email}", "{insight.email}"},
      {"{extra.messages}", "{extra.messages}"},
      {"{body.}", "{body.}"},
      {"{body.a..b}", "{body.a..b}"},
      {"{body.quote", "not closed"},
      {"{}", "{}"},
  };
  for (const Case& c : cases) {
    auto parsed = PayloadTemplate::Parse(c.text, "destinations.crm.template");
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument) << c.text;
    EXPECT_THAT(parsed.status().message(), HasSubstr("destinations.crm.template")) << c.text;
    EXPECT_THAT(parsed.status().message(), HasSubstr(c.message)) << c.text;
  }
}

}  // namespace
}  // namespace debrief::routing
