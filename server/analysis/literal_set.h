// Which of a few fixed strings occur in a text: the cheap checks that decide whether an
// expensive detector runs at all ("does this text mention 'password', 'token' or
// 'bearer'?"). Each string is anchored at its rarest byte, and the text is searched once
// per distinct anchor byte with memchr, so strings sharing a rare byte ('_' in "sk_" and
// "ghp_") cost one search.
//
//   static const LiteralSet* kKeys = new LiteralSet({"pass", "token", "bearer"});
//   const LiteralSet::Found found = kKeys->Find(lower);
//   if (found.any()) { ... found.test(1) ... }
#ifndef DEBRIEF_SERVER_ANALYSIS_LITERAL_SET_H_
#define DEBRIEF_SERVER_ANALYSIS_LITERAL_SET_H_

#include <array>
#include <bitset>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace debrief::analysis {

// Immutable after construction; thread-safe.
class LiteralSet {
 public:
  static constexpr size_t kMaxLiterals = 64;
  // Bit i is set when literal i occurs.
  using Found = std::bitset<kMaxLiterals>;

  // At most kMaxLiterals non-empty literals, compared byte for byte (lowercase them and
  // search a lowercased text to ignore case).
  explicit LiteralSet(std::initializer_list<absl::string_view> literals)
      : LiteralSet(std::vector<std::string>(literals.begin(), literals.end())) {}
  explicit LiteralSet(std::vector<std::string> literals);

  Found Find(absl::string_view text) const;
  size_t size() const { return literals_.size(); }

 private:
  // A literal anchored at its rarest byte (in English text), `offset` bytes into it: the
  // text is scanned for anchor bytes only, which are few, and each hit is compared.
  struct Anchored {
    uint8_t literal = 0;
    uint8_t offset = 0;
  };

  std::vector<std::string> literals_;
  // For each byte value, its anchored literals are anchored_[begin[b], begin[b + 1]).
  std::array<uint16_t, 257> begin_{};
  std::vector<Anchored> anchored_;
  std::vector<unsigned char> anchor_bytes_;
};

}  // namespace debrief::analysis

#endif  // DEBRIEF_SERVER_ANALYSIS_LITERAL_SET_H_
