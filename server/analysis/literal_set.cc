#include "server/analysis/literal_set.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <utility>

namespace debrief::analysis {
namespace {

// How common a byte is in support text (lowercased): the blank, then letters by English
// frequency. Bytes not listed (digits, punctuation, capitals, UTF-8) are rarer than all.
int Commonness(unsigned char byte) {
  static constexpr absl::string_view kByFrequency = " etaoinshrdlcumwfgypbvkjxqz";
  const size_t rank = kByFrequency.find(static_cast<char>(byte));
  return rank == absl::string_view::npos ? 0 : static_cast<int>(kByFrequency.size() - rank);
}

}  // namespace

LiteralSet::LiteralSet(std::vector<std::string> literals) : literals_(std::move(literals)) {
  // Programming errors, not input: callers pass at most kMaxLiterals non-empty strings.
  if (literals_.size() > kMaxLiterals) std::abort();
  std::vector<std::pair<unsigned char, Anchored>> by_byte;
  for (size_t i = 0; i < literals_.size(); ++i) {
    const std::string& literal = literals_[i];
    if (literal.empty() || literal.size() > 255) std::abort();
    size_t rarest = 0;
    for (size_t k = 1; k < literal.size(); ++k) {
      if (Commonness(literal[k]) < Commonness(literal[rarest])) rarest = k;
    }
    by_byte.push_back({static_cast<unsigned char>(literal[rarest]),
                       {static_cast<uint8_t>(i), static_cast<uint8_t>(rarest)}});
  }
  std::stable_sort(by_byte.begin(), by_byte.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  size_t next = 0;
  for (int byte = 0; byte < 256; ++byte) {
    begin_[byte] = static_cast<uint16_t>(next);
    if (next < by_byte.size() && by_byte[next].first == byte)
      anchor_bytes_.push_back(static_cast<unsigned char>(byte));
    while (next < by_byte.size() && by_byte[next].first == byte)
      anchored_.push_back(by_byte[next++].second);
  }
  begin_[256] = static_cast<uint16_t>(next);
}

LiteralSet::Found LiteralSet::Find(absl::string_view text) const {
  Found found;
  const size_t n = text.size();
  if (n == 0) return found;
  // One memchr (SIMD) per anchor byte: anchors are rare, so this skips most of the text
  // far faster than a loop over its bytes.
  for (const unsigned char byte : anchor_bytes_) {
    for (const char* at = static_cast<const char*>(std::memchr(text.data(), byte, n));
         at != nullptr;
         at = static_cast<const char*>(std::memchr(at + 1, byte, n - (at + 1 - text.data())))) {
      const size_t i = static_cast<size_t>(at - text.data());
      for (size_t a = begin_[byte]; a < begin_[byte + 1]; ++a) {
        const Anchored& anchored = anchored_[a];
        const std::string& want = literals_[anchored.literal];
        if (i < anchored.offset) continue;
        const size_t start = i - anchored.offset;
        if (n - start >= want.size() && text.compare(start, want.size(), want) == 0)
          found.set(anchored.literal);
      }
    }
  }
  return found;
}

}  // namespace debrief::analysis
