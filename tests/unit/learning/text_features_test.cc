#include "server/learning/text_features.h"

#include <cmath>

#include "gtest/gtest.h"

namespace debrief::learning {
namespace {

TEST(TextFeaturizerTest, SameSeedAndTextGiveTheSameFeatures) {
  const TextFeaturizer a(config::FeatureOptions{}, 7);
  const TextFeaturizer b(config::FeatureOptions{}, 7);
  const SparseFeatures x = a.Extract("I was charged twice for my subscription");
  const SparseFeatures y = b.Extract("I was charged twice for my subscription");
  EXPECT_EQ(x.index, y.index);
  EXPECT_EQ(x.value, y.value);
}

TEST(TextFeaturizerTest, OtherSeedHashesIntoOtherBuckets) {
  const SparseFeatures x = TextFeaturizer(config::FeatureOptions{}, 1).Extract("refund please");
  const SparseFeatures y = TextFeaturizer(config::FeatureOptions{}, 2).Extract("refund please");
  EXPECT_NE(x.index, y.index);
}

TEST(TextFeaturizerTest, CarriesTheBiasAndSortedDistinctIndices) {
  const SparseFeatures x =
      TextFeaturizer(config::FeatureOptions{}, 1).Extract("export export export to CSV");
  ASSERT_FALSE(x.index.empty());
  EXPECT_EQ(x.index.front(), kBiasBucket);
  EXPECT_FLOAT_EQ(x.value.front(), 1.0f);
  for (size_t i = 1; i < x.index.size(); ++i) EXPECT_LT(x.index[i - 1], x.index[i]);
}

TEST(TextFeaturizerTest, IgnoresCaseAndScalesEachGroupToUnitLength) {
  const TextFeaturizer featurizer(config::FeatureOptions{}, 1);
  const SparseFeatures lower = featurizer.Extract("card declined");
  const SparseFeatures upper = featurizer.Extract("CARD Declined");
  EXPECT_EQ(lower.index, upper.index);
  double squares = 0;
  for (size_t i = 1; i < lower.value.size(); ++i) squares += lower.value[i] * lower.value[i];
  // Two unit-length groups (words, character n-grams), barring rare bucket collisions.
  EXPECT_NEAR(squares, 2.0, 0.05);
}

TEST(TextFeaturizerTest, ReadsOnlyMaxTextBytes) {
  config::FeatureOptions options;
  options.max_text_bytes = 256;
  const TextFeaturizer featurizer(options, 1);
  const std::string head(256, 'a');
  EXPECT_EQ(featurizer.Extract(head + " tail words here").index,
            featurizer.Extract(head + " other ending text").index);
}

TEST(LearningTextTest, JoinsSubjectAndMessagesOnePerLine) {
  core::Ticket ticket;
  ticket.subject = "Refund";
  ticket.messages.resize(3);
  ticket.messages[0].body_text = "charged twice";
  ticket.messages[2].body_text = "done";
  EXPECT_EQ(LearningText(ticket), "Refund\ncharged twice\ndone");
}

}  // namespace
}  // namespace debrief::learning
