// Matching lists of words and phrases against a scanned text on word boundaries,
// case-insensitively: the building block of every cue list (competitor aliases, feedback
// cues, signal phrases, fix-category keywords). A phrase is words separated by spaces; a
// word ending in '*' matches any word with that prefix ("crash*" matches "crashes"), and
// '#' matches a number or quantity word ("add # seats" matches "add 15 seats", "add five
// seats" and "add more seats").
//
//   PhraseMatcher matcher;
//   matcher.Add("switch to", kSwitching);
//   for (const PhraseMatch& m : matcher.FindAll(scan)) { ... }
#ifndef DEBRIEF_SERVER_ANALYSIS_PHRASE_MATCHER_H_
#define DEBRIEF_SERVER_ANALYSIS_PHRASE_MATCHER_H_

#include <array>
#include <bitset>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "server/analysis/scanned_text.h"

namespace debrief::analysis {

// Tokens [first, last) of the text matched phrase `id`.
struct PhraseMatch {
  int id = 0;
  size_t first = 0;
  size_t last = 0;
};

// Immutable after the last Add; thread-safe for concurrent finds.
class PhraseMatcher {
 public:
  // Adds `phrase` with caller-chosen `id`. Returns false (and adds nothing) when the
  // phrase has no words.
  bool Add(absl::string_view phrase, int id);
  bool empty() const { return count_ == 0; }

  // Every match in `scan`, ordered by first token, longest first at the same token.
  std::vector<PhraseMatch> FindAll(const ScannedText& scan) const;
  // Matches within tokens [first, last) only.
  std::vector<PhraseMatch> FindIn(const ScannedText& scan, size_t first, size_t last) const;
  // Like FindAll, but overlapping matches are dropped in favour of the earliest, then the
  // longest one.
  std::vector<PhraseMatch> FindLongest(const ScannedText& scan) const;

 private:
  // One word of a phrase: exact (compared by hash, then text), a prefix ("crash*", text
  // without the '*') or a number ("#").
  struct Word {
    enum class Kind { kExact, kPrefix, kNumber };
    Kind kind = Kind::kExact;
    std::string text;
    size_t hash = 0;
  };
  struct Phrase {
    std::vector<Word> words;
    int id = 0;
  };
  // Whether `phrase` matches tokens from `t` (ending by `last`), comparing its words from
  // `from_word` on (the earlier ones are known to match).
  static bool MatchesAt(const Phrase& phrase, const ScannedText& scan, size_t t, size_t last,
                        size_t from_word);

  // Keyed by WordHash of the first word; `first_word_bits_` has bit (hash % 4096) set for
  // each key, so most tokens are rejected without a lookup.
  absl::flat_hash_map<size_t, std::vector<Phrase>> by_first_word_;
  std::bitset<4096> first_word_bits_;
  // Whether two different first words share a hash (then each phrase compares its first word).
  bool first_word_collision_ = false;
  // Phrases whose first word is a number ("#"), and those whose first word is a prefix
  // ("crash*"): bucketed by the prefix's first two bytes (a one-byte prefix by its byte), so
  // a token meets only the prefixes it could start with.
  std::vector<Phrase> number_first_;
  std::array<std::vector<Phrase>, 256> prefix_first_;
  std::bitset<256> prefix_first_bytes_;
  absl::flat_hash_map<uint16_t, std::vector<Phrase>> prefix2_first_;
  std::bitset<65536> prefix2_first_bytes_;
  bool any_prefix_first_ = false;
  bool any_prefix2_first_ = false;
  int count_ = 0;
};

}  // namespace debrief::analysis

#endif  // DEBRIEF_SERVER_ANALYSIS_PHRASE_MATCHER_H_
