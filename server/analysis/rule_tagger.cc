#include "server/analysis/rule_tagger.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "server/analysis/ticket_text.h"
#include "server/analysis/tokenizer.h"
#include "server/common/ids.h"

namespace debrief::analysis {
namespace {

// Evidence kept per label; more adds noise, not trust.
constexpr size_t kMaxEvidence = 3;

// Contribution of each kind of support to a label's strength; confidence is
// 1 - exp(-strength), so one keyword gives ~0.55, a keyword and a pattern ~0.82.
constexpr double kKeywordStrength = 0.8;
constexpr double kPatternStrength = 0.9;
constexpr double kRepeatStrength = 0.1;
constexpr int kMaxRepeats = 5;
constexpr double kSubjectStrength = 0.3;
constexpr double kMaxConfidence = 0.97;

struct Support {
  std::set<int> keywords;
  std::set<int> patterns;
  int occurrences = 0;
  bool in_subject = false;
  std::vector<core::Evidence> evidence;
};

// Records a match; a span overlapping one already kept for the same text (the same words
// found by a keyword and a pattern) widens that evidence instead of repeating it.
void AddEvidence(Support& support, const TextSegment& segment, size_t start, size_t end) {
  ++support.occurrences;
  if (segment.message_index == core::kSubjectIndex) support.in_subject = true;
  for (core::Evidence& kept : support.evidence) {
    if (kept.message_index != segment.message_index || end <= static_cast<size_t>(kept.start) ||
        static_cast<size_t>(kept.end) <= start) {
      continue;
    }
    kept = MakeEvidence(segment, std::min(start, static_cast<size_t>(kept.start)),
                        std::max(end, static_cast<size_t>(kept.end)));
    return;
  }
  if (support.evidence.size() < kMaxEvidence) {
    support.evidence.push_back(MakeEvidence(segment, start, end));
  }
}

}  // namespace

absl::StatusOr<std::unique_ptr<RuleTagger>> RuleTagger::Create(
    const config::TaxonomyOptions& options, std::shared_ptr<const Taxonomy> taxonomy) {
  std::unique_ptr<RuleTagger> tagger(new RuleTagger());
  tagger->taxonomy_ = std::move(taxonomy);
  std::string fingerprint;
  int keyword_id = 0;
  for (const config::TaxonomyNode& node : options.tags) {
    const int index = tagger->taxonomy_->Find(node.id);
    if (index < 0) return absl::InternalError(absl::StrCat("taxonomy lacks node ", node.id));
    absl::StrAppend(&fingerprint, node.id, "\n");
    for (const std::string& keyword : node.keywords) {
      std::vector<std::string> tokens = TokenWords(keyword);
      if (tokens.empty()) continue;
      absl::StrAppend(&fingerprint, "k:", keyword, "\n");
      const size_t first = WordHash(tokens.front());
      tagger->keywords_by_first_token_[first].push_back({std::move(tokens), index, keyword_id++});
    }
    for (const std::string& pattern : node.patterns) {
      if (!tagger->patterns_.Add(pattern).ok()) {
        return absl::InvalidArgumentError(
            absl::StrCat("taxonomy node ", node.id, ": invalid pattern \"", pattern, "\""));
      }
      absl::StrAppend(&fingerprint, "p:", pattern, "\n");
      tagger->pattern_node_.push_back(index);
    }
  }
  tagger->patterns_.Compile();
  tagger->version_ = absl::StrCat("rules-", common::Sha256Hex(fingerprint).substr(0, 12));
  return tagger;
}

std::vector<core::Label> RuleTagger::Score(const core::Ticket& /*ticket*/,
                                           absl::Span<const ScannedSegment> scanned) const {
  std::map<int, Support> support;
  for (const ScannedSegment& scanned_segment : scanned) {
    const TextSegment& segment = scanned_segment.segment;
    const ScannedText& scan = scanned_segment.scan;
    const std::vector<TokenSpan>& tokens = scan.tokens();
    for (size_t t = 0; t < tokens.size(); ++t) {
      auto it = keywords_by_first_token_.find(scan.hash(t));
      if (it == keywords_by_first_token_.end()) continue;
      for (const Keyword& keyword : it->second) {
        if (t + keyword.tokens.size() > tokens.size()) continue;
        bool all = true;
        for (size_t k = 0; k < keyword.tokens.size() && all; ++k) all = scan.word(t + k) == keyword.tokens[k];
        if (!all) continue;
        Support& node_support = support[keyword.node];
        node_support.keywords.insert(keyword.id);
        AddEvidence(node_support, segment, tokens[t].start,
                    tokens[t + keyword.tokens.size() - 1].end);
      }
    }
    for (const PatternMatch& match : patterns_.FindEach(segment.text, scan.lower())) {
      Support& node_support = support[pattern_node_[match.index]];
      node_support.patterns.insert(match.index);
      AddEvidence(node_support, segment, match.start, match.end);
    }
  }

  std::vector<core::Label> labels;
  labels.reserve(support.size());
  for (auto& [node, node_support] : support) {
    const int repeats =
        std::min(kMaxRepeats, node_support.occurrences - static_cast<int>(node_support.keywords.size() +
                                                                           node_support.patterns.size()));
    const double strength = kKeywordStrength * static_cast<double>(node_support.keywords.size()) +
                            kPatternStrength * static_cast<double>(node_support.patterns.size()) +
                            kRepeatStrength * std::max(0, repeats) +
                            (node_support.in_subject ? kSubjectStrength : 0.0);
    core::Label label;
    label.value = taxonomy_->nodes()[node].id;
    label.confidence = std::min(kMaxConfidence, 1.0 - std::exp(-strength));
    label.source = core::LabelSource::kRule;
    label.evidence = std::move(node_support.evidence);
    labels.push_back(std::move(label));
  }
  return labels;
}

}  // namespace debrief::analysis
