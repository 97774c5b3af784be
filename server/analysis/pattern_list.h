// Configured RE2 patterns (taxonomy and resolution rules) searched together. Each pattern's
// required literals (RE2's FilteredRE2 "atoms") are looked for in the text first, so a
// pattern runs only on texts that can hold a match. Most texts hold none of the literals,
// and then no pattern runs at all.
//
//   PatternList patterns;
//   patterns.Add("(?i)charged (me )?twice");    // index 0
//   patterns.Compile();
//   for (const PatternMatch& m : patterns.FindEach(text, LowerAscii(text))) { ... }
#ifndef DEBRIEF_SERVER_ANALYSIS_PATTERN_LIST_H_
#define DEBRIEF_SERVER_ANALYSIS_PATTERN_LIST_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "re2/filtered_re2.h"
#include "server/analysis/literal_set.h"

namespace debrief::analysis {

// Pattern `index` matched bytes [start, end) of the text (its leftmost match).
struct PatternMatch {
  int index = 0;
  size_t start = 0;
  size_t end = 0;
};

// Add every pattern, then Compile once; immutable (and thread-safe) after that.
class PatternList {
 public:
  PatternList();
  ~PatternList();
  PatternList(PatternList&&) noexcept;
  PatternList& operator=(PatternList&&) noexcept;

  // Adds `pattern` as the next index (0, 1, ...). INVALID_ARGUMENT with RE2's message when
  // the pattern does not compile; nothing is added then.
  absl::Status Add(absl::string_view pattern);
  void Compile();
  int size() const { return count_; }
  bool empty() const { return count_ == 0; }

  // The leftmost match of every pattern that matches `text`, by ascending index. `lower` is
  // `text` with ASCII letters lowercased (same length).
  std::vector<PatternMatch> FindEach(absl::string_view text, absl::string_view lower) const;

 private:
  // Indices into atoms_ of the literals present in `lower`.
  std::vector<int> AtomsIn(absl::string_view lower) const;

  std::unique_ptr<re2::FilteredRE2> filter_;
  int count_ = 0;
  bool compiled_ = false;
  // The literals, lowercased. Literals with non-ASCII bytes (which ASCII lowercasing of the
  // text cannot match reliably) count as always present.
  std::vector<std::string> atoms_;
  std::vector<int> always_present_;
  // The ASCII literals in one LiteralSet when they fit (its index i is atom
  // atom_of_literal_[i]); otherwise each is searched for on its own.
  std::unique_ptr<LiteralSet> atom_set_;
  std::vector<int> atom_of_literal_;
  // The patterns without literals, which every text must try.
  std::vector<int> unfiltered_;
};

}  // namespace debrief::analysis

#endif  // DEBRIEF_SERVER_ANALYSIS_PATTERN_LIST_H_
