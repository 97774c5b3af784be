// Which of a few fixed strings occur in a text, found in one pass over its bytes: the
// cheap checks that decide whether an expensive detector runs at all ("does this text
// mention 'password', 'token' or 'bearer'?"). One pass beats a substring search per
// string once there are more than a handful of strings with common first letters.
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
#include <utility>
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
  static uint16_t Pair(unsigned char a, unsigned char b) { return static_cast<uint16_t>(a << 8 | b); }

  std::vector<std::string> literals_;
  // One-byte literals: (byte, literal index).
  std::vector<std::pair<char, uint8_t>> singles_;
  // Longer literals: the first bytes in use, a bit per two-byte prefix in use, and the
  // literals by prefix (sorted by prefix).
  std::array<bool, 256> first_bytes_{};
  std::array<uint64_t, 1024> pairs_{};
  std::vector<std::pair<uint16_t, std::vector<uint8_t>>> by_pair_;
};

}  // namespace debrief::analysis

#endif  // DEBRIEF_SERVER_ANALYSIS_LITERAL_SET_H_
