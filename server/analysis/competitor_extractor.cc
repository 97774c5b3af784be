#include "server/analysis/competitor_extractor.h"

#include <algorithm>
#include <set>

#include "absl/strings/ascii.h"
#include "server/analysis/ticket_text.h"

namespace debrief::analysis {
namespace {

using core::CompetitorContext;

struct Cue {
  const char* phrase;
  CompetitorContext context;
  // Whether the cue also counts from a neighbouring sentence: words about moving between
  // tools or comparing them ("Is there an importer?", "Is there an equivalent here?"), not
  // words any support question uses ("export", "API").
  bool from_neighbour = false;
};

// Words right before the name that state intent: "switch to X", "moving from X".
constexpr Cue kBeforeCues[] = {
    {"switch to", CompetitorContext::kSwitching},     {"switching to", CompetitorContext::kSwitching},
    {"switch over to", CompetitorContext::kSwitching}, {"go with", CompetitorContext::kSwitching},
    {"going with", CompetitorContext::kSwitching},    {"go to", CompetitorContext::kSwitching},
    {"leave for", CompetitorContext::kSwitching},     {"leaving for", CompetitorContext::kSwitching},
    {"sign with", CompetitorContext::kSwitching},     {"signed with", CompetitorContext::kSwitching},
    {"signing with", CompetitorContext::kSwitching},  {"replace you with", CompetitorContext::kSwitching},
    {"replacing you with", CompetitorContext::kSwitching},
    {"trial of", CompetitorContext::kSwitching},      {"trialing", CompetitorContext::kSwitching},
    {"trialling", CompetitorContext::kSwitching},     {"evaluating", CompetitorContext::kSwitching},
    {"evaluate", CompetitorContext::kSwitching},      {"considering", CompetitorContext::kSwitching},
    {"looking at", CompetitorContext::kSwitching},    {"demo with", CompetitorContext::kSwitching},
    {"demo of", CompetitorContext::kSwitching},       {"alternatives like", CompetitorContext::kSwitching},
    {"alternatives such as", CompetitorContext::kSwitching},
    {"standardising on", CompetitorContext::kSwitching},
    {"standardizing on", CompetitorContext::kSwitching},
    {"standardise on", CompetitorContext::kSwitching}, {"standardize on", CompetitorContext::kSwitching},
    {"start using", CompetitorContext::kSwitching},   {"started using", CompetitorContext::kSwitching},
    {"compared to", CompetitorContext::kComparing},   {"compared with", CompetitorContext::kComparing},
    {"comparing you to", CompetitorContext::kComparing}, {"than", CompetitorContext::kComparing},
    {"unlike", CompetitorContext::kComparing},        {"vs", CompetitorContext::kComparing},
    {"versus", CompetitorContext::kComparing},        {"like in", CompetitorContext::kComparing},
    {"as in", CompetitorContext::kComparing},         {"like", CompetitorContext::kComparing},
    {"in", CompetitorContext::kComparing},            {"coming from", CompetitorContext::kComparing},
    {"integrate with", CompetitorContext::kIntegration},
    {"integration with", CompetitorContext::kIntegration},
    {"integrating with", CompetitorContext::kIntegration},
    {"sync with", CompetitorContext::kIntegration},   {"syncing with", CompetitorContext::kIntegration},
    {"connect to", CompetitorContext::kIntegration},  {"connect with", CompetitorContext::kIntegration},
    {"connecting", CompetitorContext::kIntegration},  {"connect", CompetitorContext::kIntegration},
    {"import from", CompetitorContext::kIntegration}, {"importing from", CompetitorContext::kIntegration},
    {"export to", CompetitorContext::kIntegration},   {"embed", CompetitorContext::kIntegration},
    {"embedding", CompetitorContext::kIntegration},   {"data from", CompetitorContext::kIntegration},
    {"alongside", CompetitorContext::kIntegration},   {"bring over", CompetitorContext::kIntegration},
};

// Words anywhere in the mention's clause (or sentence, or a neighbouring sentence).
constexpr Cue kClauseCues[] = {
    {"switch", CompetitorContext::kSwitching},        {"switching", CompetitorContext::kSwitching},
    {"churn", CompetitorContext::kSwitching},         {"take our business", CompetitorContext::kSwitching},
    {"instead", CompetitorContext::kSwitching},       {"replace", CompetitorContext::kSwitching},
    {"replacing", CompetitorContext::kSwitching},     {"replacement", CompetitorContext::kSwitching, true},
    {"trial", CompetitorContext::kSwitching, true},         {"pilot*", CompetitorContext::kSwitching, true},
    {"proof of concept", CompetitorContext::kSwitching}, {"poc", CompetitorContext::kSwitching},
    {"plan b", CompetitorContext::kSwitching},        {"rebuilding", CompetitorContext::kSwitching},
    {"migration plan", CompetitorContext::kSwitching}, {"move over", CompetitorContext::kSwitching},
    {"moving over", CompetitorContext::kSwitching},   {"move us over", CompetitorContext::kSwitching},
    {"move everything", CompetitorContext::kSwitching},
    {"moving everything", CompetitorContext::kSwitching},
    {"move there", CompetitorContext::kSwitching},    {"moving there", CompetitorContext::kSwitching},
    {"migration there", CompetitorContext::kSwitching},
    {"cheaper", CompetitorContext::kPricing, true},         {"pric*", CompetitorContext::kPricing, true},
    {"cost", CompetitorContext::kPricing},            {"costs", CompetitorContext::kPricing},
    {"expensive", CompetitorContext::kPricing},       {"per seat", CompetitorContext::kPricing},
    {"per user", CompetitorContext::kPricing},        {"per viewer", CompetitorContext::kPricing},
    {"per creator", CompetitorContext::kPricing},     {"per month", CompetitorContext::kPricing},
    {"discount", CompetitorContext::kPricing, true},        {"quote", CompetitorContext::kPricing},
    {"quoted", CompetitorContext::kPricing},          {"offered us", CompetitorContext::kPricing},
    {"half the price", CompetitorContext::kPricing},  {"free", CompetitorContext::kPricing, true},
    {"fee", CompetitorContext::kPricing},             {"fees", CompetitorContext::kPricing},
    {"charge", CompetitorContext::kPricing},          {"charges", CompetitorContext::kPricing},
    {"licensing", CompetitorContext::kPricing},       {"tco", CompetitorContext::kPricing},
    {"budget", CompetitorContext::kPricing},          {"rates", CompetitorContext::kPricing},
    {"flat rate", CompetitorContext::kPricing},       {"afford*", CompetitorContext::kPricing},
    {"pay", CompetitorContext::kPricing},             {"paying", CompetitorContext::kPricing},
    {"integration", CompetitorContext::kIntegration}, {"integrate", CompetitorContext::kIntegration},
    {"integrates", CompetitorContext::kIntegration},  {"connector", CompetitorContext::kIntegration},
    {"sync", CompetitorContext::kIntegration},        {"syncs", CompetitorContext::kIntegration},
    {"import", CompetitorContext::kIntegration},      {"importer", CompetitorContext::kIntegration, true},
    {"export", CompetitorContext::kIntegration},      {"plugin", CompetitorContext::kIntegration},
    {"api", CompetitorContext::kIntegration},         {"embed*", CompetitorContext::kIntegration, true},
    {"iframe", CompetitorContext::kIntegration},      {"odbc", CompetitorContext::kIntegration},
    {"jdbc", CompetitorContext::kIntegration},        {"odata", CompetitorContext::kIntegration},
    {"convert*", CompetitorContext::kIntegration, true},    {"map over", CompetitorContext::kIntegration, true},
    {"connection", CompetitorContext::kIntegration},  {"migrate", CompetitorContext::kIntegration, true},
    {"migration", CompetitorContext::kIntegration, true},   {"migrating", CompetitorContext::kIntegration, true},
    {"love", CompetitorContext::kPraise},             {"loved", CompetitorContext::kPraise},
    {"great", CompetitorContext::kPraise},            {"amazing", CompetitorContext::kPraise},
    {"excellent", CompetitorContext::kPraise},        {"awesome", CompetitorContext::kPraise},
    {"much better", CompetitorContext::kPraise},      {"far better", CompetitorContext::kPraise},
    {"so much easier", CompetitorContext::kPraise},   {"much easier", CompetitorContext::kPraise},
    {"nicer", CompetitorContext::kPraise},            {"fantastic", CompetitorContext::kPraise},
    {"impressed", CompetitorContext::kPraise},        {"impressive", CompetitorContext::kPraise},
    {"brilliant", CompetitorContext::kPraise},        {"superb", CompetitorContext::kPraise},
    {"wonderful*", CompetitorContext::kPraise},       {"friendl*", CompetitorContext::kPraise},
    {"best", CompetitorContext::kPraise},             {"gorgeous", CompetitorContext::kPraise},
    {"lovely", CompetitorContext::kPraise},           {"joy", CompetitorContext::kPraise},
    {"enjoy*", CompetitorContext::kPraise},           {"polished", CompetitorContext::kPraise},
    {"slick", CompetitorContext::kPraise},            {"snappy", CompetitorContext::kPraise},
    {"elegant", CompetitorContext::kPraise},          {"well designed", CompetitorContext::kPraise},
    {"nicely done", CompetitorContext::kPraise},      {"just works", CompetitorContext::kPraise},
    {"really good", CompetitorContext::kPraise},      {"so good", CompetitorContext::kPraise},
    {"really nice", CompetitorContext::kPraise},      {"really clean", CompetitorContext::kPraise},
    {"credit", CompetitorContext::kPraise},           {"what i miss", CompetitorContext::kPraise},
    {"gets how", CompetitorContext::kPraise},         {"never does", CompetitorContext::kPraise},
    {"without a hiccup", CompetitorContext::kPraise},
    {"better", CompetitorContext::kComparing},        {"worse", CompetitorContext::kComparing},
    {"faster", CompetitorContext::kComparing},        {"slower", CompetitorContext::kComparing},
    {"easier", CompetitorContext::kComparing},        {"feature", CompetitorContext::kComparing},
    {"features", CompetitorContext::kComparing},      {"compare", CompetitorContext::kComparing},
    {"comparison", CompetitorContext::kComparing},    {"equivalent", CompetitorContext::kComparing, true},
    {"same way", CompetitorContext::kComparing, true},      {"same as", CompetitorContext::kComparing, true},
    {"similar", CompetitorContext::kComparing, true},       {"whereas", CompetitorContext::kComparing},
    {"differently", CompetitorContext::kComparing},   {"work like", CompetitorContext::kComparing},
    {"works like", CompetitorContext::kComparing},    {"while yours", CompetitorContext::kComparing},
    {"here", CompetitorContext::kComparing, true},
};

// Words right after the name that compare it with us ("X has", "X lets you") or state
// intent ("an X trial").
constexpr Cue kAfterCues[] = {
    {"has", CompetitorContext::kComparing},      {"have", CompetitorContext::kComparing},
    {"offers", CompetitorContext::kComparing},   {"supports", CompetitorContext::kComparing},
    {"lets", CompetitorContext::kComparing},     {"allows", CompetitorContext::kComparing},
    {"can do", CompetitorContext::kComparing},   {"can", CompetitorContext::kComparing},
    {"does this", CompetitorContext::kComparing}, {"does it", CompetitorContext::kComparing},
    {"already does", CompetitorContext::kComparing}, {"provides", CompetitorContext::kComparing},
    {"applies", CompetitorContext::kComparing},  {"shows", CompetitorContext::kComparing},
    {"recalculates", CompetitorContext::kComparing},
    {"trial", CompetitorContext::kSwitching},    {"demo", CompetitorContext::kSwitching},
    {"pilot", CompetitorContext::kSwitching},    {"proof of concept", CompetitorContext::kSwitching},
    {"poc", CompetitorContext::kSwitching},
};

// Verbs of moving work between tools: with "to X" the customer is leaving, with "from X"
// (present or future) work comes to us, which is integration and migration. "migrated
// from X last year" is history: a mention.
constexpr const char* kMoveVerbs[] = {"move", "moving", "migrate", "migrating", "switch",
                                      "switching", "transition*", "port", "porting", "bring",
                                      "bringing", "consolidate", "consolidating", "shift",
                                      "shifting", "go", "going"};
constexpr const char* kPastMoveVerbs[] = {"moved", "migrated", "switched", "ported", "consolidated",
                                          "shifted"};

// Sentences that say the customer stays: "decided to stay", "we're not leaving".
constexpr const char* kStaying[] = {"decided to stay", "staying with you", "we're staying",
                                    "we are staying", "not leaving", "not switching",
                                    "decision's made"};

// Whether a case-sensitive name at token `t` ends another capitalized name ("Focus Mode",
// "View Mode"): the word before it is capitalized mid-sentence, with nothing in between.
bool PartOfAnotherName(const ScannedText& scan, size_t t) {
  if (t == 0 || scan.SentenceOf(t - 1) != scan.SentenceOf(t) || scan.PunctuationBefore(t)) return false;
  if (scan.sentences()[scan.SentenceOf(t)].first == t - 1) return false;
  const absl::string_view before = scan.original(t - 1);
  return before != "I" && absl::ascii_isupper(static_cast<unsigned char>(before[0]));
}

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
      // "Metabase's editor": the possessive is one token, so it is a form of its own.
      for (const std::string& form : {alias, alias + "'s"}) {
        Name name{competitor.name, alias, {}};
        if (competitor.case_sensitive) {
          for (const TokenSpan& token : Tokenize(form)) {
            name.exact_words.emplace_back(form.substr(token.start, token.end - token.start));
          }
        }
        if (extractor->name_matcher_.Add(form, static_cast<int>(extractor->names_.size()))) {
          extractor->names_.push_back(std::move(name));
        }
      }
    }
  }
  for (const Cue& cue : kBeforeCues) extractor->before_cues_.Add(cue.phrase, static_cast<int>(cue.context));
  for (const Cue& cue : kClauseCues) {
    extractor->clause_cues_.Add(cue.phrase, static_cast<int>(cue.context));
    if (cue.from_neighbour) extractor->neighbour_cues_.Add(cue.phrase, static_cast<int>(cue.context));
  }
  for (const Cue& cue : kAfterCues) extractor->after_cues_.Add(cue.phrase, static_cast<int>(cue.context));
  for (const char* verb : kMoveVerbs) extractor->move_verbs_.Add(verb, 0);
  for (const char* verb : kPastMoveVerbs) extractor->move_verbs_.Add(verb, 1);
  for (const char* phrase : kStaying) extractor->staying_.Add(phrase, 0);
  return extractor;
}

std::pair<core::CompetitorContext, double> CompetitorExtractor::Classify(const ScannedText& scan,
                                                                         size_t first,
                                                                         size_t last) const {
  const std::vector<TextRange>& sentences = scan.sentences();
  const size_t sentence_index = scan.SentenceOf(first);
  const TextRange& sentence = sentences[sentence_index];
  // "We're staying with you, but X's editor is a joy": nothing here is switching.
  const bool staying = !staying_.FindAll(scan).empty();
  CompetitorContext best = CompetitorContext::kMention;
  double confidence = 0.5;
  auto offer = [&](CompetitorContext context, double context_confidence) {
    if (staying && context == CompetitorContext::kSwitching) return;
    if (best == CompetitorContext::kMention || Rank(context) < Rank(best)) {
      best = context;
      confidence = context_confidence;
    } else if (context == best) {
      confidence = std::min(0.95, confidence + 0.1);
    }
  };
  // A cue ending right before the name (up to two words in between: "switch over to the X").
  const size_t window_first = first >= 6 ? std::max(first - 6, sentence.first) : sentence.first;
  for (const PhraseMatch& cue : before_cues_.FindIn(scan, window_first, first)) {
    if (first - cue.last > 2 || scan.NegatedAt(cue.first)) continue;
    // A lone preposition only counts right before the name ("in Tableau you can...").
    const auto context = static_cast<CompetitorContext>(cue.id);
    const bool lone_word = cue.last - cue.first == 1 && context == CompetitorContext::kComparing;
    if (lone_word && cue.last != first) continue;
    offer(context, lone_word ? 0.55 : 0.85);
  }
  // Moving work "to X" is leaving; "from X" (not past) is a migration to us.
  if (first > sentence.first) {
    const size_t before = first - 1;
    const absl::string_view word = scan.word(before);
    const bool to = word == "to" || word == "into" || word == "onto";
    const bool from = word == "from" || word == "off" || (word == "of" && before > 0 && scan.word(before - 1) == "out");
    if (to || from) {
      bool present = false, past = false;
      for (const PhraseMatch& verb : move_verbs_.FindIn(scan, sentence.first, first)) {
        if (scan.NegatedAt(verb.first)) continue;
        (verb.id == 1 ? past : present) = true;
      }
      if (to && (present || past)) offer(CompetitorContext::kSwitching, 0.8);
      if (from && present) offer(CompetitorContext::kIntegration, 0.8);
    }
  }
  for (const PhraseMatch& cue : after_cues_.FindIn(scan, last, std::min(scan.size(), last + 3))) {
    if (cue.first != last || scan.PunctuationBefore(cue.first)) continue;
    if (best == CompetitorContext::kMention) offer(static_cast<CompetitorContext>(cue.id), 0.7);
  }
  // Cues in the sentence (surer in the name's own clause); for a plain or weak mention, the
  // moving and comparing cues of the next or the previous sentence.
  const TextRange clause = scan.ClauseOf(first);
  auto strongest_cue = [&](const PhraseMatcher& cues, const TextRange& range) {
    CompetitorContext found = CompetitorContext::kMention;
    for (const PhraseMatch& cue : cues.FindIn(scan, range.first, range.last)) {
      if (cue.first >= first && cue.first < last) continue;
      if (scan.NegatedAt(cue.first)) continue;
      const auto context = static_cast<CompetitorContext>(cue.id);
      if (staying && context == CompetitorContext::kSwitching) continue;
      if (Rank(context) < Rank(found)) found = context;
    }
    return found;
  };
  if (const CompetitorContext in_clause = strongest_cue(clause_cues_, clause);
      in_clause != CompetitorContext::kMention) {
    offer(in_clause, 0.75);
  }
  if (const CompetitorContext in_sentence = strongest_cue(clause_cues_, sentence);
      in_sentence != CompetitorContext::kMention) {
    offer(in_sentence, 0.6);
  }
  for (const size_t neighbour : {sentence_index + 1, sentence_index - 1}) {
    if (neighbour >= sentences.size() || (best != CompetitorContext::kMention && confidence >= 0.6)) continue;
    const CompetitorContext found = strongest_cue(neighbour_cues_, sentences[neighbour]);
    if (found != CompetitorContext::kMention) offer(found, 0.5);
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
        if (!exact || PartOfAnotherName(scan, match.first)) continue;
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
