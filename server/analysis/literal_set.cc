#include "server/analysis/literal_set.h"

#include <algorithm>
#include <cstdlib>

namespace debrief::analysis {

LiteralSet::LiteralSet(std::vector<std::string> literals) : literals_(std::move(literals)) {
  // Programming errors, not input: callers pass at most kMaxLiterals non-empty strings.
  if (literals_.size() > kMaxLiterals) std::abort();
  for (size_t i = 0; i < literals_.size(); ++i) {
    const absl::string_view literal = literals_[i];
    if (literal.empty()) std::abort();
    const auto index = static_cast<uint8_t>(i);
    if (literal.size() == 1) {
      singles_.emplace_back(literal[0], index);
      continue;
    }
    const auto first = static_cast<unsigned char>(literal[0]);
    const uint16_t pair = Pair(first, static_cast<unsigned char>(literal[1]));
    first_bytes_[first] = true;
    pairs_[pair >> 6] |= uint64_t{1} << (pair & 63);
    auto it = std::find_if(by_pair_.begin(), by_pair_.end(), [&](const auto& entry) { return entry.first == pair; });
    if (it == by_pair_.end()) it = by_pair_.insert(by_pair_.end(), {pair, {}});
    it->second.push_back(index);
  }
  std::sort(by_pair_.begin(), by_pair_.end());
}

LiteralSet::Found LiteralSet::Find(absl::string_view text) const {
  Found found;
  for (const auto& [byte, literal] : singles_) {
    if (text.find(byte) != absl::string_view::npos) found.set(literal);
  }
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  for (size_t i = 0; i + 1 < n; ++i) {
    // Most bytes start no literal: one table load decides.
    if (!first_bytes_[bytes[i]]) continue;
    const uint16_t pair = Pair(bytes[i], bytes[i + 1]);
    if ((pairs_[pair >> 6] >> (pair & 63) & 1) == 0) continue;
    const auto entry = std::lower_bound(by_pair_.begin(), by_pair_.end(), pair,
                                        [](const auto& candidate, uint16_t key) { return candidate.first < key; });
    for (const uint8_t literal : entry->second) {
      const std::string& want = literals_[literal];
      if (n - i >= want.size() && text.compare(i, want.size(), want) == 0) found.set(literal);
    }
  }
  return found;
}

}  // namespace debrief::analysis
