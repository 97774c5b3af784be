#include "server/analysis/scanned_text.h"

#include <algorithm>
#include <initializer_list>

#include "absl/container/flat_hash_set.h"
#include "absl/hash/hash.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"

namespace debrief::analysis {
namespace {

// A small set of lowercase words looked up by a token's precomputed WordHash; the word
// itself is compared only when the hash is in the set.
class WordSet {
 public:
  WordSet(std::initializer_list<absl::string_view> words) : words_(words) {
    for (const absl::string_view word : words) hashes_.insert(WordHash(word));
  }
  bool Contains(absl::string_view word, size_t hash) const {
    return hashes_.contains(hash) && words_.contains(word);
  }

 private:
  absl::flat_hash_set<size_t> hashes_;
  absl::flat_hash_set<absl::string_view> words_;
};

const WordSet& ClauseWords() {
  static const auto* kWords = new WordSet({"but", "however", "although", "though", "if", "unless",
                                           "because", "and", "so", "while", "whereas", "yet",
                                           "otherwise"});
  return *kWords;
}

const WordSet& Negators() {
  static const auto* kNegators = new WordSet(
      {"not",    "no",      "never",  "none",   "nothing", "nobody",  "neither", "nor",
       "cannot", "without", "hardly", "barely", "rarely",  "nowhere", "dont",    "wont",
       "cant",   "isnt",    "arent",  "wasnt",  "didnt",   "doesnt",  "havent",  "hasnt",
       "couldnt", "wouldnt", "shouldnt", "aint", "neednt",  "refuse",  "refuses", "refused"});
  return *kNegators;
}

bool IsPunctuation(char c) {
  return c == ',' || c == ';' || c == ':' || c == '.' || c == '!' || c == '?' || c == '(' ||
         c == ')' || c == '\n';
}

}  // namespace

bool IsNegator(absl::string_view word) {
  return Negators().Contains(word, WordHash(word)) || absl::EndsWith(word, "n't");
}

bool IsNumberWord(absl::string_view word) {
  if (word.empty()) return false;
  if (std::all_of(word.begin(), word.end(), [](char c) { return absl::ascii_isdigit(c); })) {
    return true;
  }
  // Number and quantity words, grouped by length so a word is compared with few of them.
  auto any_of = [&](std::initializer_list<absl::string_view> words) {
    return std::find(words.begin(), words.end(), word) != words.end();
  };
  switch (word.size()) {
    case 3: return any_of({"two", "six", "ten", "few"});
    case 4: return any_of({"four", "five", "nine", "more"});
    case 5: return any_of({"three", "seven", "eight", "forty", "fifty", "dozen", "extra"});
    case 6: return any_of({"eleven", "twelve", "twenty", "thirty", "couple"});
    case 7: return any_of({"fifteen", "hundred", "several", "another"});
    case 10: return word == "additional";
    default: return false;
  }
}

bool ContainsIgnoreCase(absl::string_view text, absl::string_view lower_word) {
  if (lower_word.empty()) return true;
  for (size_t i = 0; i + lower_word.size() <= text.size(); ++i) {
    if (absl::ascii_tolower(text[i]) != lower_word[0]) continue;
    if (absl::EqualsIgnoreCase(text.substr(i, lower_word.size()), lower_word)) return true;
  }
  return false;
}

size_t WordHash(absl::string_view lower_word) { return absl::Hash<absl::string_view>{}(lower_word); }

ScannedText::ScannedText(absl::string_view text)
    : text_(text), lower_(LowerAscii(text)), tokens_(Tokenize(lower_)) {
  hashes_.resize(tokens_.size());
  flags_.resize(tokens_.size());
  for (size_t t = 0; t < tokens_.size(); ++t) {
    const absl::string_view w = word(t);
    const size_t hash = WordHash(w);
    hashes_[t] = hash;
    uint8_t flags = 0;
    if (PunctuationBefore(t) || ClauseWords().Contains(w, hash)) flags |= kClauseStart;
    if (Negators().Contains(w, hash) || absl::EndsWith(w, "n't")) flags |= kNegator;
    if (IsNumberWord(w)) flags |= kNumber;
    flags_[t] = flags;
  }
  sentence_of_token_.resize(tokens_.size());
  size_t first = 0;
  for (size_t t = 0; t < tokens_.size(); ++t) {
    sentence_of_token_[t] = sentences_.size();
    // A sentence ends after this token when the gap to the next token (or the end of the
    // text) holds . ! ? or a line break, except inside numbers and dotted names ("v1.2",
    // "e.g.", "app.example").
    const size_t gap_start = tokens_[t].end;
    const size_t gap_end = t + 1 < tokens_.size() ? tokens_[t + 1].start : text.size();
    bool ends = t + 1 == tokens_.size();
    for (size_t i = gap_start; i < gap_end && !ends; ++i) {
      const char c = text[i];
      if (c == '\n' || c == '!' || c == '?') ends = true;
      if (c == '.' && (i + 1 >= text.size() || text[i + 1] == ' ' || text[i + 1] == '\n' ||
                       text[i + 1] == '"' || text[i + 1] == ')')) {
        ends = true;
      }
    }
    if (ends) {
      sentences_.push_back(Range(first, t + 1));
      // Include the closing punctuation in the sentence's bytes.
      size_t end = gap_start;
      while (end < gap_end && (text[end] == '.' || text[end] == '!' || text[end] == '?' ||
                               text[end] == '"' || text[end] == ')')) {
        ++end;
      }
      sentences_.back().end = end;
      first = t + 1;
    }
  }
}

absl::string_view ScannedText::original(size_t t) const {
  return text_.substr(tokens_[t].start, tokens_[t].end - tokens_[t].start);
}

bool ScannedText::PunctuationBefore(size_t t) const {
  if (t == 0) return true;
  for (size_t i = tokens_[t - 1].end; i < tokens_[t].start; ++i) {
    if (IsPunctuation(text_[i])) return true;
  }
  return false;
}

bool ScannedText::NegatedAt(size_t t, int window) const {
  for (size_t k = t, steps = 0; k > 0 && steps < static_cast<size_t>(window); ++steps) {
    if (ClauseStartsAt(k)) return false;
    --k;
    if (IsNegatorAt(k)) return true;
  }
  return false;
}

TextRange ScannedText::ClauseOf(size_t t) const {
  size_t first = t;
  while (first > 0 && !ClauseStartsAt(first)) --first;
  size_t last = t + 1;
  while (last < tokens_.size() && !ClauseStartsAt(last)) ++last;
  return Range(first, last);
}

TextRange ScannedText::Range(size_t first, size_t last) const {
  TextRange range;
  range.first = first;
  range.last = last;
  if (first < last && last <= tokens_.size()) {
    range.start = tokens_[first].start;
    range.end = tokens_[last - 1].end;
  }
  return range;
}

bool ScannedText::IsQuestion(const TextRange& sentence) const {
  return sentence.end > sentence.start && sentence.end <= text_.size() &&
         text_.substr(sentence.start, sentence.end - sentence.start).find('?') !=
             absl::string_view::npos;
}

std::vector<ScannedSegment> ScanTicket(const core::Ticket& ticket) {
  std::vector<ScannedSegment> scanned;
  for (const TextSegment& segment : TextSegments(ticket)) {
    scanned.push_back({segment, ScannedText(segment.text)});
  }
  return scanned;
}

}  // namespace debrief::analysis
