// The accounts section: defaults match the shipped file's documented values, and bad
// windows, thresholds or signal points are rejected naming the key.
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/config/config_loader.h"
#include "tests/testing/test_env.h"

namespace debrief::config {
namespace {

using ::testing::HasSubstr;

TEST(AccountsOptionsTest, TheShippedFileStatesTheDefaults) {
  auto shipped = LoadConfigFile(testing::SourceDir() + "/config/debrief.yaml");
  ASSERT_TRUE(shipped.ok()) << shipped.status();
  const AccountsOptions defaults;
  const AccountsOptions& file = shipped->accounts;
  EXPECT_EQ(file.windows, defaults.windows);
  EXPECT_EQ(file.trend_window, defaults.trend_window);
  EXPECT_EQ(file.repeat_window, defaults.repeat_window);
  EXPECT_EQ(file.error_spread_window, defaults.error_spread_window);
  EXPECT_EQ(file.relationship.score_window, defaults.relationship.score_window);
  EXPECT_EQ(file.relationship.half_life, defaults.relationship.half_life);
  auto same = [](const std::vector<SignalPoints>& a, const std::vector<SignalPoints>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      if (a[i].signal != b[i].signal || a[i].points != b[i].points) return false;
    }
    return true;
  };
  EXPECT_TRUE(same(file.relationship.renewal_risk, defaults.relationship.renewal_risk));
  EXPECT_TRUE(same(file.relationship.expansion, defaults.relationship.expansion));
}

TEST(AccountsOptionsTest, ReadsWindowsAndReplacesPointLists) {
  auto config = LoadConfigText(R"yaml(
accounts:
  windows: [1d, 14d]
  repeat_window: 7d
  relationship:
    half_life: 0s
    renewal_risk:
      - {signal: churn.cancel, points: 50}
      - {signal: sentiment.positive, points: -10}
)yaml");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->accounts.windows,
            (std::vector<absl::Duration>{absl::Hours(24), absl::Hours(24 * 14)}));
  EXPECT_EQ(config->accounts.repeat_window, absl::Hours(24 * 7));
  EXPECT_EQ(config->accounts.relationship.half_life, absl::ZeroDuration());
  ASSERT_EQ(config->accounts.relationship.renewal_risk.size(), 2u);
  EXPECT_EQ(config->accounts.relationship.renewal_risk[1].points, -10);
  EXPECT_EQ(config->accounts.relationship.expansion.size(), AccountsOptions().relationship.expansion.size());
}

TEST(AccountsOptionsTest, BadValuesAreRejectedNamingTheKey) {
  struct Case {
    std::string yaml;
    std::string message;
  };
  const Case cases[] = {
      {"accounts:\n  windows: [30d, 7d]\n", "accounts.windows[1]: windows must be listed shortest first"},
      {"accounts:\n  windows: []\n", "accounts.windows: needs 1 to 8 windows"},
      {"accounts:\n  windows: [7 days]\n", "accounts.windows[0]: bad duration"},
      {"accounts:\n  repeat_window: 0s\n", "accounts.repeat_window: must be between"},
      {"accounts:\n  trend_windw: 30d\n", "accounts.trend_windw: unknown key"},
      {"accounts:\n  relationship:\n    score_window: 1000d\n",
       "accounts.relationship.score_window: must be between"},
      {"accounts:\n  relationship:\n    negative_sentiment_at: 0.5\n",
       "accounts.relationship.negative_sentiment_at: must be below positive_sentiment_at"},
      {"accounts:\n  relationship:\n    low_satisfaction_at: 2\n",
       "accounts.relationship.low_satisfaction_at: must be between 0 and 1"},
      {"accounts:\n  relationship:\n    renewal_risk:\n      - {signal: expansion.seats, points: 5}\n",
       "accounts.relationship.renewal_risk[0].signal: unknown signal \"expansion.seats\""},
      {"accounts:\n  relationship:\n    expansion:\n      - {signal: repeat_contact, points: 5}\n",
       "accounts.relationship.expansion[0].signal: unknown signal \"repeat_contact\""},
      {"accounts:\n  relationship:\n    renewal_risk:\n      - {signal: churn.cancel, points: 500}\n",
       "accounts.relationship.renewal_risk[0].points: must be between -100 and 100"},
      {"accounts:\n  relationship:\n    renewal_risk:\n      - {signal: churn.cancel, points: 5}\n"
       "      - {signal: churn.cancel, points: 6}\n",
       "accounts.relationship.renewal_risk[1].signal: duplicate signal \"churn.cancel\""},
      {"accounts:\n  relationship:\n    renewal_risk:\n      - {signal: churn.cancel, pints: 5}\n",
       "accounts.relationship.renewal_risk[0].pints: unknown key"},
  };
  for (const Case& test : cases) {
    auto config = LoadConfigText(test.yaml);
    ASSERT_FALSE(config.ok()) << test.yaml;
    EXPECT_EQ(config.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(config.status().message()), HasSubstr(test.message)) << test.yaml;
  }
}

}  // namespace
}  // namespace debrief::config
