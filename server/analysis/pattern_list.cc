#include "server/analysis/pattern_list.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "re2/re2.h"

namespace debrief::analysis {
namespace {

// Shorter literals filter little and would be looked up at most positions.
constexpr int kMinAtomLength = 3;

bool IsAscii(absl::string_view text) {
  // No early exit, so the compiler vectorizes it.
  unsigned char bits = 0;
  for (const char c : text) bits |= static_cast<unsigned char>(c);
  return bits < 0x80;
}

}  // namespace

PatternList::PatternList() : filter_(std::make_unique<re2::FilteredRE2>(kMinAtomLength)) {}
PatternList::~PatternList() = default;
PatternList::PatternList(PatternList&&) noexcept = default;
PatternList& PatternList::operator=(PatternList&&) noexcept = default;

absl::Status PatternList::Add(absl::string_view pattern) {
  RE2::Options options;
  options.set_log_errors(false);
  int id = 0;
  if (filter_->Add(re2::StringPiece(pattern.data(), pattern.size()), options, &id) !=
      RE2::NoError) {
    // FilteredRE2 keeps no error text; compile once more for the message.
    const RE2 re(re2::StringPiece(pattern.data(), pattern.size()), options);
    return absl::InvalidArgumentError(absl::StrCat("invalid RE2 pattern: ", re.error()));
  }
  ++count_;
  return absl::OkStatus();
}

void PatternList::Compile() {
  if (count_ == 0 || compiled_) return;
  filter_->Compile(&atoms_);
  compiled_ = true;
  std::vector<std::string> literals;
  for (size_t i = 0; i < atoms_.size(); ++i) {
    if (!IsAscii(atoms_[i])) {
      always_present_.push_back(static_cast<int>(i));
    } else {
      literals.push_back(atoms_[i]);
      atom_of_literal_.push_back(static_cast<int>(i));
    }
  }
  if (literals.size() <= LiteralSet::kMaxLiterals)
    atom_set_ = std::make_unique<LiteralSet>(std::move(literals));
  filter_->AllPotentials({}, &unfiltered_);
  std::sort(unfiltered_.begin(), unfiltered_.end());
}

std::vector<int> PatternList::AtomsIn(absl::string_view lower) const {
  std::vector<int> found = always_present_;
  if (atom_set_ != nullptr) {
    const LiteralSet::Found present = atom_set_->Find(lower);
    for (size_t i = 0; i < atom_of_literal_.size(); ++i) {
      if (present.test(i)) found.push_back(atom_of_literal_[i]);
    }
  } else {
    for (size_t i = 0; i < atoms_.size(); ++i) {
      if (lower.find(atoms_[i]) != absl::string_view::npos) found.push_back(static_cast<int>(i));
    }
  }
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  return found;
}

std::vector<PatternMatch> PatternList::FindEach(absl::string_view text,
                                                absl::string_view lower) const {
  std::vector<PatternMatch> matches;
  if (count_ == 0 || !compiled_) return matches;
  std::vector<int> candidates;
  if (IsAscii(text)) {
    const std::vector<int> atoms = AtomsIn(lower);
    if (atoms.empty()) {
      candidates = unfiltered_;
    } else {
      filter_->AllPotentials(atoms, &candidates);
      std::sort(candidates.begin(), candidates.end());
    }
  } else {
    // Case-insensitive patterns match some non-ASCII letters by their ASCII literals
    // ("(?i)k" matches the Kelvin sign), which ASCII lowercasing does not fold: every
    // pattern runs on such texts.
    for (int i = 0; i < count_; ++i) candidates.push_back(i);
  }
  const re2::StringPiece input(text.data(), text.size());
  for (const int index : candidates) {
    re2::StringPiece match;
    if (!filter_->GetRE2(index).Match(input, 0, input.size(), RE2::UNANCHORED, &match, 1)) continue;
    const size_t start = static_cast<size_t>(match.data() - text.data());
    matches.push_back({index, start, start + match.size()});
  }
  return matches;
}

}  // namespace debrief::analysis
