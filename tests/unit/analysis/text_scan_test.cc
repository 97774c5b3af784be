#include "gtest/gtest.h"
#include "server/analysis/phrase_matcher.h"
#include "server/analysis/scanned_text.h"

namespace debrief::analysis {
namespace {

TEST(ScannedTextTest, SplitsSentencesButNotNumbersOrDottedNames) {
  const ScannedText scan("Version 2.4.1 broke it. See app.acme.io! Why?\nNew line");
  ASSERT_EQ(scan.sentences().size(), 4u);
  auto text = [&](size_t s) {
    return std::string(scan.text().substr(scan.sentences()[s].start,
                                          scan.sentences()[s].end - scan.sentences()[s].start));
  };
  EXPECT_EQ(text(0), "Version 2.4.1 broke it.");
  EXPECT_EQ(text(1), "See app.acme.io!");
  EXPECT_EQ(text(2), "Why?");
  EXPECT_EQ(text(3), "New line");
  EXPECT_TRUE(scan.IsQuestion(scan.sentences()[2]));
}

TEST(ScannedTextTest, NegationStaysInsideItsClause) {
  const ScannedText scan("We are not going to switch, but we will cancel");
  // tokens: we are not going to switch but we will cancel
  EXPECT_TRUE(scan.NegatedAt(5));   // switch
  EXPECT_FALSE(scan.NegatedAt(9));  // cancel: "but" starts a new clause
  EXPECT_TRUE(ScannedText("it doesn't really work").NegatedAt(3));
  EXPECT_FALSE(ScannedText("not that it matters, the export works").NegatedAt(6));
}

TEST(PhraseMatcherTest, MatchesPhrasesPrefixesAndNumbers) {
  PhraseMatcher matcher;
  matcher.Add("switch to", 1);
  matcher.Add("crash*", 2);
  matcher.Add("add # seats", 3);
  matcher.Add("switch", 4);
  EXPECT_FALSE(matcher.Add(" -- ", 5));
  const ScannedText scan("We may SWITCH TO them; it crashed. Add 12 seats, add more seats.");
  const std::vector<PhraseMatch> all = matcher.FindAll(scan);
  std::vector<int> ids;
  for (const PhraseMatch& match : all) ids.push_back(match.id);
  EXPECT_EQ(ids, (std::vector<int>{1, 4, 2, 3, 3}));
  const std::vector<PhraseMatch> longest = matcher.FindLongest(scan);
  ASSERT_EQ(longest.size(), 4u);
  EXPECT_EQ(longest[0].id, 1);
  EXPECT_EQ(longest[0].last - longest[0].first, 2u);
}

}  // namespace
}  // namespace debrief::analysis
