#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/config/config_loader.h"
#include "tests/testing/test_env.h"

namespace debrief::config {
namespace {

using ::testing::HasSubstr;

TEST(AnalysisSectionsTest, ShippedConfigHasEveryAnalysisSection) {
  auto config = LoadConfigFile(testing::SourceDir() + "/config/debrief.yaml");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_TRUE(config->redaction.cards);
  EXPECT_FALSE(config->competitors.competitors.empty());
  EXPECT_FALSE(config->feedback_kinds.product_areas.empty());
  EXPECT_FALSE(config->resolution.fix_category.empty());
  EXPECT_FALSE(config->resolution.root_cause.empty());
  EXPECT_FALSE(config->relationship_signals.signals.empty());
}

TEST(AnalysisSectionsTest, AbsentSectionsGiveDefaults) {
  auto config = LoadConfigText("");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_TRUE(config->redaction.emails);
  EXPECT_EQ(config->redaction.secret_min_length, 32);
  EXPECT_TRUE(config->competitors.competitors.empty());
  EXPECT_EQ(config->feedback_kinds.max_items, 10);
  EXPECT_TRUE(config->resolution.fix_category.empty());
  EXPECT_DOUBLE_EQ(config->resolution.min_margin, 0.1);
}

TEST(AnalysisSectionsTest, ReadsEverySection) {
  auto config = LoadConfigText(R"(
redaction:
  phones: false
  custom:
    - {name: CONTRACT_NO, pattern: 'CN-[0-9]{8}'}
competitors:
  tracked:
    - {name: Front, aliases: [Front App], case_sensitive: true}
feedback_kinds:
  bug:
    phrases: [acting up]
resolution:
  fix_category:
    - {value: how-to, agent_phrases: [you can]}
relationship_signals:
  signals:
    - {kind: churn.budget, patterns: ['budget cut'], weight: 2}
)");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_FALSE(config->redaction.phones);
  ASSERT_EQ(config->redaction.custom.size(), 1u);
  EXPECT_EQ(config->redaction.custom[0].name, "CONTRACT_NO");
  ASSERT_EQ(config->competitors.competitors.size(), 1u);
  EXPECT_TRUE(config->competitors.competitors[0].case_sensitive);
  EXPECT_EQ(config->feedback_kinds.bug.phrases, std::vector<std::string>{"acting up"});
  EXPECT_EQ(config->resolution.fix_category[0].value, "how-to");
  EXPECT_DOUBLE_EQ(config->relationship_signals.signals[0].weight, 2.0);
}

struct Bad {
  const char* name;
  std::string yaml;
  std::string key;
};

class BadAnalysisConfig : public ::testing::TestWithParam<Bad> {};

TEST_P(BadAnalysisConfig, FailsNamingTheKey) {
  auto config = LoadConfigText(GetParam().yaml);
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(config.status().message()), HasSubstr(GetParam().key));
}

INSTANTIATE_TEST_SUITE_P(
    Table, BadAnalysisConfig,
    ::testing::Values(
        Bad{"custom_name", "redaction:\n  custom:\n    - {name: lower, pattern: x}\n", "redaction.custom[0].name"},
        Bad{"custom_pattern", "redaction:\n  custom:\n    - {name: X, pattern: '(x'}\n", "redaction.custom[0].pattern"},
        Bad{"custom_empty_match", "redaction:\n  custom:\n    - {name: X, pattern: 'a*'}\n", "redaction.custom[0].pattern"},
        Bad{"entropy", "redaction:\n  secret_min_entropy_bits: 9\n", "redaction.secret_min_entropy_bits"},
        Bad{"unknown_key", "redaction:\n  emailz: true\n", "redaction.emailz"},
        Bad{"competitor_name", "competitors:\n  tracked:\n    - {aliases: [X]}\n", "competitors.tracked[0].name"},
        Bad{"competitor_clash", "competitors:\n  tracked:\n    - {name: A, aliases: [Z]}\n    - {name: B, products: [z]}\n",
            "competitors.tracked[1]"},
        Bad{"empty_alias", "competitors:\n  tracked:\n    - {name: A, aliases: ['  ']}\n", "competitors.tracked[0].aliases[0]"},
        Bad{"feedback_pattern", "feedback_kinds:\n  docs:\n    patterns: ['(']\n", "feedback_kinds.docs.patterns[0]"},
        Bad{"feedback_max", "feedback_kinds:\n  max_items: 0\n", "feedback_kinds.max_items"},
        Bad{"label_value", "resolution:\n  fix_category:\n    - {value: How To, agent_phrases: [x]}\n",
            "resolution.fix_category[0].value"},
        Bad{"label_without_rules", "resolution:\n  root_cause:\n    - {value: x}\n", "resolution.root_cause[0]"},
        Bad{"duplicate_label", "resolution:\n  root_cause:\n    - {value: x, agent_phrases: [a]}\n    - {value: x, agent_phrases: [b]}\n",
            "resolution.root_cause[1].value"},
        Bad{"signal_kind", "relationship_signals:\n  signals:\n    - {kind: growth, phrases: [x]}\n",
            "relationship_signals.signals[0].kind"},
        Bad{"signal_weight", "relationship_signals:\n  signals:\n    - {kind: churn.x, phrases: [x], weight: 0}\n",
            "relationship_signals.signals[0].weight"}),
    [](const ::testing::TestParamInfo<Bad>& param_info) { return std::string(param_info.param.name); });

}  // namespace
}  // namespace debrief::config
