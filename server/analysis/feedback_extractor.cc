#include "server/analysis/feedback_extractor.h"

#include <algorithm>
#include <map>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "server/analysis/ticket_text.h"

namespace debrief::analysis {
namespace {

using core::FeedbackKind;

struct Cue {
  const char* phrase;
  FeedbackKind kind;
  double strength;
};

constexpr Cue kCues[] = {
    // Feature requests, including the ones phrased as questions.
    {"feature request", FeedbackKind::kFeatureRequest, 0.85},
    {"would be great if", FeedbackKind::kFeatureRequest, 0.8},
    {"would be great to", FeedbackKind::kFeatureRequest, 0.75},
    {"would be nice if", FeedbackKind::kFeatureRequest, 0.8},
    {"would be nice to", FeedbackKind::kFeatureRequest, 0.75},
    {"would be helpful", FeedbackKind::kFeatureRequest, 0.7},
    {"would be useful", FeedbackKind::kFeatureRequest, 0.7},
    {"it would help if", FeedbackKind::kFeatureRequest, 0.75},
    {"would love", FeedbackKind::kFeatureRequest, 0.7},
    {"we'd love", FeedbackKind::kFeatureRequest, 0.7},
    {"i'd love", FeedbackKind::kFeatureRequest, 0.7},
    {"please add", FeedbackKind::kFeatureRequest, 0.8},
    {"can you add", FeedbackKind::kFeatureRequest, 0.8},
    {"could you add", FeedbackKind::kFeatureRequest, 0.8},
    {"could you please add", FeedbackKind::kFeatureRequest, 0.8},
    {"can we get", FeedbackKind::kFeatureRequest, 0.65},
    {"wish list", FeedbackKind::kFeatureRequest, 0.8},
    {"wishlist", FeedbackKind::kFeatureRequest, 0.8},
    {"i wish", FeedbackKind::kFeatureRequest, 0.7},
    {"we wish", FeedbackKind::kFeatureRequest, 0.7},
    {"we need a way", FeedbackKind::kFeatureRequest, 0.75},
    {"need the ability", FeedbackKind::kFeatureRequest, 0.75},
    {"need an option", FeedbackKind::kFeatureRequest, 0.75},
    {"would like the ability", FeedbackKind::kFeatureRequest, 0.75},
    {"would like to be able", FeedbackKind::kFeatureRequest, 0.75},
    {"should be able to", FeedbackKind::kFeatureRequest, 0.65},
    {"any plans to", FeedbackKind::kFeatureRequest, 0.8},
    {"any plan to", FeedbackKind::kFeatureRequest, 0.8},
    {"plans to support", FeedbackKind::kFeatureRequest, 0.8},
    {"planning to support", FeedbackKind::kFeatureRequest, 0.8},
    {"is there a way to", FeedbackKind::kFeatureRequest, 0.7},
    {"is there any way to", FeedbackKind::kFeatureRequest, 0.7},
    {"is there a way for", FeedbackKind::kFeatureRequest, 0.7},
    {"is it possible to", FeedbackKind::kFeatureRequest, 0.65},
    {"do you support", FeedbackKind::kFeatureRequest, 0.65},
    {"does it support", FeedbackKind::kFeatureRequest, 0.65},
    {"will you support", FeedbackKind::kFeatureRequest, 0.75},
    {"will you add", FeedbackKind::kFeatureRequest, 0.75},
    {"add support for", FeedbackKind::kFeatureRequest, 0.8},
    {"support for", FeedbackKind::kFeatureRequest, 0.55},
    {"on the roadmap", FeedbackKind::kFeatureRequest, 0.8},
    {"roadmap", FeedbackKind::kFeatureRequest, 0.65},
    {"missing feature", FeedbackKind::kFeatureRequest, 0.8},
    {"doesn't support", FeedbackKind::kFeatureRequest, 0.7},
    {"does not support", FeedbackKind::kFeatureRequest, 0.7},
    {"no way to", FeedbackKind::kFeatureRequest, 0.65},
    {"no option to", FeedbackKind::kFeatureRequest, 0.7},
    {"not possible to", FeedbackKind::kFeatureRequest, 0.6},
    {"lacks", FeedbackKind::kFeatureRequest, 0.6},
    // Defects.
    {"bug", FeedbackKind::kBug, 0.7},
    {"bugs", FeedbackKind::kBug, 0.7},
    {"broken", FeedbackKind::kBug, 0.65},
    {"doesn't work", FeedbackKind::kBug, 0.65},
    {"does not work", FeedbackKind::kBug, 0.65},
    {"not working", FeedbackKind::kBug, 0.65},
    {"isn't working", FeedbackKind::kBug, 0.65},
    {"stopped working", FeedbackKind::kBug, 0.7},
    {"crash*", FeedbackKind::kBug, 0.7},
    {"error", FeedbackKind::kBug, 0.6},
    {"errors", FeedbackKind::kBug, 0.6},
    {"fails", FeedbackKind::kBug, 0.6},
    {"failed", FeedbackKind::kBug, 0.55},
    {"failing", FeedbackKind::kBug, 0.6},
    {"wrong", FeedbackKind::kBug, 0.55},
    {"incorrect", FeedbackKind::kBug, 0.6},
    {"glitch", FeedbackKind::kBug, 0.65},
    {"is missing", FeedbackKind::kBug, 0.55},
    {"are missing", FeedbackKind::kBug, 0.55},
    {"disappeared", FeedbackKind::kBug, 0.6},
    {"not loading", FeedbackKind::kBug, 0.65},
    {"won't load", FeedbackKind::kBug, 0.65},
    {"doesn't load", FeedbackKind::kBug, 0.65},
    {"blank page", FeedbackKind::kBug, 0.65},
    {"freezes", FeedbackKind::kBug, 0.65},
    {"timed out", FeedbackKind::kBug, 0.55},
    {"exception", FeedbackKind::kBug, 0.6},
    // UX friction.
    {"confusing", FeedbackKind::kUx, 0.7},
    {"hard to find", FeedbackKind::kUx, 0.75},
    {"difficult to find", FeedbackKind::kUx, 0.75},
    {"couldn't find", FeedbackKind::kUx, 0.6},
    {"can't find", FeedbackKind::kUx, 0.6},
    {"cannot find", FeedbackKind::kUx, 0.6},
    {"not intuitive", FeedbackKind::kUx, 0.75},
    {"unintuitive", FeedbackKind::kUx, 0.75},
    {"counterintuitive", FeedbackKind::kUx, 0.75},
    {"too many clicks", FeedbackKind::kUx, 0.75},
    {"too many steps", FeedbackKind::kUx, 0.75},
    {"clunky", FeedbackKind::kUx, 0.7},
    {"cumbersome", FeedbackKind::kUx, 0.7},
    {"hard to use", FeedbackKind::kUx, 0.75},
    {"difficult to use", FeedbackKind::kUx, 0.75},
    {"not obvious", FeedbackKind::kUx, 0.7},
    {"tedious", FeedbackKind::kUx, 0.65},
    {"hidden", FeedbackKind::kUx, 0.55},
    {"buried", FeedbackKind::kUx, 0.6},
    // Pricing and packaging.
    {"too expensive", FeedbackKind::kPricing, 0.8},
    {"expensive", FeedbackKind::kPricing, 0.65},
    {"overpriced", FeedbackKind::kPricing, 0.8},
    {"price increase", FeedbackKind::kPricing, 0.8},
    {"pricing", FeedbackKind::kPricing, 0.6},
    {"price", FeedbackKind::kPricing, 0.55},
    {"afford", FeedbackKind::kPricing, 0.7},
    {"cheaper", FeedbackKind::kPricing, 0.65},
    {"per seat", FeedbackKind::kPricing, 0.55},
    {"charge extra", FeedbackKind::kPricing, 0.75},
    {"pay extra", FeedbackKind::kPricing, 0.7},
    {"paying extra", FeedbackKind::kPricing, 0.7},
    // Documentation (more in the patterns).
    {"not documented", FeedbackKind::kDocs, 0.8},
    {"undocumented", FeedbackKind::kDocs, 0.8},
    {"no documentation", FeedbackKind::kDocs, 0.8},
    {"isn't documented", FeedbackKind::kDocs, 0.8},
    // How-to questions.
    {"how do i", FeedbackKind::kQuestion, 0.6},
    {"how can i", FeedbackKind::kQuestion, 0.6},
    {"how do we", FeedbackKind::kQuestion, 0.6},
    {"how can we", FeedbackKind::kQuestion, 0.6},
    {"how to", FeedbackKind::kQuestion, 0.55},
    {"where can i", FeedbackKind::kQuestion, 0.6},
    {"where do i", FeedbackKind::kQuestion, 0.6},
    {"where is the", FeedbackKind::kQuestion, 0.55},
    {"what is the best way", FeedbackKind::kQuestion, 0.6},
};

constexpr const char* kDocsPattern =
    R"((?i:\b(?:docs?|documentation|help (?:center|centre|article|page)|knowledge ?base|kb article|api reference|user guide|setup guide|tutorial|readme)\b[^.!?\n]{0,80}\b(?:wrong|outdated|out of date|out-of-date|unclear|confusing|missing|incomplete|incorrect|inaccurate|misleading|doesn't (?:say|mention|explain|cover)|does not (?:say|mention|explain|cover)|didn't help|not helpful|broken link)\b))"
    R"(|(?i:\b(?:couldn't|could not|can't|cannot) find (?:it|anything|this|that|how)[^.!?\n]{0,40}\b(?:docs|documentation|help center)\b))";

// Kind priority when one sentence has cues of several kinds.
int Rank(FeedbackKind kind) {
  switch (kind) {
    case FeedbackKind::kDocs: return 0;
    case FeedbackKind::kFeatureRequest: return 1;
    case FeedbackKind::kPricing: return 2;
    case FeedbackKind::kUx: return 3;
    case FeedbackKind::kBug: return 4;
    case FeedbackKind::kQuestion: return 5;
    default: return 6;
  }
}

bool IsStopWord(absl::string_view word) {
  static constexpr absl::string_view kStop[] = {
      "a",    "an",   "the",  "to",   "of",   "for",  "in",   "on",   "at",    "by",   "we",
      "i",    "you",  "it",   "is",   "are",  "be",   "could", "can", "would", "will", "our",
      "my",   "your", "that", "this", "and",  "or",   "with", "from", "there", "way",  "if",
      "so",   "me",   "us",   "have", "has",  "do",   "does", "please", "also", "just", "like",
      "them", "they", "their", "was", "were", "been", "into", "any",  "some",  "all",  "when"};
  return std::find(std::begin(kStop), std::end(kStop), word) != std::end(kStop);
}

}  // namespace

FeedbackExtractor::~FeedbackExtractor() = default;

absl::StatusOr<std::unique_ptr<FeedbackExtractor>> FeedbackExtractor::Create(
    const config::FeedbackOptions& options, const config::TaxonomyOptions& taxonomy) {
  std::unique_ptr<FeedbackExtractor> extractor(new FeedbackExtractor());
  extractor->options_ = options;
  auto add_cue = [&](absl::string_view phrase, FeedbackKind kind, double strength) {
    if (extractor->cues_.Add(phrase, static_cast<int>(extractor->cue_kinds_.size()))) {
      extractor->cue_kinds_.push_back(kind);
      extractor->cue_strength_.push_back(strength);
    }
  };
  for (const Cue& cue : kCues) add_cue(cue.phrase, cue.kind, cue.strength);
  RE2::Options re_options;
  re_options.set_log_errors(false);
  extractor->patterns_.push_back({std::make_unique<RE2>(kDocsPattern, re_options), FeedbackKind::kDocs,
                                  std::make_unique<LiteralSet>(std::initializer_list<absl::string_view>{
                                      "doc", "help ", "knowledge", "kb ", "reference", "guide", "tutorial",
                                      "readme"})});
  const std::pair<const config::FeedbackCues*, FeedbackKind> configured[] = {
      {&options.feature_request, FeedbackKind::kFeatureRequest},
      {&options.bug, FeedbackKind::kBug},
      {&options.ux, FeedbackKind::kUx},
      {&options.pricing, FeedbackKind::kPricing},
      {&options.docs, FeedbackKind::kDocs},
      {&options.question, FeedbackKind::kQuestion}};
  for (const auto& [cues, kind] : configured) {
    for (const std::string& phrase : cues->phrases) add_cue(phrase, kind, 0.75);
    for (const std::string& pattern : cues->patterns) {
      auto re = std::make_unique<RE2>(pattern, re_options);
      if (!re->ok()) {
        return absl::InvalidArgumentError(absl::StrCat("feedback_kinds: invalid pattern \"",
                                                       pattern, "\": ", re->error()));
      }
      extractor->patterns_.push_back({std::move(re), kind, nullptr});
    }
  }
  for (size_t i = 0; i < options.product_areas.size(); ++i) {
    const std::string& area = options.product_areas[i];
    const bool known = std::any_of(taxonomy.tags.begin(), taxonomy.tags.end(), [&](const auto& node) {
      return node.id == area || absl::StartsWith(node.id, absl::StrCat(area, "/"));
    });
    if (!known) {
      return absl::InvalidArgumentError(absl::StrCat("feedback_kinds.product_areas[", i,
                                                     "]: no taxonomy node \"", area, "\""));
    }
  }
  for (const config::TaxonomyNode& node : taxonomy.tags) {
    const bool is_area =
        options.product_areas.empty() ||
        std::any_of(options.product_areas.begin(), options.product_areas.end(),
                    [&](const std::string& area) {
                      return node.id == area || absl::StartsWith(node.id, absl::StrCat(area, "/"));
                    });
    if (!is_area) continue;
    const int area_index = static_cast<int>(extractor->areas_.size());
    extractor->areas_.push_back(
        {node.id, static_cast<int>(std::count(node.id.begin(), node.id.end(), '/'))});
    for (const std::string& keyword : node.keywords) {
      if (extractor->area_keywords_.Add(keyword, static_cast<int>(extractor->keyword_area_.size()))) {
        extractor->keyword_area_.push_back(area_index);
      }
    }
  }
  return extractor;
}

int FeedbackExtractor::AreaIn(const ScannedText& scan, size_t first, size_t last) const {
  int best = -1;
  size_t best_length = 0;
  for (const PhraseMatch& match : area_keywords_.FindIn(scan, first, last)) {
    const int area = keyword_area_[match.id];
    const size_t length = match.last - match.first;
    if (best < 0 || length > best_length ||
        (length == best_length && areas_[area].depth > areas_[best].depth)) {
      best = area;
      best_length = length;
    }
  }
  return best;
}

std::vector<core::ProductFeedback> FeedbackExtractor::Extract(
    absl::Span<const ScannedSegment> segments) const {
  struct Found {
    core::ProductFeedback feedback;
    int area = -1;
  };
  std::vector<Found> found;
  std::map<int, int> area_votes;
  for (const ScannedSegment& scanned : segments) {
    const TextSegment& segment = scanned.segment;
    if (segment.role != core::AuthorRole::kCustomer) continue;
    const ScannedText& scan = scanned.scan;
    for (const TextRange& sentence : scan.sentences()) {
      const int area = AreaIn(scan, sentence.first, sentence.last);
      if (area >= 0) ++area_votes[area];
      FeedbackKind kind = FeedbackKind::kUnspecified;
      double strength = 0;
      int cues = 0;
      size_t cue_end = sentence.first;
      for (const PhraseMatch& match : cues_.FindIn(scan, sentence.first, sentence.last)) {
        if (!scan.IsNegatorAt(match.first) && scan.NegatedAt(match.first)) continue;
        const FeedbackKind cue_kind = cue_kinds_[match.id];
        ++cues;
        if (kind == FeedbackKind::kUnspecified || Rank(cue_kind) < Rank(kind) ||
            (cue_kind == kind && cue_strength_[match.id] > strength)) {
          kind = cue_kind;
          strength = cue_strength_[match.id];
          cue_end = match.last;
        }
      }
      const absl::string_view text =
          scan.text().substr(sentence.start, sentence.end - sentence.start);
      const absl::string_view lower =
          absl::string_view(scan.lower()).substr(sentence.start, sentence.end - sentence.start);
      for (const Pattern& pattern : patterns_) {
        if (pattern.needs_any != nullptr && pattern.needs_any->Find(lower).none()) continue;
        if (!RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *pattern.re)) continue;
        ++cues;
        if (kind == FeedbackKind::kUnspecified || Rank(pattern.kind) <= Rank(kind)) {
          kind = pattern.kind;
          strength = std::max(strength, 0.8);
        }
      }
      if (kind == FeedbackKind::kUnspecified) continue;
      double confidence = std::min(0.95, strength + 0.05 * (cues - 1));
      if (kind == FeedbackKind::kFeatureRequest && scan.IsQuestion(sentence)) {
        confidence = std::min(0.95, confidence + 0.05);
      }
      if (confidence < options_.min_confidence) continue;
      Found item;
      item.area = area;
      item.feedback.kind = kind;
      item.feedback.confidence = confidence;
      item.feedback.evidence = MakeEvidence(segment, sentence.start, sentence.end);
      std::vector<std::string> theme;
      for (size_t t = cue_end; t < sentence.last && theme.size() < 6; ++t) {
        if (!IsStopWord(scan.word(t))) theme.emplace_back(scan.word(t));
      }
      item.feedback.theme = absl::StrJoin(theme, " ");
      found.push_back(std::move(item));
    }
  }
  // The ticket's main area, for sentences that name none.
  int main_area = -1;
  int main_votes = 0;
  for (const auto& [area, votes] : area_votes) {
    if (votes > main_votes) {
      main_area = area;
      main_votes = votes;
    }
  }
  std::vector<core::ProductFeedback> out;
  for (Found& item : found) {
    const int area = item.area >= 0 ? item.area : main_area;
    if (area >= 0) item.feedback.product_area = areas_[area].id;
    out.push_back(std::move(item.feedback));
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.confidence > b.confidence;
  });
  if (static_cast<int>(out.size()) > options_.max_items) out.resize(options_.max_items);
  return out;
}

}  // namespace debrief::analysis
