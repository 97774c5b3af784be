#include "gtest/gtest.h"
#include "server/analysis/rule_tagger.h"
#include "tests/unit/analysis/test_tickets.h"

namespace debrief::analysis {
namespace {

TEST(RuleTaggerEvidenceTest, SameWordsFoundByKeywordAndPatternAreQuotedOnce) {
  config::TaxonomyOptions options;
  options.tags.push_back({.id = "billing/refund/double-charge",
                          .keywords = {"charged twice"},
                          .patterns = {"(?i)charged (me )?twice"}});
  auto taxonomy = Taxonomy::Create(options);
  ASSERT_TRUE(taxonomy.ok());
  auto tagger = RuleTagger::Create(options, *taxonomy);
  ASSERT_TRUE(tagger.ok());
  const core::Ticket ticket = testing::CustomerSays("You charged twice. Please refund.");
  const std::vector<core::Label> labels = (*tagger)->Score(ticket);
  ASSERT_EQ(labels.size(), 1u);
  std::vector<std::string> quotes;
  for (const core::Evidence& evidence : labels[0].evidence) quotes.push_back(testing::Pointed(ticket, evidence));
  // The keyword and the pattern both match "charged twice": one span, not two.
  EXPECT_EQ(quotes, (std::vector<std::string>{"charged twice"}));
  // Both rules still count toward confidence.
  EXPECT_GT(labels[0].confidence, 0.8);
}

}  // namespace
}  // namespace debrief::analysis
