#include "server/analysis/competitor_extractor.h"

#include <algorithm>
#include <set>

#include "server/analysis/ticket_text.h"

namespace debrief::analysis {
namespace {

using core::CompetitorContext;

struct Cue {
  const char* phrase;
  CompetitorContext context;
};

// Words right before the name that state intent: "switch to X", "moving from X".
constexpr Cue kBeforeCues[] = {
    {"switch to", CompetitorContext::kSwitching},     {"switching to", CompetitorContext::kSwitching},
    {"switch over to", CompetitorContext::kSwitching}, {"move to", CompetitorContext::kSwitching},
    {"moving to", CompetitorContext::kSwitching},     {"migrate to", CompetitorContext::kSwitching},
    {"migrating to", CompetitorContext::kSwitching},  {"go with", CompetitorContext::kSwitching},
    {"going with", CompetitorContext::kSwitching},    {"go to", CompetitorContext::kSwitching},
    {"leave for", CompetitorContext::kSwitching},     {"leaving for", CompetitorContext::kSwitching},
    {"sign with", CompetitorContext::kSwitching},     {"signed with", CompetitorContext::kSwitching},
    {"signing with", CompetitorContext::kSwitching},  {"replace you with", CompetitorContext::kSwitching},
    {"replacing you with", CompetitorContext::kSwitching},
    {"trial of", CompetitorContext::kSwitching},      {"trialing", CompetitorContext::kSwitching},
    {"trialling", CompetitorContext::kSwitching},     {"evaluating", CompetitorContext::kSwitching},
    {"considering", CompetitorContext::kSwitching},   {"looking at", CompetitorContext::kSwitching},
    {"demo with", CompetitorContext::kSwitching},     {"demo of", CompetitorContext::kSwitching},
    {"alternatives like", CompetitorContext::kSwitching},
    {"alternatives such as", CompetitorContext::kSwitching},
    {"compared to", CompetitorContext::kComparing},   {"compared with", CompetitorContext::kComparing},
    {"comparing you to", CompetitorContext::kComparing}, {"than", CompetitorContext::kComparing},
    {"unlike", CompetitorContext::kComparing},        {"vs", CompetitorContext::kComparing},
    {"versus", CompetitorContext::kComparing},        {"like in", CompetitorContext::kComparing},
    {"integrate with", CompetitorContext::kIntegration},
    {"integration with", CompetitorContext::kIntegration},
    {"integrating with", CompetitorContext::kIntegration},
    {"sync with", CompetitorContext::kIntegration},   {"syncing with", CompetitorContext::kIntegration},
    {"connect to", CompetitorContext::kIntegration},  {"connect with", CompetitorContext::kIntegration},
    {"import from", CompetitorContext::kIntegration}, {"importing from", CompetitorContext::kIntegration},
    {"export to", CompetitorContext::kIntegration},   {"migrate from", CompetitorContext::kIntegration},
    {"migrating from", CompetitorContext::kIntegration},
    {"migrated from", CompetitorContext::kIntegration},
    {"switched from", CompetitorContext::kIntegration},
    {"moved from", CompetitorContext::kIntegration},  {"coming from", CompetitorContext::kIntegration},
    {"data from", CompetitorContext::kIntegration},   {"alongside", CompetitorContext::kIntegration},
};

// Words anywhere in the mention's clause.
constexpr Cue kClauseCues[] = {
    {"switch", CompetitorContext::kSwitching},       {"switching", CompetitorContext::kSwitching},
    {"cancel", CompetitorContext::kSwitching},       {"leave", CompetitorContext::kSwitching},
    {"leaving", CompetitorContext::kSwitching},      {"churn", CompetitorContext::kSwitching},
    {"take our business", CompetitorContext::kSwitching},
    {"instead", CompetitorContext::kSwitching},      {"replace", CompetitorContext::kSwitching},
    {"cheaper", CompetitorContext::kPricing},        {"price", CompetitorContext::kPricing},
    {"prices", CompetitorContext::kPricing},         {"pricing", CompetitorContext::kPricing},
    {"priced", CompetitorContext::kPricing},         {"cost", CompetitorContext::kPricing},
    {"costs", CompetitorContext::kPricing},          {"expensive", CompetitorContext::kPricing},
    {"per seat", CompetitorContext::kPricing},       {"per user", CompetitorContext::kPricing},
    {"per month", CompetitorContext::kPricing},      {"discount", CompetitorContext::kPricing},
    {"quote", CompetitorContext::kPricing},          {"offer", CompetitorContext::kPricing},
    {"offered us", CompetitorContext::kPricing},     {"half the price", CompetitorContext::kPricing},
    {"integration", CompetitorContext::kIntegration}, {"integrate", CompetitorContext::kIntegration},
    {"integrates", CompetitorContext::kIntegration}, {"connector", CompetitorContext::kIntegration},
    {"sync", CompetitorContext::kIntegration},       {"syncs", CompetitorContext::kIntegration},
    {"import", CompetitorContext::kIntegration},     {"export", CompetitorContext::kIntegration},
    {"plugin", CompetitorContext::kIntegration},     {"api", CompetitorContext::kIntegration},
    {"love", CompetitorContext::kPraise},            {"loved", CompetitorContext::kPraise},
    {"great", CompetitorContext::kPraise},           {"amazing", CompetitorContext::kPraise},
    {"excellent", CompetitorContext::kPraise},       {"awesome", CompetitorContext::kPraise},
    {"much better", CompetitorContext::kPraise},     {"so much easier", CompetitorContext::kPraise},
    {"much easier", CompetitorContext::kPraise},     {"nicer", CompetitorContext::kPraise},
    {"fantastic", CompetitorContext::kPraise},       {"impressed", CompetitorContext::kPraise},
    {"better", CompetitorContext::kComparing},       {"worse", CompetitorContext::kComparing},
    {"faster", CompetitorContext::kComparing},       {"slower", CompetitorContext::kComparing},
    {"easier", CompetitorContext::kComparing},       
             
         
           
        
    {"feature", CompetitorContext::kComparing},      {"features", CompetitorContext::kComparing},
    {"compare", CompetitorContext::kComparing},      {"comparison", CompetitorContext::kComparing},
};

// Words right after the name that compare it with us: "X has", "X lets you".
constexpr Cue kAfterCues[] = {
    {"has", CompetitorContext::kComparing},      {"have", CompetitorContext::kComparing},
    {"offers", CompetitorContext::kComparing},   {"supports", CompetitorContext::kComparing},
    {"lets you", CompetitorContext::kComparing}, {"allows", CompetitorContext::kComparing},
    {"can do", CompetitorContext::kComparing},   {"can", CompetitorContext::kComparing},
    {"does this", CompetitorContext::kComparing}, {"does it", CompetitorContext::kComparing},
    {"already does", CompetitorContext::kComparing}, {"provides", CompetitorContext::kComparing},
};

// When a clause has several cues, the strongest signal for Sales wins.
int Rank(CompetitorContext context) {
  switch (context) {
    case CompetitorContext::kSwitching: return 0;
    case CompetitorContext::kPricing: return 1;
    case CompetitorContext::kIntegration: return 2;
    case CompetitorContext::kPraise: return 3;
    case CompetitorContext::kComparing: return 4;
    default: return 5;
  }
}

}  // namespace

absl::StatusOr<std::unique_ptr<CompetitorExtractor>> CompetitorExtractor::Create(
    const config::CompetitorsOptions& options) {
  std::unique_ptr<CompetitorExtractor> extractor(new CompetitorExtractor());
  for (const config::CompetitorOptions& competitor : options.competitors) {
    std::vector<std::string> names = {competitor.name};
    names.insert(names.end(), competitor.aliases.begin(), competitor.aliases.end());
    names.insert(names.end(), competitor.products.begin(), competitor.products.end());
    for (const std::string& alias : names) {
      Name name{competitor.name, alias, {}};
      if (competitor.case_sensitive) {
        for (const TokenSpan& token : Tokenize(alias)) {
          name.exact_words.emplace_back(alias.substr(token.start, token.end - token.start));
        }
      }
      if (extractor->name_matcher_.Add(alias, static_cast<int>(extractor->names_.size()))) {
        extractor->names_.push_back(std::move(name));
      }
    }
  }
  for (const Cue& cue : kBeforeCues) extractor->before_cues_.Add(cue.phrase, static_cast<int>(cue.context));
  for (const Cue& cue : kClauseCues) extractor->clause_cues_.Add(cue.phrase, static_cast<int>(cue.context));
  for (const Cue& cue : kAfterCues) extractor->after_cues_.Add(cue.phrase, static_cast<int>(cue.context));
  return extractor;
}

std::pair<core::CompetitorContext, double> CompetitorExtractor::Classify(const ScannedText& scan,
                                                                         size_t first,
                                                                         size_t last) const {
  // A cue ending right before the name (up to two words in between: "switch over to the X").
  const size_t sentence_first = scan.sentences()[scan.SentenceOf(first)].first;
  const size_t window_first = first >= 6 ? std::max(first - 6, sentence_first) : sentence_first;
  CompetitorContext best = CompetitorContext::kMention;
  double confidence = 0.5;
  for (const PhraseMatch& cue : before_cues_.FindIn(scan, window_first, first)) {
    if (first - cue.last > 2) continue;
    if (scan.NegatedAt(cue.first)) continue;
    const auto context = static_cast<CompetitorContext>(cue.id);
    if (best == CompetitorContext::kMention || Rank(context) < Rank(best)) {
      best = context;
      confidence = 0.85;
    }
  }
  for (const PhraseMatch& cue : after_cues_.FindIn(scan, last, std::min(scan.size(), last + 3))) {
    if (cue.first != last || scan.PunctuationBefore(cue.first)) continue;
    if (best == CompetitorContext::kMention) {
      best = static_cast<CompetitorContext>(cue.id);
      confidence = 0.7;
    }
  }
  // Cues in the clause (or, if the clause has none, the sentence).
  const TextRange clause = scan.ClauseOf(first);
  const TextRange& sentence = scan.sentences()[scan.SentenceOf(first)];
  for (const TextRange& range : {clause, sentence}) {
    CompetitorContext found = CompetitorContext::kMention;
    for (const PhraseMatch& cue : clause_cues_.FindIn(scan, range.first, range.last)) {
      if (cue.first >= first && cue.first < last) continue;
      if (scan.NegatedAt(cue.first)) continue;
      const auto context = static_cast<CompetitorContext>(cue.id);
      if (Rank(context) < Rank(found)) found = context;
    }
    if (found == CompetitorContext::kMention) continue;
    const double cue_confidence = range.first == clause.first && range.last == clause.last ? 0.75 : 0.6;
    if (Rank(found) < Rank(best)) {
      best = found;
      confidence = cue_confidence;
    } else if (found == best) {
      confidence = std::min(0.95, confidence + 0.1);
    }
    break;
  }
  return {best, confidence};
}

std::vector<core::CompetitorMention> CompetitorExtractor::Extract(
    absl::Span<const ScannedSegment> segments) const {
  std::vector<core::CompetitorMention> mentions;
  if (names_.empty()) return mentions;
  for (const ScannedSegment& scanned : segments) {
    const TextSegment& segment = scanned.segment;
    if (segment.role != core::AuthorRole::kCustomer) continue;
    const ScannedText& scan = scanned.scan;
    std::set<std::pair<std::string, size_t>> seen;  // (competitor, sentence)
    for (const PhraseMatch& match : name_matcher_.FindLongest(scan)) {
      const Name& name = names_[match.id];
      if (!name.exact_words.empty()) {
        bool exact = name.exact_words.size() == match.last - match.first;
        for (size_t k = 0; exact && k < name.exact_words.size(); ++k) {
          exact = scan.original(match.first + k) == name.exact_words[k];
        }
        if (!exact) continue;
      }
      const size_t sentence_index = scan.SentenceOf(match.first);
      if (!seen.insert({name.competitor, sentence_index}).second) continue;
      const auto [context, confidence] = Classify(scan, match.first, match.last);
      const TextRange& sentence = scan.sentences()[sentence_index];
      core::CompetitorMention mention;
      mention.competitor = name.competitor;
      mention.alias = std::string(scan.text().substr(scan.tokens()[match.first].start,
                                                     scan.tokens()[match.last - 1].end -
                                                         scan.tokens()[match.first].start));
      mention.context = context;
      mention.confidence = confidence;
      mention.evidence = MakeEvidence(segment, sentence.start, sentence.end);
      mentions.push_back(std::move(mention));
    }
  }
  return mentions;
}

}  // namespace debrief::analysis
