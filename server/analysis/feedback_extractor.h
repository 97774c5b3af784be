// Product feedback: sentences of the customer's messages that request a feature (also
// as a question: "is there a way to...?", "any plans to support...?"), report a bug,
// describe UX friction, object to pricing, fault the documentation, or ask a how-to
// question — each with its kind, the product area (a taxonomy node whose keywords appear
// in the sentence, else the ticket's main area), a short theme and the quote.
//
//   auto extractor = FeedbackExtractor::Create(config.feedback_kinds, config.taxonomy);
//   std::vector<core::ProductFeedback> found = (*extractor)->Extract(ScanTicket(ticket));
#ifndef DEBRIEF_SERVER_ANALYSIS_FEEDBACK_EXTRACTOR_H_
#define DEBRIEF_SERVER_ANALYSIS_FEEDBACK_EXTRACTOR_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "re2/re2.h"
#include "server/analysis/literal_set.h"
#include "server/analysis/phrase_matcher.h"
#include "server/analysis/scanned_text.h"
#include "server/config/feedback_options.h"
#include "server/config/taxonomy_options.h"
#include "server/core/debriefing.h"

namespace debrief::analysis {

// Immutable after Create; thread-safe.
class FeedbackExtractor {
 public:
  // INVALID_ARGUMENT naming feedback_kinds.product_areas[i] for an id the taxonomy lacks.
  static absl::StatusOr<std::unique_ptr<FeedbackExtractor>> Create(
      const config::FeedbackOptions& options, const config::TaxonomyOptions& taxonomy);
  ~FeedbackExtractor();

  // Feedback from the subject and customer messages, strongest first, at most
  // options.max_items, one per sentence.
  std::vector<core::ProductFeedback> Extract(absl::Span<const ScannedSegment> segments) const;

 private:
  struct Pattern {
    std::unique_ptr<RE2> re;
    core::FeedbackKind kind;
    // Lowercase words of which a sentence must contain one for the pattern to be tried;
    // null: always tried.
    std::unique_ptr<LiteralSet> needs_any;
  };
  struct Area {
    std::string id;
    int depth = 0;
  };
  FeedbackExtractor() = default;
  // The product area of tokens [first, last), or -1.
  int AreaIn(const ScannedText& scan, size_t first, size_t last) const;
  // The word classes among `matches` (the cue matches of `sentence`), a bit each, under their
  // negation rules; sets `*opens_question` when a question word starts one of its clauses.
  uint32_t ClassesIn(const ScannedText& scan, const TextRange& sentence,
                     absl::Span<const PhraseMatch> matches, bool* opens_question) const;

  config::FeedbackOptions options_;
  // Cue ids below kClassWordId index cue_kinds_; from kClassWordId on, the class table (words
  // that mark a kind only together with another class). One pass per sentence finds both.
  static constexpr int kClassWordId = 1 << 20;
  PhraseMatcher cues_;
  std::vector<core::FeedbackKind> cue_kinds_;
  std::vector<double> cue_strength_;
  std::vector<Pattern> patterns_;
  PhraseMatcher area_keywords_;
  std::vector<int> keyword_area_;
  std::vector<Area> areas_;
};

}  // namespace debrief::analysis

#endif  // DEBRIEF_SERVER_ANALYSIS_FEEDBACK_EXTRACTOR_H_
