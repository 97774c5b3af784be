#include "server/analysis/scanned_text.h"

#include <algorithm>
#include <cstdlib>
#include <initializer_list>

#include "absl/container/flat_hash_map.h"
#include "absl/hash/hash.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"

namespace debrief::analysis {
namespace {

// What a listed word is, for the per-token flags.
enum WordClass : uint8_t { kClauseWord = 1, kNegatorWord = 2, kNumberWord = 4 };

// The lowercase words with a class, looked up once per token by its precomputed WordHash;
// the word itself is compared only when the hash is listed.
class WordClasses {
 public:
  WordClasses() {
    Add(kClauseWord, {"but", "however", "although", "though", "if", "unless", "because", "and", "so",
                      "while", "whereas", "yet", "otherwise"});
    Add(kNegatorWord, {"not",     "no",      "never",    "none",   "nothing", "nobody",  "neither",
                       "nor",     "cannot",  "without",  "hardly", "barely",  "rarely",  "nowhere",
                       "dont",    "wont",    "cant",     "isnt",   "arent",   "wasnt",   "didnt",
                       "doesnt",  "havent",  "hasnt",    "couldnt", "wouldnt", "shouldnt", "aint",
                       "neednt",  "refuse",  "refuses",  "refused"});
    // Number and quantity words; numbers in digits are recognized by their bytes.
    Add(kNumberWord, {"two", "six", "ten", "few", "four", "five", "nine", "more", "three", "seven",
                      "eight", "forty", "fifty", "dozen", "extra", "eleven", "twelve", "twenty",
                      "thirty", "couple", "fifteen", "hundred", "several", "another", "additional"});
  }
  uint8_t Of(absl::string_view word, size_t hash) const {
    const auto it = by_hash_.find(hash);
    return it != by_hash_.end() && it->second.word == word ? it->second.classes : 0;
  }

 private:
  struct Entry {
    absl::string_view word;
    uint8_t classes = 0;
  };
  void Add(WordClass word_class, std::initializer_list<absl::string_view> words) {
    for (const absl::string_view word : words) {
      Entry& entry = by_hash_[WordHash(word)];
      if (!entry.word.empty() && entry.word != word) std::abort();  // two listed words share a hash
      entry.word = word;
      entry.classes |= word_class;
    }
  }
  absl::flat_hash_map<size_t, Entry> by_hash_;
};

const WordClasses& Classes() {
  static const auto* kClasses = new WordClasses();
  return *kClasses;
}

bool AllDigits(absl::string_view word) {
  return !word.empty() && std::all_of(word.begin(), word.end(), [](char c) { return absl::ascii_isdigit(c); });
}

bool IsPunctuation(char c) {
  return c == ',' || c == ';' || c == ':' || c == '.' || c == '!' || c == '?' || c == '(' ||
         c == ')' || c == '\n';
}

}  // namespace

bool IsNegator(absl::string_view word) {
  return (Classes().Of(word, WordHash(word)) & kNegatorWord) != 0 || absl::EndsWith(word, "n't");
}

bool IsNumberWord(absl::string_view word) {
  return AllDigits(word) || (Classes().Of(word, WordHash(word)) & kNumberWord) != 0;
}

bool ContainsCurrencySign(absl::string_view text) {
  return absl::StrContains(text, "$") || absl::StrContains(text, "\u20ac") ||
         absl::StrContains(text, "\u00a3");
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
  tokens_info_.resize(tokens_.size());
  for (size_t t = 0; t < tokens_.size(); ++t) {
    const absl::string_view w = word(t);
    const size_t hash = WordHash(w);
    const uint8_t classes = Classes().Of(w, hash);
    uint8_t flags = 0;
    if ((classes & kClauseWord) != 0 || PunctuationBefore(t)) flags |= kClauseStart;
    if ((classes & kNegatorWord) != 0 || absl::EndsWith(w, "n't")) flags |= kNegator;
    if ((classes & kNumberWord) != 0 || (absl::ascii_isdigit(w[0]) && AllDigits(w))) flags |= kNumber;
    tokens_info_[t].hash = hash;
    tokens_info_[t].flags = flags;
    tokens_info_[t].first_byte = static_cast<unsigned char>(w[0]);
    tokens_info_[t].second_byte = w.size() > 1 ? static_cast<unsigned char>(w[1]) : 0;
  }
  size_t first = 0;
  for (size_t t = 0; t < tokens_.size(); ++t) {
    tokens_info_[t].sentence = static_cast<uint32_t>(sentences_.size());
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
