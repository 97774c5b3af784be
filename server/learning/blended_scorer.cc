#include "server/learning/blended_scorer.h"

#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"
#include "server/learning/text_features.h"

namespace debrief::learning {
namespace {

// A label only the model proposes, scored below this, could pass no sane threshold.
constexpr double kModelOnlyFloor = 0.01;

double ModelShare(int64_t examples, int takeover_examples) {
  if (examples <= 0) return 0;
  return static_cast<double>(examples) / static_cast<double>(examples + takeover_examples);
}

}  // namespace

std::vector<core::Label> BlendLabels(std::vector<core::Label> rules,
                                     const std::vector<ScoredLabel>& model, int takeover_examples) {
  // Each rule label with the model's score of it, if any.
  struct RuleLabel {
    core::Label label;
    const ScoredLabel* model = nullptr;
  };
  std::map<std::string, RuleLabel, std::less<>> by_value;
  for (core::Label& label : rules) {
    const std::string value = label.value;
    by_value[value].label = std::move(label);
  }
  // Labels no rule supports are the model's alone: rules that did not fire are no
  // evidence against a label the model learned from examples. Those the model itself
  // all but rules out are dropped here, before anything is copied.
  std::vector<core::Label> out;
  out.reserve(by_value.size() + 8);
  for (const ScoredLabel& scored : model) {
    if (auto it = by_value.find(scored.value); it != by_value.end()) {
      it->second.model = &scored;
      continue;
    }
    if (scored.confidence < kModelOnlyFloor) continue;
    core::Label label;
    label.value = std::string(scored.value);
    label.confidence = scored.confidence;
    label.source = core::LabelSource::kModel;
    out.push_back(std::move(label));
  }
  std::sort(out.begin(), out.end(),
            [](const core::Label& a, const core::Label& b) { return a.value < b.value; });
  for (auto& [value, rule_label] : by_value) {
    core::Label& label = rule_label.label;
    const ScoredLabel* scored = rule_label.model;
    if (scored == nullptr) {
      out.push_back(std::move(label));
      continue;
    }
    const double rule = label.confidence;
    const double share = ModelShare(scored->examples, takeover_examples);
    const double from_model = share * scored->confidence;
    const double from_rules = (1 - share) * rule;
    label.confidence = from_model + from_rules;
    label.source = from_model >= from_rules ? core::LabelSource::kModel : core::LabelSource::kRule;
    out.push_back(std::move(label));
  }
  return out;
}

std::optional<core::Label> BlendSingleLabel(std::optional<core::Label> rule,
                                            const LearnedModel& model, int space,
                                            const SparseFeatures& x, int takeover_examples,
                                            double threshold) {
  if (space < 0) return rule;
  const std::vector<ScoredLabel> scored = model.Score(space, x);
  if (scored.empty()) return rule;
  std::vector<core::Label> rules;
  if (rule.has_value()) rules.push_back(*rule);
  std::vector<core::Label> blended = BlendLabels(std::move(rules), scored, takeover_examples);
  const core::Label* best = nullptr;
  for (const core::Label& label : blended) {
    if (best == nullptr || label.confidence > best->confidence ||
        (label.confidence == best->confidence && label.value < best->value)) {
      best = &label;
    }
  }
  if (best == nullptr || best->confidence < threshold) return std::nullopt;
  return *best;
}

BlendedTagScorer::BlendedTagScorer(std::shared_ptr<const analysis::TagScorer> rules,
                                   const common::Snapshot<LearnedModel>& model,
                                   int takeover_examples)
    : rules_(std::move(rules)), model_(model), takeover_examples_(takeover_examples) {}

std::vector<core::Label> BlendedTagScorer::Score(const core::Ticket& ticket,
                                                 absl::Span<const analysis::ScannedSegment> scanned) const {
  std::vector<core::Label> rules = rules_->Score(ticket, scanned);
  const std::shared_ptr<const LearnedModel> model = model_.Get();
  const int space = model->FindSpace("tags");
  if (space < 0 || model->examples() == 0) return rules;
  const std::vector<ScoredLabel> scored =
      model->Score(space, model->Featurize(LearningText(ticket)));
  return BlendLabels(std::move(rules), scored, takeover_examples_);
}

std::string BlendedTagScorer::version() const {
  return absl::StrCat(rules_->version(), "+", model_.Get()->version());
}

}  // namespace debrief::learning
