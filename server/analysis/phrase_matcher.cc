#include "server/analysis/phrase_matcher.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"

namespace debrief::analysis {
namespace {

bool WordMatches(absl::string_view pattern, absl::string_view word) {
  if (pattern == "#") return IsNumberWord(word);
  if (!pattern.empty() && pattern.back() == '*') {
    return absl::StartsWith(word, pattern.substr(0, pattern.size() - 1));
  }
  return pattern == word;
}

bool IsOpen(absl::string_view word) { return word == "#" || (!word.empty() && word.back() == '*'); }

}  // namespace

bool IsNumberWord(absl::string_view word) {
  if (word.empty()) return false;
  if (std::all_of(word.begin(), word.end(), [](char c) { return absl::ascii_isdigit(c); })) {
    return true;
  }
  if (!absl::ascii_isalpha(word[0]) || word.size() > 10) return false;
  static constexpr absl::string_view kNumbers[] = {
      "two",    "three",  "four",    "five",    "six",     "seven",    "eight",   "nine",
      "ten",    "eleven", "twelve",  "fifteen", "twenty",  "thirty",   "forty",   "fifty",
      "hundred", "dozen", "several", "another", "additional", "extra", "more", "few", "couple"};
  return std::find(std::begin(kNumbers), std::end(kNumbers), word) != std::end(kNumbers);
}

bool PhraseMatcher::Add(absl::string_view phrase, int id) {
  Phrase entry;
  entry.id = id;
  // Tokenize like the text, but keep the '*' and '#' markers.
  const std::string lower = LowerAscii(phrase);
  for (absl::string_view part : absl::StrSplit(lower, ' ', absl::SkipWhitespace())) {
    if (part == "#") {
      entry.words.emplace_back("#");
      continue;
    }
    const bool prefix = absl::EndsWith(part, "*");
    if (prefix) part.remove_suffix(1);
    for (const TokenSpan& token : Tokenize(part)) {
      entry.words.emplace_back(part.substr(token.start, token.end - token.start));
    }
    if (prefix && !entry.words.empty()) entry.words.back() += '*';
  }
  if (entry.words.empty()) return false;
  ++count_;
  if (entry.words.front() == "#") {
    number_first_.push_back(std::move(entry));
  } else if (IsOpen(entry.words.front())) {
    prefix_first_.push_back(std::move(entry));
  } else {
    const size_t key = WordHash(entry.words.front());
    by_first_word_[key].push_back(std::move(entry));
  }
  return true;
}

bool PhraseMatcher::MatchesAt(const Phrase& phrase, const ScannedText& scan, size_t t,
                              size_t last) const {
  if (t + phrase.words.size() > last) return false;
  for (size_t k = 0; k < phrase.words.size(); ++k) {
    if (!WordMatches(phrase.words[k], scan.word(t + k))) return false;
  }
  return true;
}

std::vector<PhraseMatch> PhraseMatcher::FindIn(const ScannedText& scan, size_t first,
                                               size_t last) const {
  std::vector<PhraseMatch> matches;
  if (count_ == 0) return matches;
  last = std::min(last, scan.size());
  for (size_t t = first; t < last; ++t) {
    const size_t before = matches.size();
    if (auto it = by_first_word_.find(scan.hash(t)); it != by_first_word_.end()) {
      for (const Phrase& phrase : it->second) {
        if (MatchesAt(phrase, scan, t, last)) {
          matches.push_back({phrase.id, t, t + phrase.words.size()});
        }
      }
    }
    if (!number_first_.empty() && IsNumberWord(scan.word(t))) {
      for (const Phrase& phrase : number_first_) {
        if (MatchesAt(phrase, scan, t, last)) matches.push_back({phrase.id, t, t + phrase.words.size()});
      }
    }
    const absl::string_view word = scan.word(t);
    for (const Phrase& phrase : prefix_first_) {
      if (phrase.words.front()[0] != word[0]) continue;
      if (MatchesAt(phrase, scan, t, last)) matches.push_back({phrase.id, t, t + phrase.words.size()});
    }
    if (matches.size() - before > 1) {
      std::stable_sort(matches.begin() + before, matches.end(),
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
