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
        Case{"neutral_information", "Our account id is 4821 and we use the EU region.", SentimentLabel::kNeutral},
        // Scare quotes: a promise quoted back is a complaint, and praise around it is irony.
        Case{"scare_quotes", "'Unlimited' data apparently means throttled after 30 GB. Good to know.",
             SentimentLabel::kNegative},
        Case{"screen_text_quotes_are_not_irony", "When I click 'Save' the dialog closes and I see the list.",
             SentimentLabel::kNeutral},
        Case{"quotes_in_a_question_are_not_irony", "What does 'pending review' mean on my order?",
             SentimentLabel::kNeutral},
        // A question that asks for information names its topic, not a feeling.
        Case{"how_to_with_negative_topic", "How do I report a player for cheating? I have a clip of it.",
             SentimentLabel::kNeutral},
        Case{"why_question_complains", "Why is the sync failing again and again?", SentimentLabel::kNegative},
        // Negation: a negated complaint word is not praise, an emphatic one is.
        Case{"not_angry_but_disappointed", "I'm not angry, I'm just very disappointed that nobody told us.",
             SentimentLabel::kNegative},
        Case{"emphatic_negation", "Not one outage since the new router, long may it continue!",
             SentimentLabel::kPositive},
        Case{"exclamation_owns_its_negator", "Can't believe how easy the migration was.", SentimentLabel::kPositive},
        Case{"negated_duration_is_still_bad", "We couldn't sleep for a week because of the noise.",
             SentimentLabel::kNegative},
        // Gratitude survives a mildly negative word that describes the past.
        Case{"thanks_after_a_cancellation", "Thank you for the quick refund after the cancelled trip.",
             SentimentLabel::kPositive},
        Case{"thanks_after_a_fix_however_bad", "Was about to write an angry email, then the patch landed and it works now. Thanks!",
             SentimentLabel::kPositive},
        Case{"request_formula_thanks_is_neutral", "Hello, I would like to know if you have a student discount. Thank you.",
             SentimentLabel::kNeutral},
        // Words that are codes or product vocabulary here.
        Case{"acronym_in_an_id", "Please confirm receipt of PO-2291 by Friday.", SentimentLabel::kNeutral},
        Case{"product_words", "How do I restore the saved filters I created last week?", SentimentLabel::kNeutral},
        Case{"not_important_is_not_a_malfunction", "You can delete the old files, they're not important.",
             SentimentLabel::kNeutral},
        Case{"keeps_repeating", "The app keeps logging me out every few minutes.", SentimentLabel::kNegative},
        Case{"churn_threat", "If this isn't fixed by Monday we'll be moving to another provider.",
             SentimentLabel::kNegative},
        // A thank-you note tells what went wrong; its thanks still count.
        Case{"thank_you_note_with_a_story",
             "I am writing to thank you for the excellent service. My card was stolen abroad and I was very "
             "stressed. Within an hour it was blocked and the fraudulent charges were reversed.",
             SentimentLabel::kPositive},
        Case{"thanks_then_a_persisting_problem", "Thanks for the update. The export is still broken and we lost a day.",
             SentimentLabel::kNegative},
        // Asking, or saying it is no complaint, makes problem words a topic.
        Case{"asking_message_statements",
             "I want to avoid deleting anything by mistake. Can a deleted project be recovered?",
             SentimentLabel::kNeutral},
        Case{"disclaimed_complaint", "Not urgent: the export fails for files over 2 GB on the old plan.",
             SentimentLabel::kNeutral},
        Case{"quotes_in_an_asking_message",
             "The docs list this card as 'card declined' but the sandbox says 'insufficient funds'. Which is right?",
             SentimentLabel::kNeutral},
        // Short praise next to a complaint is irony.
        Case{"short_praise_beside_a_complaint", "Wonderful. Charged twice for the same order. Again.",
             SentimentLabel::kNegative},
        Case{"short_praise_after_good_news", "Two minutes in the app chat and done. Brilliant.", SentimentLabel::kPositive},
        Case{"sign_off_best_is_no_praise", "Please send the signed contract to our legal team.\nBest,\nRafael",
             SentimentLabel::kNeutral}),
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
