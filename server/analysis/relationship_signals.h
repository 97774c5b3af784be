// Relationship signals in the customer's words: expansion (more seats, an upgrade, a new
// team or region, interest in a higher tier's features) and churn (cancel, refund, not
// renewing, downgrade), each with the sentence that says it. Negated mentions ("we are
// not going to cancel") do not count. Built in: strong phrases, and an action word near an
// object word in one sentence ("close the account", "add 8 contributor licences"), unless
// the sentence dismisses the topic ("not for us") or names another sense of the words
// (a firmware downgrade, a customer's refund). Plus the phrases and patterns of the
// `relationship_signals:` section, which apply as written.
//
//   auto extractor = RelationshipSignalExtractor::Create(config.relationship_signals);
//   std::vector<core::Signal> signals = (*extractor)->Extract(ScanTicket(ticket));
#ifndef DEBRIEF_SERVER_ANALYSIS_RELATIONSHIP_SIGNALS_H_
#define DEBRIEF_SERVER_ANALYSIS_RELATIONSHIP_SIGNALS_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "re2/re2.h"
#include "server/analysis/phrase_matcher.h"
#include "server/analysis/scanned_text.h"
#include "server/config/relationship_signal_options.h"
#include "server/core/debriefing.h"

namespace debrief::analysis {

// Immutable after Create; thread-safe.
class RelationshipSignalExtractor {
 public:
  // INVALID_ARGUMENT naming relationship_signals.signals[i] for a pattern RE2 rejects.
  static absl::StatusOr<std::unique_ptr<RelationshipSignalExtractor>> Create(
      const config::RelationshipSignalOptions& options);
  ~RelationshipSignalExtractor();

  // Signals in the subject and customer messages, in text order, at most one per kind
  // and message.
  std::vector<core::Signal> Extract(absl::Span<const ScannedSegment> segments) const;

 private:
  struct Kind {
    std::string name;
    double weight = 1.0;
  };
  struct Pattern {
    std::unique_ptr<RE2> re;
    int kind = 0;
  };
  RelationshipSignalExtractor() = default;
  int KindIndex(const std::string& name, double weight);

  std::vector<Kind> kinds_;
  PhraseMatcher phrases_;
  std::vector<int> phrase_kind_;
  // Phrase ids below this are built in; guards and dismissals apply only to those.
  size_t built_in_phrase_count_ = 0;
  std::vector<Pattern> patterns_;
};

}  // namespace debrief::analysis

#endif  // DEBRIEF_SERVER_ANALYSIS_RELATIONSHIP_SIGNALS_H_
