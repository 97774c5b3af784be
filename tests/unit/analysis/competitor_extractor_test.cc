#include "server/analysis/competitor_extractor.h"

#include "gtest/gtest.h"
#include "tests/unit/analysis/test_tickets.h"

namespace debrief::analysis {
namespace {

using core::CompetitorContext;

config::CompetitorsOptions Competitors() {
  config::CompetitorsOptions options;
  options.competitors.push_back({.name = "Looker", .aliases = {"Google Looker"}, .products = {"Looker Studio"}});
  options.competitors.push_back({.name = "Microsoft", .aliases = {"MSFT"}, .products = {"Power BI"}});
  options.competitors.push_back({.name = "Front", .aliases = {}, .products = {}, .case_sensitive = true});
  return options;
}

std::vector<core::CompetitorMention> Mentions(const std::string& text) {
  auto extractor = CompetitorExtractor::Create(Competitors());
  EXPECT_TRUE(extractor.ok());
  return (*extractor)->Extract(ScanTicket(testing::CustomerSays(text)));
}

struct Case {
  const char* name;
  std::string text;
  std::string competitor;
  CompetitorContext context;
};

class CompetitorCases : public ::testing::TestWithParam<Case> {};

TEST_P(CompetitorCases, ClassifiesTheContext) {
  const auto mentions = Mentions(GetParam().text);
  ASSERT_EQ(mentions.size(), 1u) << GetParam().text;
  EXPECT_EQ(mentions[0].competitor, GetParam().competitor);
  EXPECT_EQ(mentions[0].context, GetParam().context)
      << GetParam().text << " -> " << core::CompetitorContextName(mentions[0].context);
  EXPECT_GE(mentions[0].confidence, 0.5);
}

INSTANTIATE_TEST_SUITE_P(
    Table, CompetitorCases,
    ::testing::Values(
        Case{"switching", "If this isn't fixed by Friday we will switch to Looker.", "Looker",
             CompetitorContext::kSwitching},
        Case{"evaluating", "Our CFO is evaluating Power BI as a replacement.", "Microsoft",
             CompetitorContext::kSwitching},
        Case{"negated_switching_is_a_mention", "We are not going to switch to Looker, don't worry.",
             "Looker", CompetitorContext::kMention},
        Case{"no_plans_is_not_switching", "We have no plans to move to Power BI.", "Microsoft",
             CompetitorContext::kMention},
        Case{"pricing", "Looker Studio is half the price for the same thing.", "Looker",
             CompetitorContext::kPricing},
        Case{"cheaper_than", "Honestly MSFT is cheaper than you per seat.", "Microsoft",
             CompetitorContext::kPricing},
        Case{"comparing", "Power BI has a drill-down feature that you lack.", "Microsoft",
             CompetitorContext::kComparing},
        Case{"integration", "We need to import dashboards from Looker.", "Looker",
             CompetitorContext::kIntegration},
        Case{"migration_from", "We are migrating from Looker, can you import the dashboards?", "Looker",
             CompetitorContext::kIntegration},
        Case{"past_migration_is_history", "We migrated from Looker last year.", "Looker",
             CompetitorContext::kMention},
        Case{"praise", "I love how Looker handles scheduled reports.", "Looker",
             CompetitorContext::kPraise},
        Case{"plain_mention", "Our other team uses Looker.", "Looker", CompetitorContext::kMention},
        Case{"case_sensitive_name", "Front sends the tickets to us.", "Front", CompetitorContext::kMention},
        Case{"possessive", "Looker's scheduling is brilliant for our managers.", "Looker",
             CompetitorContext::kPraise},
        Case{"moving_work_to_it", "The analysts are moving their reports to Looker next month.", "Looker",
             CompetitorContext::kSwitching},
        Case{"moving_work_from_it", "We are moving all dashboards from Looker this quarter.", "Looker",
             CompetitorContext::kIntegration},
        Case{"staying_is_not_switching", "We considered moving to Looker and decided to stay.", "Looker",
             CompetitorContext::kMention},
        Case{"after_cue_trial", "We started a Power BI trial this morning.", "Microsoft",
             CompetitorContext::kSwitching},
        Case{"priority_across_the_sentence", "Looker's charts are gorgeous, but the price is double yours.",
             "Looker", CompetitorContext::kPricing},
        Case{"equivalent_in_the_next_sentence",
             "In Looker you can drill into any bar. Is there an equivalent here?", "Looker",
             CompetitorContext::kComparing},
        Case{"importer_in_the_next_sentence", "We have 300 reports in Looker. Is there an importer?", "Looker",
             CompetitorContext::kIntegration},
        Case{"support_words_next_door_are_not_context",
             "Our Looker admin is away this week. Where do I see which API keys were created?", "Looker",
             CompetitorContext::kMention}),
    [](const ::testing::TestParamInfo<Case>& param_info) { return std::string(param_info.param.name); });

TEST(CompetitorExtractorTest, ACaseSensitiveNameInsideAnotherNameIsNotTheCompetitor) {
  EXPECT_TRUE(Mentions("The new Inbox Front button hides the sidebar.").empty());
  EXPECT_EQ(Mentions("We moved from Front last year.").size(), 1u);
}

TEST(CompetitorExtractorTest, MatchesOnWordBoundariesOnly) {
  EXPECT_TRUE(Mentions("The Lookers family called.").empty());
  EXPECT_TRUE(Mentions("It failed on the front page.").empty());  // case-sensitive "Front"
}

TEST(CompetitorExtractorTest, SeparatesSeveralCompetitorsInOneSentence) {
  const core::Ticket ticket = testing::CustomerSays(
      "We are moving to Looker next month; Power BI was too expensive for us.");
  auto extractor = CompetitorExtractor::Create(Competitors());
  const auto mentions = (*extractor)->Extract(ScanTicket(ticket));
  ASSERT_EQ(mentions.size(), 2u);
  EXPECT_EQ(mentions[0].competitor, "Looker");
  EXPECT_EQ(mentions[0].context, CompetitorContext::kSwitching);
  EXPECT_EQ(mentions[1].competitor, "Microsoft");
  EXPECT_EQ(mentions[1].alias, "Power BI");
  EXPECT_EQ(mentions[1].context, CompetitorContext::kPricing);
  EXPECT_EQ(testing::Pointed(ticket, mentions[0].evidence),
            "We are moving to Looker next month; Power BI was too expensive for us.");
}

TEST(CompetitorExtractorTest, IgnoresAgentsAndQuotesTheSentence) {
  const core::Ticket ticket = testing::Conversation(
      {{testing::kAgent, "Unlike Looker, we support this."},
       {testing::kCustomer, "Thanks. By the way, Looker Studio does it in one click. Anyway."}});
  auto extractor = CompetitorExtractor::Create(Competitors());
  const auto mentions = (*extractor)->Extract(ScanTicket(ticket));
  ASSERT_EQ(mentions.size(), 1u);
  EXPECT_EQ(mentions[0].evidence.message_index, 1);
  EXPECT_EQ(mentions[0].alias, "Looker Studio");
  EXPECT_EQ(testing::Pointed(ticket, mentions[0].evidence), "By the way, Looker Studio does it in one click.");
}

TEST(CompetitorExtractorTest, AbstainsWithoutConfiguredCompetitors) {
  auto extractor = CompetitorExtractor::Create({});
  EXPECT_TRUE((*extractor)->Extract(ScanTicket(testing::CustomerSays("We switch to Looker."))).empty());
}

}  // namespace
}  // namespace debrief::analysis
