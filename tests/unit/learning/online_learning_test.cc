// The learned model learning online: new labels, feedback, determinism, snapshots and
// its memory ceiling.
#include <algorithm>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/learning/learned_model.h"

namespace debrief::learning {
namespace {

using ::testing::HasSubstr;

// Closes that carry a label the model has never seen before it is the top suggestion
// for a new ticket on the same subject (at the default learning rate and threshold).
constexpr int kClosesToLearnANewLabel = 3;

const std::vector<std::pair<std::string, std::string>>& History() {
  static const auto* history = new std::vector<std::pair<std::string, std::string>>{
      {"I was charged twice for the same month", "billing/refund/double-charge"},
      {"my card got billed two times this month", "billing/refund/double-charge"},
      {"double charge on my statement again", "billing/refund/double-charge"},
      {"I forgot my password and the reset link never arrives", "account-access/password-reset"},
      {"password reset email is not coming through", "account-access/password-reset"},
      {"cannot reset my password, link expired", "account-access/password-reset"},
      {"the dashboard charts are blank since this morning", "bug/dashboard"},
      {"dashboard widgets show wrong numbers", "bug/dashboard"},
      {"graphs on the dashboard do not load", "bug/dashboard"},
      {"how do I configure the SSO with Okta", "account-access/sso"},
      {"SAML login fails with our identity provider", "account-access/sso"},
      {"single sign-on setup keeps erroring", "account-access/sso"},
  };
  return *history;
}

const std::vector<std::string>& ExportTickets() {
  static const auto* texts = new std::vector<std::string>{
      "the CSV export only contains half of the rows",
      "exporting to CSV gives an empty file",
      "CSV export downloads a broken file every time",
      "our CSV export is missing the last column",
  };
  return *texts;
}

Example TagExample(const std::string& text, const std::string& tag) {
  return {.text = text, .labels = {{"tags", {tag}}}};
}

LearnedModel TrainedOnHistory(const config::LearningOptions& options) {
  LearnedModel model(options);
  for (int round = 0; round < 2; ++round) {
    for (const auto& [text, tag] : History()) {
      model.Learn(TagExample(text, tag), static_cast<float>(options.learning_rate));
    }
  }
  model.RebuildCalibration();
  return model;
}

std::vector<ScoredLabel> Ranked(const LearnedModel& model, const std::string& text) {
  std::vector<ScoredLabel> scored = model.Score(model.FindSpace("tags"), model.Featurize(text));
  std::sort(scored.begin(), scored.end(),
            [](const ScoredLabel& a, const ScoredLabel& b) { return a.confidence > b.confidence; });
  return scored;
}

double ConfidenceOf(const LearnedModel& model, const std::string& text, const std::string& label) {
  for (const ScoredLabel& scored : Ranked(model, text)) {
    if (scored.value == label) return scored.confidence;
  }
  return 0;
}

TEST(OnlineLearningTest, ANewLabelBecomesTheTopSuggestionAfterThreeCloses) {
  const config::LearningOptions options;
  LearnedModel model = TrainedOnHistory(options);
  const std::string query = "CSV export file has missing rows";
  // Never seen: the model does not score it at all.
  EXPECT_EQ(ConfidenceOf(model, query, "bug/export"), 0);

  for (int close = 0; close < kClosesToLearnANewLabel; ++close) {
    ASSERT_LT(close, static_cast<int>(ExportTickets().size()));
    const std::vector<ScoredLabel> before = Ranked(model, query);
    EXPECT_FALSE(!before.empty() && before.front().value == "bug/export" &&
                 before.front().confidence >= options.threshold)
        << "suggested first after only " << close << " closes";
    model.Learn(TagExample(ExportTickets()[static_cast<size_t>(close)], "bug/export"),
                static_cast<float>(options.learning_rate));
    model.RebuildCalibration();
  }
  const std::vector<ScoredLabel> after = Ranked(model, query);
  ASSERT_FALSE(after.empty());
  EXPECT_EQ(after.front().value, "bug/export");
  EXPECT_GE(after.front().confidence, options.threshold);
  EXPECT_EQ(after.front().examples, kClosesToLearnANewLabel);
}

TEST(OnlineLearningTest, ARejectedSuggestionLosesScore) {
  const config::LearningOptions options;
  LearnedModel model = TrainedOnHistory(options);
  const std::string text = "dashboard charts are empty after the update";
  const double before = ConfidenceOf(model, text, "bug/dashboard");
  ASSERT_GT(before, 0.3);
  const int updates = model.LearnFeedback(text, model.FindSpace("tags"), {}, {"bug/dashboard"},
                                          static_cast<float>(options.learning_rate));
  model.RebuildCalibration();
  EXPECT_EQ(updates, 1);
  EXPECT_LT(ConfidenceOf(model, text, "bug/dashboard"), before - 0.05);
}

TEST(OnlineLearningTest, AnAcceptedOrAddedTagGainsScore) {
  const config::LearningOptions options;
  LearnedModel model = TrainedOnHistory(options);
  const std::string text = "SSO login loops back to the sign in page";
  const double before = ConfidenceOf(model, text, "account-access/sso");
  model.LearnFeedback(text, model.FindSpace("tags"), {"account-access/sso"}, {},
                      static_cast<float>(options.learning_rate));
  model.RebuildCalibration();
  EXPECT_GT(ConfidenceOf(model, text, "account-access/sso"), before);
}

TEST(OnlineLearningTest, SameSeedAndOrderGiveTheSameModelByteForByte) {
  config::LearningOptions options;
  EXPECT_EQ(TrainedOnHistory(options).Encode(), TrainedOnHistory(options).Encode());
  config::LearningOptions reseeded = options;
  reseeded.seed = 99;
  EXPECT_NE(TrainedOnHistory(options).Encode(), TrainedOnHistory(reseeded).Encode());
}

TEST(OnlineLearningTest, ASnapshotDecodesToAModelThatScoresTheSame) {
  const config::LearningOptions options;
  LearnedModel model = TrainedOnHistory(options);
  model.set_position({.close_sequence = 41, .feedback_sequence = 7});
  absl::StatusOr<LearnedModel> decoded = LearnedModel::Decode(model.Encode(), options);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(decoded->examples(), model.examples());
  EXPECT_EQ(decoded->position().close_sequence, 41);
  EXPECT_EQ(decoded->position().feedback_sequence, 7);
  EXPECT_EQ(decoded->version(), model.version());
  for (const auto& [text, tag] : History()) {
    EXPECT_DOUBLE_EQ(ConfidenceOf(*decoded, text, tag), ConfidenceOf(model, text, tag));
  }
}

TEST(OnlineLearningTest, ADamagedOrForeignSnapshotIsRefused) {
  const config::LearningOptions options;
  std::string bytes = TrainedOnHistory(options).Encode();
  std::string flipped = bytes;
  flipped[flipped.size() / 2] ^= 0x5A;
  EXPECT_EQ(LearnedModel::Decode(flipped, options).status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(LearnedModel::Decode(bytes.substr(0, 20), options).status().code(),
            absl::StatusCode::kDataLoss);
  config::LearningOptions other_features = options;
  other_features.features.word_ngrams = 1;
  absl::Status foreign = LearnedModel::Decode(bytes, other_features).status();
  EXPECT_EQ(foreign.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(foreign.message(), HasSubstr("learning.features"));
}

TEST(OnlineLearningTest, StaysUnderItsMemoryCeiling) {
  config::LearningOptions options;
  options.label_spaces = {{"tags", "helpdesk_tags", false}};
  options.max_model_bytes = 1 << 20;
  LearnedModel model(options);
  for (int i = 0; i < 3000; ++i) {
    model.Learn(TagExample("ticket number " + std::to_string(i * 7919) + " word" + std::to_string(i),
                           "label-" + std::to_string(i % 40)),
                0.5f);
  }
  const OnlineClassifier& classifier = model.classifier(model.FindSpace("tags"));
  EXPECT_GT(classifier.rows_refused(), 0);
  EXPECT_LE(classifier.memory_bytes(), options.max_model_bytes * 5 / 4);
}

TEST(OnlineLearningTest, AnExclusiveSpaceScoresLikeADistribution) {
  config::LearningOptions options;
  options.label_spaces = {{"fix_category", "custom_field:fix_category", true}};
  LearnedModel model(options);
  const std::vector<std::pair<std::string, std::string>> examples = {
      {"refunded the duplicate payment", "refund"},
      {"explained where the setting is", "how-to"},
      {"engineering shipped a fix for the crash", "bug-fix"},
  };
  for (int round = 0; round < 5; ++round) {
    for (const auto& [text, label] : examples) {
      model.Learn({.text = text, .labels = {{"fix_category", {label}}}}, 0.5f);
    }
  }
  const int space = model.FindSpace("fix_category");
  std::vector<float> probabilities;
  model.classifier(space).Predict(model.Featurize("refunded the payment"), probabilities);
  ASSERT_EQ(probabilities.size(), 3u);
  EXPECT_NEAR(probabilities[0] + probabilities[1] + probabilities[2], 1.0, 1e-5);
  EXPECT_GT(probabilities[0], 0.6);
}

}  // namespace
}  // namespace debrief::learning
