// Cold-start tagging from the taxonomy's rules: keyword phrases matched on word
// boundaries (case-insensitive) and RE2 patterns, with evidence spans for every match.
// Scores rise with the number of distinct rules that match, so one incidental word
// scores lower than a phrase and a pattern together.
#ifndef DEBRIEF_SERVER_ANALYSIS_RULE_TAGGER_H_
#define DEBRIEF_SERVER_ANALYSIS_RULE_TAGGER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "server/analysis/pattern_list.h"
#include "server/analysis/tag_scorer.h"
#include "server/analysis/taxonomy.h"
#include "server/config/taxonomy_options.h"

namespace debrief::analysis {

// Immutable after Create; thread-safe.
class RuleTagger final : public TagScorer {
 public:
  // INVALID_ARGUMENT naming the node for a pattern RE2 rejects.
  static absl::StatusOr<std::unique_ptr<RuleTagger>> Create(
      const config::TaxonomyOptions& options, std::shared_ptr<const Taxonomy> taxonomy);

  using TagScorer::Score;
  std::vector<core::Label> Score(const core::Ticket& ticket,
                                 absl::Span<const ScannedSegment> scanned) const override;
  std::string version() const override { return version_; }

 private:
  struct Keyword {
    std::vector<std::string> tokens;
    int node = 0;
    int id = 0;
  };

  RuleTagger() = default;

  std::shared_ptr<const Taxonomy> taxonomy_;
  // Keyed by the WordHash of the first token: tokens are looked up by the hash the scan
  // computed, then compared word by word.
  absl::flat_hash_map<size_t, std::vector<Keyword>> keywords_by_first_token_;
  // Taxonomy patterns, and the node of each.
  PatternList patterns_;
  std::vector<int> pattern_node_;
  std::string version_;
};

}  // namespace debrief::analysis

#endif  // DEBRIEF_SERVER_ANALYSIS_RULE_TAGGER_H_
