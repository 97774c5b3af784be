// Sentiment against customer messages the scorer was not written from (tests/data/sentiment/,
// see its README: written and labelled blind to the scorer). Each message goes the way a
// close takes it: a one-message ticket, prepared with the shipped config/debrief.yaml
// (normalized, redacted), scanned and scored. Each run prints the accuracy, macro-F1 and
// the confusion matrix; DEBRIEF_EVAL_MISSES=1 prints the misses of the tuning set.
#include <iostream>
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "gtest/gtest.h"
#include "tests/unit/analysis/labelled_sets.h"

namespace debrief::analysis {
namespace {

using core::SentimentLabel;

struct LabelledMessage {
  std::string id;
  SentimentLabel label = SentimentLabel::kUnspecified;
  bool hard = false;
  std::string text;
};

SentimentLabel LabelFromName(absl::string_view name) {
  if (name == "positive") return SentimentLabel::kPositive;
  if (name == "neutral") return SentimentLabel::kNeutral;
  if (name == "negative") return SentimentLabel::kNegative;
  return SentimentLabel::kUnspecified;
}

std::vector<LabelledMessage> LoadSet(const std::string& name) {
  std::vector<LabelledMessage> set;
  for (std::vector<std::string>& row : testing::LoadLabelledSet("sentiment/" + name, 4)) {
    LabelledMessage message{row[0], LabelFromName(row[1]), row[2] == "hard", std::move(row[3])};
    if (message.label == SentimentLabel::kUnspecified) ADD_FAILURE() << name << ": bad label " << row[1];
    set.push_back(std::move(message));
  }
  return set;
}

// Index 0 negative, 1 neutral, 2 positive.
int Index(SentimentLabel label) {
  switch (label) {
    case SentimentLabel::kNegative: return 0;
    case SentimentLabel::kPositive: return 2;
    default: return 1;
  }
}

struct Score {
  double accuracy = 0;
  double hard_accuracy = 0;
  double macro_f1 = 0;
};

Score Evaluate(const std::vector<LabelledMessage>& set, const std::string& name, bool show_misses) {
  const Analyzer* analyzer = testing::ShippedAnalyzer();
  if (analyzer == nullptr) return {};
  int confusion[3][3] = {};
  int correct = 0, hard = 0, hard_correct = 0;
  for (const LabelledMessage& message : set) {
    const core::Sentiment sentiment = testing::AnalyzeCustomerMessage(*analyzer, message.text).sentiment;
    const core::MessageSentiment result =
        sentiment.messages.empty() ? core::MessageSentiment{} : sentiment.messages.front();
    const int expected = Index(message.label), got = Index(result.label);
    ++confusion[expected][got];
    correct += expected == got;
    hard += message.hard;
    hard_correct += message.hard && expected == got;
    if (show_misses && expected != got) {
      std::cout << absl::StrFormat("miss %s expected %d got %d (%.2f): %s\n", message.id, expected - 1,
                                   got - 1, result.score, absl::StrReplaceAll(message.text, {{"\n", " / "}}));
    }
  }
  Score score;
  score.accuracy = static_cast<double>(correct) / set.size();
  score.hard_accuracy = hard == 0 ? 0 : static_cast<double>(hard_correct) / hard;
  for (int k = 0; k < 3; ++k) {
    const int predicted = confusion[0][k] + confusion[1][k] + confusion[2][k];
    const int actual = confusion[k][0] + confusion[k][1] + confusion[k][2];
    const double precision = predicted == 0 ? 0 : static_cast<double>(confusion[k][k]) / predicted;
    const double recall = actual == 0 ? 0 : static_cast<double>(confusion[k][k]) / actual;
    score.macro_f1 += precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) / 3;
  }
  std::cout << absl::StrFormat("%s: %zu messages, accuracy %.3f (hard %.3f over %d), macro-F1 %.3f\n",
                               name, set.size(), score.accuracy, score.hard_accuracy, hard, score.macro_f1);
  std::cout << "  rows expected, columns got: negative neutral positive\n";
  const char* names[3] = {"negative", "neutral ", "positive"};
  for (int e = 0; e < 3; ++e) {
    std::cout << absl::StrFormat("  %s %4d %4d %4d\n", names[e], confusion[e][0], confusion[e][1], confusion[e][2]);
  }
  return score;
}

// The messages the scorer's rules were developed against.
TEST(SentimentEvalTest, TuningSet) {
  const std::vector<LabelledMessage> set = LoadSet("tuning.tsv");
  ASSERT_EQ(set.size(), 800u);
  const Score score = Evaluate(set, "tuning", testing::ShowMisses());
  // Measured 0.884 (macro-F1 0.885) when the rules were last changed; VADER's rules with the
  // support lexicon before that change scored 0.705.
  EXPECT_GE(score.accuracy, 0.86);
  EXPECT_GE(score.macro_f1, 0.86);
}

// Messages nobody working on the scorer has read: only measured.
TEST(SentimentEvalTest, BlindSet) {
  const std::vector<LabelledMessage> set = LoadSet("blind.tsv");
  ASSERT_EQ(set.size(), 300u);
  const Score score = Evaluate(set, "blind", false);
  // Measured 0.773 (macro-F1 0.774) the first time it was run; the scorer before the rules
  // were developed against tuning.tsv scored 0.680.
  EXPECT_GE(score.accuracy, 0.75);
  EXPECT_GE(score.macro_f1, 0.75);
}

}  // namespace
}  // namespace debrief::analysis
