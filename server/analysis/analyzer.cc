#include "server/analysis/analyzer.h"

#include "server/analysis/normalizer.h"
#include "server/analysis/scanned_text.h"
#include "server/common/status_macros.h"

namespace debrief::analysis {

Analyzer::~Analyzer() = default;

absl::StatusOr<std::unique_ptr<Analyzer>> Analyzer::Create(const config::DebriefConfig& config) {
  std::unique_ptr<Analyzer> analyzer(new Analyzer());
  DEBRIEF_ASSIGN_OR_RETURN(analyzer->redactor_, Redactor::Create(config.redaction));
  DEBRIEF_ASSIGN_OR_RETURN(analyzer->competitors_, CompetitorExtractor::Create(config.competitors));
  DEBRIEF_ASSIGN_OR_RETURN(analyzer->feedback_,
                           FeedbackExtractor::Create(config.feedback_kinds, config.taxonomy));
  DEBRIEF_ASSIGN_OR_RETURN(
      analyzer->fix_category_,
      ResolutionClassifier::Create(config.resolution.fix_category, config.resolution,
                                   "resolution.fix_category"));
  DEBRIEF_ASSIGN_OR_RETURN(
      analyzer->root_cause_,
      ResolutionClassifier::Create(config.resolution.root_cause, config.resolution,
                                   "resolution.root_cause"));
  DEBRIEF_ASSIGN_OR_RETURN(analyzer->signals_,
                           RelationshipSignalExtractor::Create(config.relationship_signals));
  return analyzer;
}

core::Ticket Analyzer::Prepare(core::Ticket ticket) const {
  core::Ticket prepared = redactor_->RedactTicket(Normalize(std::move(ticket)));
  // Redaction changes what the cuts read (a line with a long address becomes short enough
  // to sign off); cutting once more on the redacted text makes preparing idempotent.
  // Usually nothing changes: the cuts return at once for texts without their markers.
  for (core::Message& message : prepared.messages) {
    message.body_text = CutQuotesAndSignatures(message.body_text);
  }
  return prepared;
}

core::Debriefing Analyzer::Analyze(const core::Ticket& prepared) const {
  return Analyze(prepared, ScanTicket(prepared));
}

core::Debriefing Analyzer::Analyze(const core::Ticket& /*prepared*/,
                                   absl::Span<const ScannedSegment> segments) const {
  core::Debriefing debriefing;
  debriefing.fix_category = fix_category_->Classify(segments);
  debriefing.root_cause = root_cause_->Classify(segments);
  debriefing.sentiment = sentiment_.Score(segments);
  debriefing.competitors = competitors_->Extract(segments);
  debriefing.product_feedback = feedback_->Extract(segments);
  debriefing.errors = errors_.Extract(segments);
  debriefing.relationship.signals = signals_->Extract(segments);
  return debriefing;
}

}  // namespace debrief::analysis
