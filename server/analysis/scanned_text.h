// A text scanned once for every extractor: its ASCII-lowercased copy, word tokens,
// sentences and clause breaks, plus the negation test all extractors share. Offsets are
// bytes of the original text, so evidence built from them quotes the redacted text exactly.
//
//   ScannedText scan(message.body_text);
//   for (const TextRange& sentence : scan.sentences()) { ... scan.word(t) ... }
#ifndef DEBRIEF_SERVER_ANALYSIS_SCANNED_TEXT_H_
#define DEBRIEF_SERVER_ANALYSIS_SCANNED_TEXT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "server/analysis/ticket_text.h"
#include "server/analysis/tokenizer.h"
#include "server/core/ticket.h"

namespace debrief::analysis {

// Tokens [first, last) of a scanned text, with their byte range [start, end).
struct TextRange {
  size_t first = 0;
  size_t last = 0;
  size_t start = 0;
  size_t end = 0;
};

// Thread-compatible; views `text`, which must outlive it.
class ScannedText {
 public:
  explicit ScannedText(absl::string_view text);

  absl::string_view text() const { return text_; }
  const std::string& lower() const { return lower_; }
  const std::vector<TokenSpan>& tokens() const { return tokens_; }
  size_t size() const { return tokens_.size(); }
  // Lowercased token `t`.
  absl::string_view word(size_t t) const {
    return absl::string_view(lower_.data() + tokens_[t].start, tokens_[t].end - tokens_[t].start);
  }
  // Hash of word(t), computed once so every matcher can look tokens up without rehashing.
  size_t hash(size_t t) const { return tokens_info_[t].hash; }
  // word(t)[0] and word(t)[1] (0 for a one-byte word), kept beside the hash so a matcher's
  // per-token test reads one record.
  unsigned char first_byte(size_t t) const { return tokens_info_[t].first_byte; }
  unsigned char second_byte(size_t t) const { return tokens_info_[t].second_byte; }
  // Original-case token `t`.
  absl::string_view original(size_t t) const;
  // Sentences, split after . ! ? and at line breaks; each has at least one token.
  const std::vector<TextRange>& sentences() const { return sentences_; }
  // Index into sentences() of the sentence holding token `t`.
  size_t SentenceOf(size_t t) const { return tokens_info_[t].sentence; }
  // True when punctuation (, ; : . ! ? ( ) or a line break) separates token t-1 from t.
  bool PunctuationBefore(size_t t) const;
  // True when token t starts a new clause: punctuation before it, or it is a contrast or
  // condition word ("but", "however", "although", "if", "unless", "because", "and", "so").
  bool ClauseStartsAt(size_t t) const { return (tokens_info_[t].flags & kClauseStart) != 0; }
  // True when token t is a negator (IsNegator).
  bool IsNegatorAt(size_t t) const { return (tokens_info_[t].flags & kNegator) != 0; }
  // True when token t is a number or quantity word (IsNumberWord).
  bool IsNumberAt(size_t t) const { return (tokens_info_[t].flags & kNumber) != 0; }
  // True when a negator ("not", "never", "no", "without", words ending in "n't", "no
  // longer"...) appears within `window` tokens before token `t` in the same clause.
  bool NegatedAt(size_t t, int window = 4) const;
  // The clause holding token `t`, as a range (bounded by ClauseStartsAt).
  TextRange ClauseOf(size_t t) const;
  // Range of tokens [first, last) with byte offsets filled in.
  TextRange Range(size_t first, size_t last) const;
  // Whether the sentence ends with a question mark.
  bool IsQuestion(const TextRange& sentence) const;

 private:
  absl::string_view text_;
  std::string lower_;
  std::vector<TokenSpan> tokens_;
  // Per token, computed once: its WordHash, its sentence, its first two bytes, and the flags
  // behind ClauseStartsAt, IsNegatorAt and IsNumberAt.
  enum Flag : uint8_t { kClauseStart = 1, kNegator = 2, kNumber = 4 };
  struct TokenInfo {
    size_t hash = 0;
    uint32_t sentence = 0;
    uint8_t flags = 0;
    unsigned char first_byte = 0;
    unsigned char second_byte = 0;
  };
  std::vector<TokenInfo> tokens_info_;
  std::vector<TextRange> sentences_;
};

// True when `text` contains `lower_word` (lowercase ASCII), ignoring ASCII case.
bool ContainsIgnoreCase(absl::string_view text, absl::string_view lower_word);

// True when `text` holds a currency sign ($, \u20ac, \u00a3): an amount of money.
bool ContainsCurrencySign(absl::string_view text);

// The hash ScannedText::hash uses.
size_t WordHash(absl::string_view lower_word);

// True for negation words ("not", "no", "never", "don't", "cannot", ...).
bool IsNegator(absl::string_view lower_word);

// True when `word` (lowercase) is a number in digits or words ("15", "five") or a quantity
// word ("more", "several", "additional").
bool IsNumberWord(absl::string_view word);

// One text of a ticket (subject or message), scanned.
struct ScannedSegment {
  TextSegment segment;
  ScannedText scan;
};

// The subject and every message with text, scanned; views `ticket`, which must outlive
// the result and stay unchanged.
std::vector<ScannedSegment> ScanTicket(const core::Ticket& ticket);

}  // namespace debrief::analysis

#endif  // DEBRIEF_SERVER_ANALYSIS_SCANNED_TEXT_H_
