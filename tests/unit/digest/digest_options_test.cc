#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/config/config_loader.h"
#include "tests/testing/test_env.h"

namespace debrief::config {
namespace {

using ::testing::HasSubstr;

TEST(DigestOptionsTest, ShippedConfigDocumentsTheDefaults) {
  auto config = LoadConfigFile(testing::SourceDir() + "/config/debrief.yaml");
  ASSERT_TRUE(config.ok()) << config.status();
  const DigestOptions defaults;
  EXPECT_EQ(config->digests.time_zone, defaults.time_zone);
  EXPECT_EQ(config->digests.top_items, defaults.top_items);
  EXPECT_EQ(config->digests.spikes.sigma, defaults.spikes.sigma);
  EXPECT_EQ(config->digests.spikes.baseline_weeks, defaults.spikes.baseline_weeks);
  EXPECT_EQ(config->digests.spikes.min_count, defaults.spikes.min_count);
  EXPECT_EQ(config->digests.spikes.cooldown, defaults.spikes.cooldown);
  EXPECT_TRUE(config->digests.schedules.empty());
}

TEST(DigestOptionsTest, ReadsSchedulesWithTheirTimeZones) {
  auto config = LoadConfigText(R"(
digests:
  time_zone: Europe/Paris
  schedules:
    - {route: weekly, audience: product, weekday: Friday, at: "16:30", format: html}
    - {route: weekly, audience: sales, time_zone: America/New_York}
  spikes: {sigma: 3, baseline_weeks: 8, min_count: 10}
)");
  ASSERT_TRUE(config.ok()) << config.status();
  ASSERT_EQ(config->digests.schedules.size(), 2u);
  EXPECT_EQ(config->digests.schedules[0].weekday, "friday");
  EXPECT_EQ(config->digests.schedules[0].minute_of_day, 16 * 60 + 30);
  EXPECT_EQ(config->digests.schedules[0].time_zone, "Europe/Paris");
  EXPECT_EQ(config->digests.schedules[1].time_zone, "America/New_York");
  EXPECT_EQ(config->digests.schedules[1].minute_of_day, 9 * 60);
  EXPECT_EQ(config->digests.spikes.sigma, 3);
  EXPECT_EQ(config->digests.spikes.baseline_weeks, 8);
}

TEST(DigestOptionsTest, RejectsBadValuesNamingTheKey) {
  const std::pair<const char*, const char*> cases[] = {
      {"digests: {time_zone: Mars/Olympus}", "digests.time_zone"},
      {"digests: {schedules: [{route: r, audience: marketing}]}", "digests.schedules[0].audience"},
      {"digests: {schedules: [{audience: product}]}", "digests.schedules[0].route"},
      {"digests: {schedules: [{route: r, audience: product, at: \"25:00\"}]}", "digests.schedules[0].at"},
      {"digests: {schedules: [{route: r, audience: product, weekday: someday}]}", "digests.schedules[0].weekday"},
      {"digests: {schedules: [{route: r, audience: product}, {route: r, audience: product}]}", "digests.schedules[1]"},
      {"digests: {spikes: {sigma: 0}}", "digests.spikes.sigma"},
      {"digests: {spikes: {kinds: [tag, mood]}}", "digests.spikes.kinds"},
      {"digests: {spikes: {bogus: 1}}", "bogus"},
  };
  for (const auto& [yaml, key] : cases) {
    auto config = LoadConfigText(yaml);
    ASSERT_FALSE(config.ok()) << yaml;
    EXPECT_THAT(config.status().message(), HasSubstr(key)) << yaml;
  }
}

}  // namespace
}  // namespace debrief::config
