#include "server/analysis/literal_set.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace debrief::analysis {
namespace {

TEST(LiteralSetTest, ReportsEachLiteralThatOccursAnywhere) {
  const LiteralSet set({"wrote", "from:", "--", ">", "err", "error"});
  const LiteralSet::Found found = set.Find("on monday dana wrote:\n> quoted error");
  EXPECT_TRUE(found.test(0));
  EXPECT_FALSE(found.test(1));
  EXPECT_FALSE(found.test(2));
  EXPECT_TRUE(found.test(3));
  EXPECT_TRUE(found.test(4));
  EXPECT_TRUE(found.test(5));
  EXPECT_TRUE(set.Find("").none());
  EXPECT_TRUE(set.Find("e").none());
}

TEST(LiteralSetTest, FindsLiteralsAtBothEndsAndSharingTheirFirstBytes) {
  const LiteralSet set({"sk_", "sms", "sk_live_", "x"});
  EXPECT_EQ(set.Find("sk_").to_ulong(), 0b0001u);
  EXPECT_EQ(set.Find("use sk_live_ and sms").to_ulong(), 0b0111u);
  EXPECT_EQ(set.Find("sk").to_ulong(), 0u);  // a prefix cut by the end of the text
  EXPECT_EQ(set.Find("sm").to_ulong(), 0u);
  EXPECT_EQ(set.Find("max").to_ulong(), 0b1000u);
}

TEST(LiteralSetTest, ComparesBytesExactly) {
  const LiteralSet set({"Exception", "\xC3\xA9"});  // "é"
  EXPECT_TRUE(set.Find("exception").none());
  EXPECT_TRUE(set.Find("IllegalStateException").test(0));
  EXPECT_TRUE(set.Find("caf\xC3\xA9").test(1));
}

TEST(LiteralSetTest, AgreesWithSubstringSearchOverGeneratedTexts) {
  const std::vector<std::string> literals = {"ab", "abc", "b", "ca", "cab", "bb", "aaa", "c-a"};
  const LiteralSet set({"ab", "abc", "b", "ca", "cab", "bb", "aaa", "c-a"});
  uint32_t seed = 11;
  for (int round = 0; round < 5000; ++round) {
    std::string text;
    seed = seed * 1664525u + 1013904223u;
    const size_t length = (seed >> 10) % 12;
    for (size_t i = 0; i < length; ++i) {
      seed = seed * 1664525u + 1013904223u;
      text += "abc-"[(seed >> 12) % 4];
    }
    const LiteralSet::Found found = set.Find(text);
    for (size_t i = 0; i < literals.size(); ++i) {
      ASSERT_EQ(found.test(i), text.find(literals[i]) != std::string::npos)
          << text << " / " << literals[i];
    }
  }
}

}  // namespace
}  // namespace debrief::analysis
