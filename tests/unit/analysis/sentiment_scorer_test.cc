#include "server/analysis/sentiment_scorer.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/unit/analysis/test_tickets.h"

namespace debrief::analysis {
namespace {

using core::SentimentLabel;
using testing::kAgent;
using testing::kCustomer;

struct Case {
  const char* name;
  std::string text;
  SentimentLabel expected;
};

class SentimentCases : public ::testing::TestWithParam<Case> {};

TEST_P(SentimentCases, LabelsCustomerMessages) {
  static const SentimentScorer scorer;
  const ScannedText scan(GetParam().text);
  const TextSentiment result = scorer.ScoreText(scan);
  EXPECT_EQ(result.label, GetParam().expected)
      << GetParam().text << " -> score " << result.score;
  EXPECT_GE(result.score, -1.0);
  EXPECT_LE(result.score, 1.0);
  EXPECT_GT(result.confidence, 0.0);
  EXPECT_LE(result.confidence, 1.0);
}

INSTANTIATE_TEST_SUITE_P(
    Table, SentimentCases,
    ::testing::Values(
        Case{"plain_praise", "Thank you so much, that fixed it!", SentimentLabel::kPositive},
        Case{"works_now", "Yes, it works now. Great support as always.", SentimentLabel::kPositive},
        Case{"short_thanks", "Thanks!", SentimentLabel::kPositive},
        Case{"did_the_trick", "Clearing the cache did the trick, all good now", SentimentLabel::kPositive},
        Case{"negation_of_positive", "I am not happy with this service.", SentimentLabel::kNegative},
        Case{"negated_negative_is_not_negative", "The new export is not bad at all.", SentimentLabel::kPositive},
        Case{"still_not_working", "I restarted as you said and it is still not working.", SentimentLabel::kNegative},
        Case{"intensified_anger", "This is absolutely unacceptable!!!", SentimentLabel::kNegative},
        Case{"polite_but_angry",
             "Thank you for your reply, but this is the third time I am asking and the export is still broken.",
             SentimentLabel::kNegative},
        Case{"polite_request_is_neutral", "Hi, how do I add a new user to my workspace? Thanks in advance.",
             SentimentLabel::kNeutral},
        Case{"polite_question_is_neutral", "Could you tell me where to find the invoice for March? Thanks",
             SentimentLabel::kNeutral},
        Case{"plain_question", "Where can I change the billing address?", SentimentLabel::kNeutral},
        Case{"contrast_ends_negative", "The app looks great, but the sync keeps failing every day.",
             SentimentLabel::kNegative},
        Case{"contrast_ends_positive", "It was slow yesterday but today it works perfectly.",
             SentimentLabel::kPositive},
        Case{"sarcasm_marker", "Oh great, the export crashed again. Just what I needed.", SentimentLabel::kNegative},
        Case{"thanks_for_nothing", "Thanks for nothing.", SentimentLabel::kNegative},
        Case{"problem_report", "Since this morning our dashboard shows an error and we can't log in.",
             SentimentLabel::kNegative},
        Case{"waiting_for_days", "We have been waiting for days without any response.", SentimentLabel::kNegative},
        Case{"support_word_is_not_praise", "Please ask support to call me back about the invoice.",
             SentimentLabel::kNeutral},
        Case{"caps_anger", "This is RIDICULOUS, fix it now", SentimentLabel::kNegative},
        Case{"lost_data", "We lost data from last week because of the sync.", SentimentLabel::kNegative},
        Case{"neutral_information", "Our account id is 4821 and we use the EU region.", SentimentLabel::kNeutral}),
    [](const ::testing::TestParamInfo<Case>& param_info) { return std::string(param_info.param.name); });

TEST(SentimentScorerTest, TrajectoryFollowsTheCustomerAcrossTheTicket) {
  const core::Ticket ticket = testing::Conversation({
      {kCustomer, "The export has been broken for days and I'm really frustrated."},
      {kAgent, "Sorry about that! We deployed a fix, could you try again?"},
      {kCustomer, "That fixed it, thank you so much!"},
  });
  const SentimentScorer scorer;
  const core::Sentiment sentiment = scorer.Score(ScanTicket(ticket));
  ASSERT_EQ(sentiment.messages.size(), 2u);  // customer messages only
  EXPECT_EQ(sentiment.messages[0].message_index, 0);
  EXPECT_EQ(sentiment.messages[1].message_index, 2);
  EXPECT_EQ(sentiment.messages[0].label, SentimentLabel::kNegative);
  EXPECT_EQ(sentiment.messages[1].label, SentimentLabel::kPositive);
  EXPECT_DOUBLE_EQ(sentiment.start, sentiment.messages[0].score);
  EXPECT_DOUBLE_EQ(sentiment.end, sentiment.messages[1].score);
  EXPECT_DOUBLE_EQ(sentiment.delta, sentiment.end - sentiment.start);
  EXPECT_GT(sentiment.delta, 0.8);
  // Weighted toward the end.
  EXPECT_EQ(sentiment.label, SentimentLabel::kPositive);
}

TEST(SentimentScorerTest, EvidencePointsAtTheWordsThatDroveTheScore) {
  const core::Ticket ticket = testing::CustomerSays("Honestly I am not happy: the sync is still not working.");
  const core::Sentiment sentiment = SentimentScorer().Score(ScanTicket(ticket));
  ASSERT_EQ(sentiment.messages.size(), 1u);
  std::vector<std::string> quotes;
  for (const core::Evidence& evidence : sentiment.messages[0].evidence) {
    quotes.push_back(testing::Pointed(ticket, evidence));
  }
  EXPECT_THAT(quotes, ::testing::ElementsAre("still not working", "not happy"));
}

TEST(SentimentScorerTest, AbstainsWhenTheCustomerWroteNothing) {
  const core::Ticket ticket = testing::Conversation({{kAgent, "Closing this as resolved, thanks!"}});
  const core::Sentiment sentiment = SentimentScorer().Score(ScanTicket(ticket));
  EXPECT_TRUE(sentiment.messages.empty());
  EXPECT_EQ(sentiment.label, SentimentLabel::kUnspecified);
}

}  // namespace
}  // namespace debrief::analysis
