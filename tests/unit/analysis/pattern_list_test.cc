#include "server/analysis/pattern_list.h"

#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "re2/re2.h"
#include "server/analysis/tokenizer.h"

namespace debrief::analysis {
namespace {

std::vector<int> Indices(const PatternList& patterns, absl::string_view text) {
  std::vector<int> out;
  for (const PatternMatch& match : patterns.FindEach(text, LowerAscii(text)))
    out.push_back(match.index);
  return out;
}

PatternList Compiled(std::initializer_list<const char*> sources) {
  PatternList patterns;
  for (const char* source : sources) EXPECT_TRUE(patterns.Add(source).ok()) << source;
  patterns.Compile();
  return patterns;
}

TEST(PatternListTest, FindsTheLeftmostMatchOfEachMatchingPattern) {
  const PatternList patterns = Compiled({R"((?i)charged (me )?(twice|two times))",
                                         R"(\b(GET|POST) /(api|v\d)/)", R"((?i)\bENG-[0-9]+\b)"});
  const std::string text = "You CHARGED me twice; see ENG-42 and ENG-7 for GET /v2/users";
  const std::vector<PatternMatch> found = patterns.FindEach(text, LowerAscii(text));
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(text.substr(found[0].start, found[0].end - found[0].start), "CHARGED me twice");
  EXPECT_EQ(found[1].index, 1);
  EXPECT_EQ(text.substr(found[1].start, found[1].end - found[1].start), "GET /v2/");
  EXPECT_EQ(text.substr(found[2].start, found[2].end - found[2].start), "ENG-42");
}

TEST(PatternListTest, ALiteralInTheWrongCaseDoesNotMatchACaseSensitivePattern) {
  // The filter lowercases; the pattern itself still decides.
  const PatternList patterns = Compiled({R"(\bGET /api/)"});
  EXPECT_EQ(Indices(patterns, "get /api/ is lowercase"), std::vector<int>{});
  EXPECT_EQ(Indices(patterns, "GET /api/ is not"), std::vector<int>{0});
}

TEST(PatternListTest, PatternsWithoutLiteralsAlwaysRun) {
  const PatternList patterns = Compiled({R"(\b[0-9]{3}-[0-9]{4}\b)", R"((?i)outage)", R"(x)"});
  EXPECT_EQ(Indices(patterns, "call 555-0100 now"), std::vector<int>{0});
  EXPECT_EQ(Indices(patterns, "an OUTAGE at x"), (std::vector<int>{1, 2}));
  EXPECT_EQ(Indices(patterns, "nothing here"), std::vector<int>{});
}

TEST(PatternListTest, NonAsciiTextAndLiteralsStillMatch) {
  // "(?i)k" also matches the Kelvin sign, which ASCII lowercasing leaves alone.
  const PatternList patterns = Compiled({R"((?i)kelvin)", R"((?i)ärger mit)", R"(Straße)"});
  EXPECT_EQ(Indices(patterns,
                    "\xE2\x84\xAA"
                    "elvin"),
            std::vector<int>{0});
  EXPECT_EQ(Indices(patterns, "viel ÄRGER MIT dem Export"), std::vector<int>{1});
  EXPECT_EQ(Indices(patterns, "Hauptstraße 5, Straße"), std::vector<int>{2});
}

TEST(PatternListTest, RejectsAnInvalidPatternNamingTheProblem) {
  PatternList patterns;
  const absl::Status status = patterns.Add("(unclosed");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("missing )"), std::string::npos) << status.message();
  EXPECT_TRUE(patterns.empty());
  patterns.Compile();
  EXPECT_TRUE(patterns.FindEach("anything", "anything").empty());
}

TEST(PatternListTest, AgreesWithPlainRe2OverManyTexts) {
  const std::vector<const char*> sources = {
      R"((?i)\b(is|are|seems|went) down\b)", R"((?i)charged (me )?(twice|two times))",
      R"((?i)\b(?:ENG|BUG|JIRA)-[0-9]+\b)", R"(\b[A-Z]{3,}\b)", R"((?i)time ?out|timed out)"};
  PatternList patterns;
  std::vector<std::unique_ptr<RE2>> plain;
  for (const char* source : sources) {
    ASSERT_TRUE(patterns.Add(source).ok());
    plain.push_back(std::make_unique<RE2>(source));
  }
  patterns.Compile();
  const std::vector<std::string> words = {"the", "site",    "is",   "down",  "Down",   "charged",
                                          "me",  "twice",   "two",  "times", "bug-12", "JIRA-9",
                                          "API", "timeout", "time", "out",   "timed",  "ok",
                                          "\n",  "went",    "dOwN!"};
  uint32_t seed = 7;
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    for (int w = 0; w < 8; ++w) {
      seed = seed * 1664525u + 1013904223u;
      text += words[(seed >> 8) % words.size()];
      text += ' ';
    }
    std::vector<int> expected;
    for (size_t i = 0; i < sources.size(); ++i) {
      if (RE2::PartialMatch(text, *plain[i])) expected.push_back(static_cast<int>(i));
    }
    ASSERT_EQ(Indices(patterns, text), expected) << text;
  }
}

}  // namespace
}  // namespace debrief::analysis
