// The analysis stages in order — normalize, redact, then the facet extractors — behind
// one object that pipeline/ calls. Tag scoring is separate (tag_scorer.h) because the
// learned model replaces it at runtime.
//
//   auto analyzer = Analyzer::Create(config);
//   core::Ticket prepared = (*analyzer)->Prepare(std::move(ticket));
//   core::Debriefing facets = (*analyzer)->Analyze(prepared);
#ifndef DEBRIEF_SERVER_ANALYSIS_ANALYZER_H_
#define DEBRIEF_SERVER_ANALYSIS_ANALYZER_H_

#include <memory>

#include "absl/status/statusor.h"
#include "server/analysis/competitor_extractor.h"
#include "server/analysis/error_signatures.h"
#include "server/analysis/feedback_extractor.h"
#include "server/analysis/redactor.h"
#include "server/analysis/relationship_signals.h"
#include "server/analysis/resolution_classifier.h"
#include "server/analysis/scanned_text.h"
#include "server/analysis/sentiment_scorer.h"
#include "server/config/debrief_config.h"
#include "server/core/debriefing.h"
#include "server/core/ticket.h"

namespace debrief::analysis {

// Immutable after Create; thread-safe.
class Analyzer {
 public:
  // INVALID_ARGUMENT naming the key for configuration the stages reject.
  static absl::StatusOr<std::unique_ptr<Analyzer>> Create(const config::DebriefConfig& config);
  ~Analyzer();

  // The ticket as every later stage, the store and every destination see it: normalized
  // text only (quoted replies and signatures cut), personal data replaced by typed
  // placeholders. Idempotent: preparing a prepared ticket changes nothing.
  core::Ticket Prepare(core::Ticket ticket) const;

  // The facets of a prepared ticket: fix category, root cause, sentiment, competitors,
  // product feedback, error signatures and relationship signals, each with confidence and
  // evidence into the prepared text. Extractors that find nothing (or are unsure) leave
  // their part empty.
  core::Debriefing Analyze(const core::Ticket& prepared) const;
  // The same, with `scanned` = ScanTicket(prepared) for callers that reuse the scan.
  core::Debriefing Analyze(const core::Ticket& prepared, absl::Span<const ScannedSegment> scanned) const;

 private:
  Analyzer() = default;

  std::unique_ptr<Redactor> redactor_;
  SentimentScorer sentiment_;
  std::unique_ptr<CompetitorExtractor> competitors_;
  std::unique_ptr<FeedbackExtractor> feedback_;
  ErrorSignatureExtractor errors_;
  std::unique_ptr<ResolutionClassifier> fix_category_;
  std::unique_ptr<ResolutionClassifier> root_cause_;
  std::unique_ptr<RelationshipSignalExtractor> signals_;
};

}  // namespace debrief::analysis

#endif  // DEBRIEF_SERVER_ANALYSIS_ANALYZER_H_
