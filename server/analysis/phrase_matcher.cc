#include "server/analysis/phrase_matcher.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"

namespace debrief::analysis {
namespace {

uint16_t TwoBytes(unsigned char first, unsigned char second) {
  return static_cast<uint16_t>(first << 8 | second);
}

}  // namespace

bool PhraseMatcher::Add(absl::string_view phrase, int id) {
  Phrase entry;
  entry.id = id;
  // Tokenize like the text, but keep the '*' and '#' markers.
  const std::string lower = LowerAscii(phrase);
  for (absl::string_view part : absl::StrSplit(lower, ' ', absl::SkipWhitespace())) {
    if (part == "#") {
      entry.words.push_back({Word::Kind::kNumber, "#", 0});
      continue;
    }
    const bool prefix = absl::EndsWith(part, "*");
    if (prefix) part.remove_suffix(1);
    for (const TokenSpan& token : Tokenize(part)) {
      const absl::string_view text = part.substr(token.start, token.end - token.start);
      entry.words.push_back({Word::Kind::kExact, std::string(text), WordHash(text)});
    }
    if (prefix && !entry.words.empty()) entry.words.back().kind = Word::Kind::kPrefix;
  }
  if (entry.words.empty()) return false;
  ++count_;
  const Word& first = entry.words.front();
  switch (first.kind) {
    case Word::Kind::kNumber: number_first_.push_back(std::move(entry)); break;
    case Word::Kind::kPrefix: {
      const auto byte = static_cast<unsigned char>(first.text[0]);
      if (first.text.size() >= 2) {
        const uint16_t key = TwoBytes(byte, static_cast<unsigned char>(first.text[1]));
        prefix2_first_[key].push_back(std::move(entry));
        prefix2_first_bytes_.set(key);
        any_prefix2_first_ = true;
      } else {
        prefix_first_[byte].push_back(std::move(entry));
        prefix_first_bytes_.set(byte);
        any_prefix_first_ = true;
      }
      break;
    }
    case Word::Kind::kExact: {
      const size_t key = first.hash;
      first_word_bits_.set(key % first_word_bits_.size());
      std::vector<Phrase>& phrases = by_first_word_[key];
      // Two first words with one hash: their phrases compare the first word each time.
      if (!phrases.empty() && phrases.front().words.front().text != first.text) first_word_collision_ = true;
      phrases.push_back(std::move(entry));
      break;
    }
  }
  return true;
}

// Whether `phrase` matches the tokens of `scan` starting at `t`, ending by `last`. Words
// are compared by hash first: most candidates fail there, without touching the text.
inline bool PhraseMatcher::MatchesAt(const Phrase& phrase, const ScannedText& scan, size_t t,
                                     size_t last, size_t from_word) {
  const size_t size = phrase.words.size();
  if (t + size > last) return false;
  for (size_t k = from_word; k < size; ++k) {
    const Word& pattern = phrase.words[k];
    switch (pattern.kind) {
      case Word::Kind::kExact:
        if (scan.hash(t + k) != pattern.hash || scan.word(t + k) != pattern.text) return false;
        break;
      case Word::Kind::kPrefix:
        if (!absl::StartsWith(scan.word(t + k), pattern.text)) return false;
        break;
      case Word::Kind::kNumber:
        if (!scan.IsNumberAt(t + k)) return false;
        break;
    }
  }
  return true;
}

std::vector<PhraseMatch> PhraseMatcher::FindIn(const ScannedText& scan, size_t first,
                                               size_t last) const {
  std::vector<PhraseMatch> matches;
  if (count_ == 0) return matches;
  last = std::min(last, scan.size());
  // Locals, so the per-token test below stays in registers while `matches` grows.
  const bool any_number_first = !number_first_.empty();
  const bool any_prefix_first = any_prefix_first_;
  const bool any_prefix2_first = any_prefix2_first_;
  for (size_t t = first; t < last; ++t) {
    // Most tokens start no phrase: one test of the hash bit, the number flag and the first
    // byte, without branching on each.
    const size_t hash = scan.hash(t);
    const unsigned char byte = scan.first_byte(t);
    const uint16_t two_bytes = TwoBytes(byte, scan.second_byte(t));
    const bool by_word = first_word_bits_[hash % first_word_bits_.size()];
    const bool by_number = any_number_first && scan.IsNumberAt(t);
    const bool by_prefix = any_prefix_first && prefix_first_bytes_[byte];
    const bool by_prefix2 = any_prefix2_first && prefix2_first_bytes_[two_bytes];
    if (!(by_word | by_number | by_prefix | by_prefix2)) continue;
    // Up to four candidate lists: by the first word's hash, number-first phrases, and
    // prefix-first phrases by their first byte or two.
    // The first word of the phrases found by their first word's hash and of the number-first
    // ones is known to match (the word's text is compared once per list, not per phrase).
    const std::vector<Phrase>* candidates[4];
    size_t from_word[4];
    int lists = 0;
    if (by_word) {
      if (auto it = by_first_word_.find(hash); it != by_first_word_.end()) {
        if (first_word_collision_) {
          from_word[lists] = 0;
          candidates[lists++] = &it->second;
        } else if (scan.word(t) == it->second.front().words.front().text) {
          from_word[lists] = 1;
          candidates[lists++] = &it->second;
        }
      }
    }
    if (by_number) {
      from_word[lists] = 1;
      candidates[lists++] = &number_first_;
    }
    if (by_prefix) {
      from_word[lists] = 0;
      candidates[lists++] = &prefix_first_[byte];
    }
    if (by_prefix2) {
      from_word[lists] = 0;
      candidates[lists++] = &prefix2_first_.find(two_bytes)->second;
    }
    if (lists == 0) continue;
    size_t added = 0;
    for (int list = 0; list < lists; ++list) {
      for (const Phrase& phrase : *candidates[list]) {
        if (!MatchesAt(phrase, scan, t, last, from_word[list])) continue;
        if (matches.empty()) matches.reserve(8);  // one allocation for most texts
        matches.push_back({phrase.id, t, t + phrase.words.size()});
        ++added;
      }
    }
    if (added > 1) {
      std::stable_sort(matches.end() - static_cast<std::ptrdiff_t>(added), matches.end(),
                       [](const PhraseMatch& a, const PhraseMatch& b) { return a.last > b.last; });
    }
  }
  return matches;
}

std::vector<PhraseMatch> PhraseMatcher::FindAll(const ScannedText& scan) const {
  return FindIn(scan, 0, scan.size());
}

std::vector<PhraseMatch> PhraseMatcher::FindLongest(const ScannedText& scan) const {
  std::vector<PhraseMatch> kept;
  size_t covered_until = 0;
  for (const PhraseMatch& match : FindAll(scan)) {
    if (!kept.empty() && match.first < covered_until) continue;
    kept.push_back(match);
    covered_until = match.last;
  }
  return kept;
}

}  // namespace debrief::analysis
