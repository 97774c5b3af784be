#include "server/analysis/resolution_classifier.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "absl/strings/str_cat.h"
#include "server/analysis/ticket_text.h"

namespace debrief::analysis {
namespace {

// Weight of one distinct matching rule by where it matched; confidence is
// 1 - exp(-sum of weights), so one rule in the agent's last reply gives ~0.6 and two ~0.83.
constexpr double kFinalReplyWeight = 0.9;
constexpr double kAgentWeight = 0.6;
constexpr double kCustomerWeight = 0.5;
constexpr double kPatternWeight = 0.7;
constexpr double kRepeatWeight = 0.1;
constexpr double kMaxConfidence = 0.95;
// Agent public replies that count as "final", counted from the end.
constexpr int kFinalReplies = 2;
constexpr size_t kMaxEvidence = 3;

struct Support {
  std::set<std::pair<int, int>> rules;  // (kind, id): each rule counts once at full weight
  double strength = 0;
  std::vector<core::Evidence> evidence;
};

}  // namespace

ResolutionClassifier::~ResolutionClassifier() = default;

absl::StatusOr<std::unique_ptr<ResolutionClassifier>> ResolutionClassifier::Create(
    const std::vector<config::ResolutionLabelOptions>& labels,
    const config::ResolutionOptions& options, absl::string_view path) {
  std::unique_ptr<ResolutionClassifier> classifier(new ResolutionClassifier());
  classifier->labels_ = labels;
  classifier->min_confidence_ = options.min_confidence;
  classifier->min_margin_ = options.min_margin;
  for (size_t i = 0; i < labels.size(); ++i) {
    const int label = static_cast<int>(i);
    for (const std::string& phrase : labels[i].agent_phrases) {
      if (classifier->agent_phrases_.Add(phrase, static_cast<int>(classifier->agent_phrase_label_.size()))) {
        classifier->agent_phrase_label_.push_back(label);
      }
    }
    for (const std::string& phrase : labels[i].customer_phrases) {
      if (classifier->customer_phrases_.Add(phrase,
                                            static_cast<int>(classifier->customer_phrase_label_.size()))) {
        classifier->customer_phrase_label_.push_back(label);
      }
    }
    for (size_t p = 0; p < labels[i].patterns.size(); ++p) {
      if (absl::Status added = classifier->patterns_.Add(labels[i].patterns[p]); !added.ok()) {
        return absl::InvalidArgumentError(
            absl::StrCat(path, "[", i, "].patterns[", p, "]: ", added.message()));
      }
      classifier->pattern_label_.push_back(label);
    }
  }
  classifier->patterns_.Compile();
  return classifier;
}

std::optional<core::Label> ResolutionClassifier::Classify(
    absl::Span<const ScannedSegment> segments) const {
  if (labels_.empty()) return std::nullopt;
  // The agent's last public replies. When no agent message is public at all, the sender
  // most likely never set the flag (proto3 defaults it to false): the last agent messages
  // count as the final replies then.
  const bool any_public = std::any_of(segments.begin(), segments.end(), [](const ScannedSegment& s) {
    return s.segment.role == core::AuthorRole::kAgent && s.segment.is_public;
  });
  std::set<int> final_replies;
  for (auto it = segments.rbegin(); it != segments.rend() && final_replies.size() < kFinalReplies; ++it) {
    if (it->segment.role == core::AuthorRole::kAgent && (it->segment.is_public || !any_public)) {
      final_replies.insert(it->segment.message_index);
    }
  }
  std::vector<Support> support(labels_.size());
  auto add = [&](int label, int kind, int id, double weight, const TextSegment& segment,
                 size_t start, size_t end) {
    Support& s = support[label];
    s.strength += s.rules.insert({kind, id}).second ? weight : kRepeatWeight;
    const bool overlaps = std::any_of(s.evidence.begin(), s.evidence.end(), [&](const core::Evidence& e) {
      return e.message_index == segment.message_index && static_cast<size_t>(e.start) < end &&
             start < static_cast<size_t>(e.end);
    });
    if (!overlaps && s.evidence.size() < kMaxEvidence) {
      s.evidence.push_back(MakeEvidence(segment, start, end));
    }
  };
  for (const ScannedSegment& scanned : segments) {
    const TextSegment& segment = scanned.segment;
    const ScannedText& scan = scanned.scan;
    const bool agent = segment.role == core::AuthorRole::kAgent;
    const bool customer = segment.role == core::AuthorRole::kCustomer;
    if (!agent && !customer) continue;  // bots and system messages are boilerplate
    const PhraseMatcher& phrases = agent ? agent_phrases_ : customer_phrases_;
    const std::vector<int>& phrase_label = agent ? agent_phrase_label_ : customer_phrase_label_;
    const double weight = agent ? (final_replies.count(segment.message_index) > 0 ? kFinalReplyWeight
                                                                                  : kAgentWeight)
                                : kCustomerWeight;
    for (const PhraseMatch& match : phrases.FindAll(scan)) {
      if (!scan.IsNegatorAt(match.first) && scan.NegatedAt(match.first)) continue;
      add(phrase_label[match.id], agent ? 0 : 1, match.id, weight, segment,
          scan.tokens()[match.first].start, scan.tokens()[match.last - 1].end);
    }
    for (const PatternMatch& match : patterns_.FindEach(segment.text, scan.lower())) {
      add(pattern_label_[match.index], 2, match.index, kPatternWeight, segment, match.start, match.end);
    }
  }
  int best = -1;
  double best_confidence = 0;
  double runner_up = 0;
  for (size_t i = 0; i < support.size(); ++i) {
    const double confidence = std::min(kMaxConfidence, 1.0 - std::exp(-support[i].strength));
    if (confidence > best_confidence) {
      runner_up = best_confidence;
      best_confidence = confidence;
      best = static_cast<int>(i);
    } else if (confidence > runner_up) {
      runner_up = confidence;
    }
  }
  if (best < 0 || best_confidence < min_confidence_ || best_confidence - runner_up < min_margin_) {
    return std::nullopt;
  }
  core::Label label;
  label.value = labels_[best].value;
  label.description = labels_[best].description;
  label.confidence = best_confidence;
  label.source = core::LabelSource::kRule;
  label.evidence = std::move(support[best].evidence);
  return label;
}

}  // namespace debrief::analysis
