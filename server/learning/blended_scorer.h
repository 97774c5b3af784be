// Rules and the learned model, blended per label: a label the model has never seen is
// scored by the rules alone; as examples of it arrive the model's share of a label the
// rules also support grows as n / (n + learning.takeover_examples); a label no rule
// supports takes the model's confidence. Every label says which source contributed most
// (LABEL_SOURCE_MODEL or _RULE); rule evidence is kept whoever wins.
//
//   auto scorer = std::make_shared<BlendedTagScorer>(rules, learner.published(), options);
//   std::vector<core::Label> scored = scorer->Score(prepared_ticket);
#ifndef DEBRIEF_SERVER_LEARNING_BLENDED_SCORER_H_
#define DEBRIEF_SERVER_LEARNING_BLENDED_SCORER_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "server/analysis/tag_scorer.h"
#include "server/common/snapshot.h"
#include "server/config/learning_options.h"
#include "server/core/debriefing.h"
#include "server/learning/learned_model.h"

namespace debrief::learning {

// Blends `rules` (rule-scored labels) with `model` (scores of the same space) per
// label: see the file comment. `takeover_examples` 0 hands a label to the model with its
// first example.
std::vector<core::Label> BlendLabels(std::vector<core::Label> rules,
                                     const std::vector<ScoredLabel>& model, int takeover_examples);

// The label of an exclusive space (fix category, root cause) after blending the rule
// extractor's `rule` label with the model's scores of `space`: the best blended label,
// or nullopt when it is below `threshold` (the space abstains). While the model knows
// no label of the space, `rule` is returned unchanged.
std::optional<core::Label> BlendSingleLabel(std::optional<core::Label> rule,
                                            const LearnedModel& model, int space,
                                            const SparseFeatures& x, int takeover_examples,
                                            double threshold);

// A TagScorer reading the latest published model on every call. Thread-safe; `model`
// must outlive it.
class BlendedTagScorer final : public analysis::TagScorer {
 public:
  BlendedTagScorer(std::shared_ptr<const analysis::TagScorer> rules,
                   const common::Snapshot<LearnedModel>& model, int takeover_examples);

  using analysis::TagScorer::Score;
  std::vector<core::Label> Score(const core::Ticket& ticket,
                                 absl::Span<const analysis::ScannedSegment> scanned) const override;
  // "<rules version>+<model version>".
  std::string version() const override;

 private:
  const std::shared_ptr<const analysis::TagScorer> rules_;
  const common::Snapshot<LearnedModel>& model_;
  const int takeover_examples_;
};

}  // namespace debrief::learning

#endif  // DEBRIEF_SERVER_LEARNING_BLENDED_SCORER_H_
