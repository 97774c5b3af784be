// The analysis stages in order — normalize, then (once built) redact, then the facet
// extractors — behind one object that pipeline/ calls. Tag scoring is separate
// (tag_scorer.h) because the learned model replaces it at runtime.
//
//   auto analyzer = Analyzer::Create(config);
//   core::Ticket prepared = (*analyzer)->Prepare(std::move(ticket));
//   core::Debriefing facets = (*analyzer)->Analyze(prepared);
#ifndef DEBRIEF_SERVER_ANALYSIS_ANALYZER_H_
#define DEBRIEF_SERVER_ANALYSIS_ANALYZER_H_

#include <memory>

#include "absl/status/statusor.h"
#include "server/config/debrief_config.h"
#include "server/core/debriefing.h"
#include "server/core/ticket.h"

namespace debrief::analysis {

// Immutable after Create; thread-safe.
class Analyzer {
 public:
  // INVALID_ARGUMENT naming the key for configuration the stages reject.
  static absl::StatusOr<std::unique_ptr<Analyzer>> Create(const config::DebriefConfig& config);

  // The ticket as every later stage, the store and every destination see it: normalized
  // text only, personal data replaced by typed placeholders.
  core::Ticket Prepare(core::Ticket ticket) const;

  // The facets of a prepared ticket (fix category, root cause, sentiment, competitors,
  // product feedback, error signatures, relationship signals). Extractors that find
  // nothing leave their part empty.
  core::Debriefing Analyze(const core::Ticket& prepared) const;

 private:
  Analyzer() = default;
};

}  // namespace debrief::analysis

#endif  // DEBRIEF_SERVER_ANALYSIS_ANALYZER_H_
