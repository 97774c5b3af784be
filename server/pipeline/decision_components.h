// Everything a decision needs that is built from configuration — taxonomy, analyzer,
// tag scorer, escalation policy, thresholds — as one immutable bundle, rebuilt as a
// whole on reload and swapped in atomically, so a decision never mixes two configs.
#ifndef DEBRIEF_SERVER_PIPELINE_DECISION_COMPONENTS_H_
#define DEBRIEF_SERVER_PIPELINE_DECISION_COMPONENTS_H_

#include <memory>

#include "absl/status/statusor.h"
#include "server/analysis/analyzer.h"
#include "server/analysis/tag_scorer.h"
#include "server/analysis/taxonomy.h"
#include "server/common/snapshot.h"
#include "server/config/debrief_config.h"
#include "server/learning/learned_model.h"
#include "server/policy/escalation_policy.h"
#include "server/policy/relationship_scorer.h"

namespace debrief::pipeline {

// Immutable; thread-safe.
struct DecisionComponents {
  std::shared_ptr<const analysis::Taxonomy> taxonomy;
  std::shared_ptr<const analysis::Analyzer> analyzer;
  std::shared_ptr<const analysis::TagScorer> tag_scorer;
  std::shared_ptr<const policy::EscalationPolicy> escalation;
  // Account memory: windows and relationship scoring (accounts section).
  config::AccountsOptions accounts;
  std::shared_ptr<const policy::RelationshipScorer> relationship;
  // learning.threshold and learning.max_tags.
  double threshold = 0.5;
  int max_tags = 5;
};

// Builds the components of `config`. INVALID_ARGUMENT naming the key when a component
// rejects its section (this is the deep validation check-config and reload run).
// With `model` (the learner's published model, which must outlive the components) and
// learning.enabled, tags are scored by rules and model blended; otherwise by rules.
absl::StatusOr<std::shared_ptr<const DecisionComponents>> BuildDecisionComponents(
    const config::DebriefConfig& config,
    const common::Snapshot<learning::LearnedModel>* model = nullptr);

}  // namespace debrief::pipeline

#endif  // DEBRIEF_SERVER_PIPELINE_DECISION_COMPONENTS_H_
