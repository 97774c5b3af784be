// Fix category (how the ticket was resolved) and root cause (why the customer had to
// write): one configured label space each, assigned by phrase and pattern rules read
// from the agent's replies — the last public ones count most, since they usually state
// the fix — and from the customer's words. Abstains when no label is supported enough or
// two labels are too close to call.
//
//   auto fix = ResolutionClassifier::Create(config.resolution.fix_category,
//                                           config.resolution, "resolution.fix_category");
//   std::optional<core::Label> label = (*fix)->Classify(ScanTicket(ticket));
#ifndef DEBRIEF_SERVER_ANALYSIS_RESOLUTION_CLASSIFIER_H_
#define DEBRIEF_SERVER_ANALYSIS_RESOLUTION_CLASSIFIER_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "server/analysis/pattern_list.h"
#include "server/analysis/phrase_matcher.h"
#include "server/analysis/scanned_text.h"
#include "server/config/resolution_options.h"
#include "server/core/debriefing.h"

namespace debrief::analysis {

// Immutable after Create; thread-safe.
class ResolutionClassifier {
 public:
  // INVALID_ARGUMENT naming `path`[i].patterns for a pattern RE2 rejects.
  static absl::StatusOr<std::unique_ptr<ResolutionClassifier>> Create(
      const std::vector<config::ResolutionLabelOptions>& labels,
      const config::ResolutionOptions& options, absl::string_view path);
  ~ResolutionClassifier();

  // The best-supported label with its evidence, or nullopt (abstain).
  std::optional<core::Label> Classify(absl::Span<const ScannedSegment> segments) const;

 private:
  ResolutionClassifier() = default;

  std::vector<config::ResolutionLabelOptions> labels_;
  double min_confidence_ = 0.5;
  double min_margin_ = 0.1;
  // Phrase ids index phrase_label_.
  PhraseMatcher agent_phrases_;
  PhraseMatcher customer_phrases_;
  std::vector<int> agent_phrase_label_;
  std::vector<int> customer_phrase_label_;
  // Patterns of every label, and the label of each.
  PatternList patterns_;
  std::vector<int> pattern_label_;
};

}  // namespace debrief::analysis

#endif  // DEBRIEF_SERVER_ANALYSIS_RESOLUTION_CLASSIFIER_H_
