#include "server/analysis/tokenizer.h"

#include <array>

namespace debrief::analysis {
namespace {

constexpr std::array<bool, 256> kWordBytes = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 256; ++c) {
    table[static_cast<size_t>(c)] =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
  }
  return table;
}();

bool IsWordByte(unsigned char c) { return kWordBytes[c]; }

}  // namespace

std::string LowerAscii(absl::string_view text) {
  std::string out(text);
  // Branch-free over a raw pointer, so the compiler vectorizes it.
  auto* bytes = reinterpret_cast<unsigned char*>(out.data());
  const size_t n = out.size();
  for (size_t i = 0; i < n; ++i) {
    const unsigned char c = bytes[i];
    bytes[i] = static_cast<unsigned char>(c + (static_cast<unsigned char>(c - 'A') < 26 ? 32 : 0));
  }
  return out;
}

std::vector<TokenSpan> Tokenize(absl::string_view text) {
  std::vector<TokenSpan> tokens;
  const size_t n = text.size();
  // About one token per six bytes of prose: one allocation for most texts.
  tokens.reserve(n / 5 + 1);
  size_t i = 0;
  while (i < n) {
    while (i < n && !IsWordByte(static_cast<unsigned char>(text[i]))) ++i;
    if (i >= n) break;
    const size_t start = i;
    while (i < n) {
      const auto c = static_cast<unsigned char>(text[i]);
      if (IsWordByte(c)) {
        ++i;
      } else if (c == '\'' && i + 1 < n && IsWordByte(static_cast<unsigned char>(text[i + 1]))) {
        i += 2;
      } else {
        break;
      }
    }
    tokens.push_back({start, i});
  }
  return tokens;
}

std::vector<std::string> TokenWords(absl::string_view text) {
  const std::string lower = LowerAscii(text);
  std::vector<std::string> words;
  for (const TokenSpan& token : Tokenize(lower)) {
    words.emplace_back(lower.substr(token.start, token.end - token.start));
  }
  return words;
}

}  // namespace debrief::analysis
