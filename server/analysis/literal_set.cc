#include "server/analysis/literal_set.h"

#include <algorithm>
#include <cstdlib>

namespace debrief::analysis {

LiteralSet::LiteralSet(std::initializer_list<absl::string_view> literals) {
  for (const absl::string_view literal : literals) literals_.emplace_back(literal);
  Index();
}

LiteralSet::LiteralSet(const std::vector<std::string>& literals) : literals_(literals) { Index(); }

void LiteralSet::Index() {
  // A programming error, not input: the lists are fixed in code.
  if (literals_.size() > kMaxLiterals) std::abort();
  for (size_t i = 0; i < literals_.size(); ++i) {
    const std::string& literal = literals_[i];
    if (literal.empty()) std::abort();
    if (literal.size() == 1) {
      single_[static_cast<unsigned char>(literal[0])].set(i);
      any_single_ = true;
      continue;
    }
    const uint16_t pair = Pair(static_cast<unsigned char>(literal[0]), static_cast<unsigned char>(literal[1]));
    pairs_.set(pair);
    auto it = std::find_if(by_pair_.begin(), by_pair_.end(), [&](const auto& entry) { return entry.first == pair; });
    if (it == by_pair_.end()) it = by_pair_.insert(by_pair_.end(), {pair, {}});
    it->second.push_back(static_cast<uint8_t>(i));
  }
  std::sort(by_pair_.begin(), by_pair_.end());
}

LiteralSet::Found LiteralSet::Find(absl::string_view text) const {
  Found found;
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  for (size_t i = 0; i < n; ++i) {
    if (any_single_) found |= single_[bytes[i]];
    if (i + 1 == n) break;
    const uint16_t pair = Pair(bytes[i], bytes[i + 1]);
    if (!pairs_.test(pair)) continue;
    const auto it = std::lower_bound(by_pair_.begin(), by_pair_.end(), pair,
                                     [](const auto& entry, uint16_t key) { return entry.first < key; });
    for (const uint8_t literal : it->second) {
      const std::string& want = literals_[literal];
      if (n - i >= want.size() && text.compare(i, want.size(), want) == 0) found.set(literal);
    }
  }
  return found;
}

}  // namespace debrief::analysis
