#include "server/pipeline/decision_components.h"

#include "server/analysis/rule_tagger.h"
#include "server/common/status_macros.h"
#include "server/learning/blended_scorer.h"

namespace debrief::pipeline {

absl::StatusOr<std::shared_ptr<const DecisionComponents>> BuildDecisionComponents(
    const config::DebriefConfig& config, const common::Snapshot<learning::LearnedModel>* model) {
  auto components = std::make_shared<DecisionComponents>();
  DEBRIEF_ASSIGN_OR_RETURN(components->taxonomy, analysis::Taxonomy::Create(config.taxonomy));
  DEBRIEF_ASSIGN_OR_RETURN(components->analyzer, analysis::Analyzer::Create(config));
  DEBRIEF_ASSIGN_OR_RETURN(components->tag_scorer,
                           analysis::RuleTagger::Create(config.taxonomy, components->taxonomy));
  if (model != nullptr && config.learning.enabled) {
    components->tag_scorer = std::make_shared<const learning::BlendedTagScorer>(
        std::move(components->tag_scorer), *model, config.learning.takeover_examples);
  }
  DEBRIEF_ASSIGN_OR_RETURN(components->escalation,
                           policy::EscalationPolicy::Create(config.escalation));
  components->accounts = config.accounts;
  components->relationship = std::make_shared<const policy::RelationshipScorer>(config.accounts);
  components->threshold = config.learning.threshold;
  components->max_tags = config.learning.max_tags;
  return std::shared_ptr<const DecisionComponents>(std::move(components));
}

}  // namespace debrief::pipeline
