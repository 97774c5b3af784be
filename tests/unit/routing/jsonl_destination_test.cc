#include "server/routing/destinations/jsonl/jsonl_destination.h"

#include <string>

#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/testing/test_env.h"

namespace debrief::routing {
namespace {

TEST(JsonlDestinationTest, AppendsOneJsonLinePerInsight) {
  config::DestinationOptions options;
  options.name = "warehouse";
  options.path = testing::MakeTempDir("jsonl") + "/insights.jsonl";
  auto destination = JsonlDestination::Create(options);
  ASSERT_TRUE(destination.ok()) << destination.status();
  for (const char* id : {"ins_1", "ins_2"}) {
    core::Insight insight{.insight_id = id, .kind = "error_reported", .account_id = "acme",
                          .created_at = absl::FromUnixSeconds(1'790'000'000), .body_json = R"({"fingerprint":"fp"})"};
    EXPECT_EQ((*destination)->Deliver(insight, {}, 1).outcome, DeliveryResult::Outcome::kDelivered);
  }
  const std::vector<std::string> lines =
      absl::StrSplit(testing::ReadFile(options.path), '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), 2u);
  const auto second = nlohmann::json::parse(lines[1]);
  EXPECT_EQ(second["insight_id"], "ins_2");
  EXPECT_EQ(second["body"]["fingerprint"], "fp");
  EXPECT_EQ(second["created_at"], "2026-09-21T14:13:20Z");
}

TEST(JsonlDestinationTest, NamesThePathWhenItCannotBeOpened) {
  config::DestinationOptions options;
  options.name = "warehouse";
  options.path = "/nonexistent-dir/insights.jsonl";
  auto destination = JsonlDestination::Create(options);
  EXPECT_EQ(destination.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_NE(destination.status().message().find("destinations.warehouse.path"), std::string::npos);
}

}  // namespace
}  // namespace debrief::routing
