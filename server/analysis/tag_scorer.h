// The interface of everything that scores taxonomy tags for a ticket (the rule tagger,
// the learned model, and their blend), and the one function that turns scores into
// suggestions.
#ifndef DEBRIEF_SERVER_ANALYSIS_TAG_SCORER_H_
#define DEBRIEF_SERVER_ANALYSIS_TAG_SCORER_H_

#include <string>
#include <vector>

#include "absl/types/span.h"
#include "server/analysis/scanned_text.h"
#include "server/analysis/taxonomy.h"
#include "server/core/debriefing.h"
#include "server/core/ticket.h"

namespace debrief::analysis {

// Implementations are immutable after construction, hence thread-safe.
class TagScorer {
 public:
  virtual ~TagScorer() = default;
  // Calibrated scores for the taxonomy nodes with any support in `ticket` (normalized and
  // redacted), in no particular order. Never returns a node twice. `scanned` is
  // ScanTicket(ticket): a close scans its text once, for the facets and the tags.
  virtual std::vector<core::Label> Score(const core::Ticket& ticket,
                                         absl::Span<const ScannedSegment> scanned) const = 0;
  // Scans `ticket`, then scores it.
  std::vector<core::Label> Score(const core::Ticket& ticket) const { return Score(ticket, ScanTicket(ticket)); }
  // Identifies the rules or model, reported as Debriefing.model_version.
  virtual std::string version() const = 0;
};

// The suggestions among `scored`: confidence >= `threshold`, suggestible nodes only, no
// node whose descendant is also suggested (the most specific tag wins), best first, at
// most `max_tags`. Descriptions are filled from the taxonomy.
std::vector<core::Label> SelectSuggestions(std::vector<core::Label> scored, const Taxonomy& taxonomy,
                                           double threshold, int max_tags);

}  // namespace debrief::analysis

#endif  // DEBRIEF_SERVER_ANALYSIS_TAG_SCORER_H_
