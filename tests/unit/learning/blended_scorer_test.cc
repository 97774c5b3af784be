#include "server/learning/blended_scorer.h"

#include "gtest/gtest.h"

namespace debrief::learning {
namespace {

core::Label RuleLabel(const std::string& value, double confidence) {
  core::Label label;
  label.value = value;
  label.confidence = confidence;
  label.source = core::LabelSource::kRule;
  label.evidence.push_back({.message_index = 0, .start = 0, .end = 4, .quote = "word"});
  return label;
}

const core::Label* Find(const std::vector<core::Label>& labels, const std::string& value) {
  for (const core::Label& label : labels) {
    if (label.value == value) return &label;
  }
  return nullptr;
}

TEST(BlendLabelsTest, ALabelTheModelNeverSawStaysWithTheRules) {
  const std::vector<core::Label> blended = BlendLabels({RuleLabel("bug/export", 0.8)}, {}, 3);
  ASSERT_EQ(blended.size(), 1u);
  EXPECT_EQ(blended[0].source, core::LabelSource::kRule);
  EXPECT_DOUBLE_EQ(blended[0].confidence, 0.8);
}

TEST(BlendLabelsTest, TheModelTakesOverALabelAsItsExamplesGrow) {
  // One example: the model's share is 1/(1+3), the rules still dominate.
  std::vector<core::Label> early =
      BlendLabels({RuleLabel("bug/export", 0.8)}, {{"bug/export", 0.2, 1}}, 3);
  EXPECT_EQ(early[0].source, core::LabelSource::kRule);
  EXPECT_DOUBLE_EQ(early[0].confidence, 0.25 * 0.2 + 0.75 * 0.8);
  // Thirty examples: the model decides, and the rule evidence is kept.
  std::vector<core::Label> late =
      BlendLabels({RuleLabel("bug/export", 0.8)}, {{"bug/export", 0.1, 30}}, 3);
  EXPECT_EQ(late[0].source, core::LabelSource::kModel);
  EXPECT_NEAR(late[0].confidence, (30.0 / 33) * 0.1 + (3.0 / 33) * 0.8, 1e-12);
  EXPECT_EQ(late[0].evidence.size(), 1u);
}

TEST(BlendLabelsTest, ModelOnlyLabelsKeepTheModelsConfidence) {
  const std::vector<core::Label> blended =
      BlendLabels({RuleLabel("billing/invoice", 0.6)}, {{"bug/import", 0.9, 1}}, 3);
  ASSERT_EQ(blended.size(), 2u);
  const core::Label* learned = Find(blended, "bug/import");
  ASSERT_NE(learned, nullptr);
  EXPECT_EQ(learned->source, core::LabelSource::kModel);
  EXPECT_DOUBLE_EQ(learned->confidence, 0.9);
}

TEST(BlendSingleLabelTest, KeepsTheRuleLabelWhileTheSpaceIsUntrained) {
  config::LearningOptions options;
  const LearnedModel model(options);
  std::optional<core::Label> blended =
      BlendSingleLabel(RuleLabel("refund", 0.4), model, model.FindSpace("fix_category"),
                       model.Featurize("text"), 3, 0.5);
  ASSERT_TRUE(blended.has_value());
  EXPECT_EQ(blended->value, "refund");
}

TEST(BlendSingleLabelTest, PicksTheBestBlendedLabelOrAbstains) {
  config::LearningOptions options;
  LearnedModel model(options);
  for (int i = 0; i < 20; ++i) {
    model.Learn({.text = "we refunded the duplicate charge",
                 .labels = {{"fix_category", {"refund"}}}}, 0.5f);
    model.Learn({.text = "shipped a bug fix for the crash",
                 .labels = {{"fix_category", {"bug-fix"}}}}, 0.5f);
  }
  model.RebuildCalibration();
  const int space = model.FindSpace("fix_category");
  std::optional<core::Label> blended = BlendSingleLabel(
      RuleLabel("how-to", 0.55), model, space, model.Featurize("we refunded the charge"), 3, 0.5);
  ASSERT_TRUE(blended.has_value());
  EXPECT_EQ(blended->value, "refund");
  EXPECT_EQ(blended->source, core::LabelSource::kModel);
  // Nothing clears a threshold of 0.99: the space abstains.
  EXPECT_FALSE(BlendSingleLabel(std::nullopt, model, space, model.Featurize("hello there"), 3, 0.99)
                   .has_value());
}

}  // namespace
}  // namespace debrief::learning
