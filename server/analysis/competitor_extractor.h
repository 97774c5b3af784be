// Competitive information: mentions of the configured competitors (name, aliases, product
// names on word boundaries) in customer text, each with its context classified from the
// words around it — switching intent, comparing features, pricing, integration or
// migration, praise, or a plain mention — and the sentence as the quote. Negated intent
// ("we are not going to switch to X") is not switching.
//
//   auto extractor = CompetitorExtractor::Create(config.competitors);
//   std::vector<core::CompetitorMention> found = (*extractor)->Extract(ScanTicket(ticket));
#ifndef DEBRIEF_SERVER_ANALYSIS_COMPETITOR_EXTRACTOR_H_
#define DEBRIEF_SERVER_ANALYSIS_COMPETITOR_EXTRACTOR_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "server/analysis/phrase_matcher.h"
#include "server/analysis/scanned_text.h"
#include "server/config/competitor_options.h"
#include "server/core/debriefing.h"

namespace debrief::analysis {

// Immutable after Create; thread-safe.
class CompetitorExtractor {
 public:
  static absl::StatusOr<std::unique_ptr<CompetitorExtractor>> Create(
      const config::CompetitorsOptions& options);

  // Mentions in the subject and customer messages (agents naming a competitor is not the
  // customer's voice), in text order, at most one per competitor and sentence.
  std::vector<core::CompetitorMention> Extract(absl::Span<const ScannedSegment> segments) const;

  // The context of a mention spanning tokens [first, last) of `scan`, with confidence.
  std::pair<core::CompetitorContext, double> Classify(const ScannedText& scan, size_t first,
                                                      size_t last) const;

 private:
  struct Name {
    std::string competitor;
    std::string alias;
    // Exact-case tokens for case-sensitive competitors; empty otherwise.
    std::vector<std::string> exact_words;
  };
  CompetitorExtractor() = default;

  std::vector<Name> names_;
  PhraseMatcher name_matcher_;
  // Context cues; ids are CompetitorContext values.
  PhraseMatcher before_cues_;  // cue words that precede the name ("switch to X")
  PhraseMatcher clause_cues_;  // cue words anywhere in the clause ("cheaper", "integrate")
  PhraseMatcher after_cues_;   // cue words right after the name ("X has", "X lets you")
  PhraseMatcher neighbour_cues_;  // the clause cues that also count from the next or previous sentence
  PhraseMatcher move_verbs_;   // verbs of moving work between tools; id 1 for past tense
  PhraseMatcher staying_;      // the customer says they stay ("decided to stay")
};

}  // namespace debrief::analysis

#endif  // DEBRIEF_SERVER_ANALYSIS_COMPETITOR_EXTRACTOR_H_
