#include "server/analysis/phrase_matcher.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"

namespace debrief::analysis {

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
      prefix_first_[byte].push_back(std::move(entry));
      prefix_first_bytes_.set(byte);
      any_prefix_first_ = true;
      break;
    }
    case Word::Kind::kExact: {
      const size_t key = first.hash;
      first_word_bits_.set(key % first_word_bits_.size());
      by_first_word_[key].push_back(std::move(entry));
      break;
    }
  }
  return true;
}

bool PhraseMatcher::MatchesAt(const Phrase& phrase, const ScannedText& scan, size_t t,
                              size_t last) const {
  if (t + phrase.words.size() > last) return false;
  for (size_t k = 0; k < phrase.words.size(); ++k) {
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
  auto try_all = [&](const std::vector<Phrase>& phrases, size_t t) {
    for (const Phrase& phrase : phrases) {
      if (MatchesAt(phrase, scan, t, last)) matches.push_back({phrase.id, t, t + phrase.words.size()});
    }
  };
  const bool any_number_first = !number_first_.empty();
  for (size_t t = first; t < last; ++t) {
    const size_t before = matches.size();
    const size_t hash = scan.hash(t);
    if (first_word_bits_[hash % first_word_bits_.size()]) {
      if (auto it = by_first_word_.find(hash); it != by_first_word_.end()) try_all(it->second, t);
    }
    if (any_number_first && scan.IsNumberAt(t)) try_all(number_first_, t);
    if (any_prefix_first_) {
      // Tokens are never empty.
      const auto byte = static_cast<unsigned char>(scan.word(t)[0]);
      if (prefix_first_bytes_[byte]) try_all(prefix_first_[byte], t);
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
