// Which of a few fixed strings occur in a text, found in one pass over its bytes: the
// cheap checks that decide whether an expensive detector runs at all ("does this message
// mention 'wrote', 'from:' or '--'?"). Replaces one substring search per string.
//
//   static const LiteralSet kCues({"wrote", "from:", "--"});
//   const LiteralSet::Found found = kCues.Find(lower);
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
  explicit LiteralSet(std::initializer_list<absl::string_view> literals);
  explicit LiteralSet(const std::vector<std::string>& literals);

  Found Find(absl::string_view text) const;
  size_t size() const { return literals_.size(); }

 private:
  void Index();
  static uint16_t Pair(unsigned char a, unsigned char b) { return static_cast<uint16_t>(a << 8 | b); }

  std::vector<std::string> literals_;
  // One-byte literals by their byte.
  std::array<Found, 256> single_{};
  bool any_single_ = false;
  // Longer literals by their first two bytes: a bit per pair in use, and for each such
  // pair the literals starting with it, sorted by pair.
  std::bitset<65536> pairs_;
  std::vector<std::pair<uint16_t, std::vector<uint8_t>>> by_pair_;
};

}  // namespace debrief::analysis

#endif  // DEBRIEF_SERVER_ANALYSIS_LITERAL_SET_H_
