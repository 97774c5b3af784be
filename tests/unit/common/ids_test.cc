#include "server/common/ids.h"

#include <set>
#include <string>

#include "absl/strings/escaping.h"
#include "gtest/gtest.h"
#include "tests/fakes/fake_clock.h"

namespace debrief::common {
namespace {

TEST(IdsTest, StableIdIsDeterministicAndPrefixed) {
  const std::string a = StableId("dcl", "zendesk||42|delivery:abc");
  EXPECT_EQ(a, StableId("dcl", "zendesk||42|delivery:abc"));
  EXPECT_NE(a, StableId("dcl", "zendesk||42|delivery:abd"));
  ASSERT_EQ(a.size(), 4u + 26u);
  EXPECT_EQ(a.substr(0, 4), "dcl_");
}

TEST(IdsTest, NewIdsAreUniqueAndSortByTime) {
  testing::FakeClock clock;
  SeededRandom random(7);
  std::set<std::string> ids;
  std::string previous;
  for (int i = 0; i < 1000; ++i) {
    clock.Advance(absl::Milliseconds(1));
    const std::string id = NewId("dsg", clock, random);
    EXPECT_TRUE(ids.insert(id).second) << id;
    EXPECT_LT(previous, id);
    previous = id;
  }
}

TEST(IdsTest, Sha256MatchesKnownVector) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(IdsTest, HmacSha256MatchesRfc4231Vector) {
  // RFC 4231 test case 2.
  EXPECT_EQ(absl::BytesToHexString(HmacSha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

struct Utf8Case {
  std::string text;
  bool valid;
};

TEST(IdsTest, ValidatesUtf8) {
  const Utf8Case cases[] = {
      {"plain ascii", true},
      {"caf\xc3\xa9", true},
      {"\xe2\x82\xac euro", true},
      {"\xf0\x9f\x98\x80 emoji", true},
      {"\xc3", false},                  // truncated
      {"\xc0\xaf", false},              // overlong '/'
      {"\xed\xa0\x80", false},          // surrogate
      {"\xf4\x90\x80\x80", false},      // above U+10FFFF
      {"\xff", false},
      {std::string("nul\0inside", 10), true},
  };
  for (const Utf8Case& c : cases) {
    EXPECT_EQ(IsValidUtf8(c.text), c.valid) << absl::CEscape(c.text);
  }
}

}  // namespace
}  // namespace debrief::common
