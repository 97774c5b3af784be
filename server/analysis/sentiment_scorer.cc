#include "server/analysis/sentiment_scorer.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"

namespace debrief::analysis {
namespace {

// VADER's constants: the step an intensifier adds, the factor a negation applies, the
// step for an all-caps word, and the normalization alpha of score / sqrt(score^2 + alpha).
constexpr double kBoost = 0.293;
constexpr double kNegate = -0.74;
constexpr double kCaps = 0.733;
constexpr double kAlpha = 15.0;
constexpr double kExclamation = 0.292;
// Support language: praise inside a question is tentative ("is there a better way?").
constexpr double kQuestionPositive = 0.4;
constexpr double kQuestionNegative = 0.85;
// Politeness in a request is formula, not sentiment.
constexpr double kPolitenessInRequest = 0.35;
// Negative mass at which politeness stops counting (polite but angry).
constexpr double kAngryMass = -1.0;
// A product function that does not happen ("won't load").
constexpr double kMalfunction = -1.2;

struct LexiconEntry {
  const char* word;
  double valence;
};

constexpr LexiconEntry kVader[] = {
#include "server/analysis/vader_lexicon.inc"
};

// Support-desk corrections to the general lexicon: words that name the desk's business
// ("support", "charge", "refund"), request formulas ("please", "help", "like"), and the
// vocabulary of defects that general English rates mildly or not at all.
constexpr LexiconEntry kDomain[] = {
    {"support", 0},      {"help", 0},         {"helps", 0},        {"helping", 0},
    {"please", 0},       {"like", 0},         {"likes", 0},        {"free", 0},
    {"kind", 0},         {"regards", 0},      {"best", 1.0},       {"well", 0},
    {"pretty", 0},       {"sure", 0},         {"want", 0},         {"care", 0},
    {"hope", 0.3},       {"ok", 0.3},         {"okay", 0.3},       {"no", 0},
    {"yes", 0.4},        {"thanks", 0},       {"thank", 0},        {"appreciate", 0},
    {"sorry", 0},        {"fine", 0.4},       {"matter", 0},       {"clear", 0},
    {"cut", 0},          {"kill", 0},         {"save", 0},         {"share", 0},
    {"trust", 0},        {"allow", 0},        {"accept", 0},       {"reach", 0},
    {"join", 0},         {"let", 0},          {"play", 0},         {"fit", 0},
    {"grant", 0},        {"secure", 0},       {"certain", 0},      {"true", 0},
    {"ready", 0},        {"interested", 0},   {"important", 0.3},  {"huge", 0},
    {"hard", -0.6},      {"miss", 0},         {"lack", -0.8},      {"limited", 0},
    {"low", 0},          {"charge", 0},       {"charges", 0},      {"charged", 0},
    {"credit", 0},       {"pay", 0},          {"payment", 0},      {"promise", 0},
    {"wish", 0},         {"welcome", 0},      {"straight", 0},     {"value", 0},
    {"worth", 0},        {"chance", 0},       {"engage", 0},       {"force", 0},
    {"god", 0},          {"stop", 0},         {"refund", 0},       {"solution", 0.5},
    {"cancel", -0.8},    {"problem", -1.2},   {"problems", -1.2},  {"issue", -0.4},
    {"issues", -0.4},    {"urgent", -0.6},    {"urgently", -0.6},  {"asap", -0.5},
    {"critical", -1.0},  {"wrong", -1.6},     {"error", -1.2},     {"errors", -1.2},
    {"bug", -1.2},       {"bugs", -1.2},      {"buggy", -2.0},     {"crashes", -1.8},
    {"crashing", -1.8},  {"crashed", -1.8},   {"fails", -1.6},     {"failing", -1.6},
    {"glitch", -1.2},    {"glitches", -1.2},  {"slow", -1.2},      {"sluggish", -1.4},
    {"laggy", -1.4},     {"unusable", -2.8},  {"unresponsive", -1.8}, {"stuck", -1.4},
    {"outage", -1.8},    {"downtime", -1.6},  {"overcharged", -2.2}, {"unresolved", -1.5},
    {"escalate", -1.0},  {"escalating", -1.0}, {"unacceptable", -2.6}, {"useless", -2.0},
    {"pointless", -1.8}, {"nightmare", -2.6}, {"hassle", -1.6},    {"headache", -1.6},
    {"missing", -1.0},   {"incorrect", -1.2}, {"inaccurate", -1.2}, {"duplicate", -0.6},
    {"impossible", -1.4}, {"blocked", -1.5},  {"blocker", -1.5},   {"broke", -1.8},
    {"breaks", -1.6},    {"freezes", -1.6},   {"frozen", -1.2},    {"hangs", -1.2},
    {"timeout", -1.0},   {"disconnects", -1.2}, {"corrupted", -2.0}, {"lifesaver", 2.8},
    {"smooth", 1.5},     {"seamless", 1.8},   {"responsive", 1.2}, {"fixed", 0.8},
    {"resolved", 1.2},   {"solved", 1.6},     {"works", 0.8},      {"worked", 0.8},
    {"sorted", 1.0},     {"quick", 0.3},      {"quickly", 0.3},    {"again", 0},
    {"still", 0},        {"seriously", 0},    {"twice", 0},        {"excel", 0},
    {"locked", -1.2},    {"persists", -1.4},  {"persist", -1.2},   {"persisting", -1.4},
    {"trouble", -0.8},
};

// The lexicon keyed by WordHash, so a token is looked up by the hash ScannedText already
// computed; the entry's word is compared to rule out a hash collision.
struct LexiconHit {
  absl::string_view word;
  double valence = 0;
};
const absl::flat_hash_map<size_t, LexiconHit>& Lexicon() {
  static const auto* lexicon = [] {
    auto* map = new absl::flat_hash_map<size_t, LexiconHit>();
    map->reserve(std::size(kVader) + std::size(kDomain));
    for (const LexiconEntry& entry : kVader) (*map)[WordHash(entry.word)] = {entry.word, entry.valence};
    for (const LexiconEntry& entry : kDomain) (*map)[WordHash(entry.word)] = {entry.word, entry.valence};
    return map;
  }();
  return *lexicon;
}

double BoosterOf(absl::string_view word) {
  static constexpr absl::string_view kUp[] = {
      "absolutely", "amazingly", "awfully",    "completely", "considerably", "decidedly",
      "deeply",     "enormously", "entirely",  "especially", "exceptionally", "extremely",
      "fabulously", "fully",     "greatly",    "hella",      "highly",       "hugely",
      "incredibly", "intensely", "majorly",    "particularly", "purely",     "quite",
      "really",     "remarkably", "so",        "substantially", "thoroughly", "totally",
      "tremendously", "unbelievably", "unusually", "utterly", "very",        "super",
      "truly",      "seriously", "insanely",   "ridiculously", "way",        "damn",
      "fucking",    "freaking",  "bloody"};
  static constexpr absl::string_view kDown[] = {
      "almost", "barely", "hardly", "kinda", "less", "little", "marginally", "occasionally",
      "partly", "scarcely", "slightly", "somewhat", "sorta", "fairly", "mostly"};
  if (std::find(std::begin(kUp), std::end(kUp), word) != std::end(kUp)) return kBoost;
  if (std::find(std::begin(kDown), std::end(kDown), word) != std::end(kDown)) return -kBoost;
  return 0;
}

enum class IdiomKind { kPlain, kPoliteness };

struct Idiom {
  const char* phrase;
  double valence;
  IdiomKind kind = IdiomKind::kPlain;
};

// Support idioms, matched before single words; their words are not scored again.
constexpr Idiom kIdioms[] = {
    // The problem persists or repeats.
    {"still not working", -2.6}, {"still doesn't work", -2.6}, {"still does not work", -2.6},
    {"still isn't working", -2.6}, {"still broken", -2.6}, {"still not fixed", -2.6},
    {"still not resolved", -2.6}, {"still failing", -2.4}, {"still having", -1.8},
    {"still have the same", -2.0}, {"still waiting", -2.2}, {"still no", -2.0},
    {"still getting", -1.6}, {"still seeing", -1.6}, {"still happening", -2.0},
    {"still the same", -1.6}, {"same issue", -1.2}, {"same problem", -1.2},
    {"same error", -1.2}, {"not working", -1.8}, {"isn't working", -1.8},
    {"aren't working", -1.8}, {"doesn't work", -1.8}, {"does not work", -1.8},
    {"don't work", -1.8}, {"didn't work", -1.8}, {"did not work", -1.8},
    {"won't work", -1.8}, {"stopped working", -2.0}, {"no longer works", -2.0},
    {"no longer working", -2.0}, {"not fixed", -2.0}, {"not resolved", -2.0},
    {"never got", -1.5}, {"never received", -1.5}, {"no response", -1.8}, {"no reply", -1.8},
    {"no answer", -1.6}, {"nobody has", -1.4}, {"no one has", -1.4}, {"any update", -1.0},
    {"any updates", -1.0}, {"second time", -1.0}, {"third time", -1.8}, {"fourth time", -2.0},
    {"# times", -0.6}, {"once again", -1.2}, {"yet again", -1.8}, {"again and again", -2.0},
    {"over and over", -1.8}, {"for weeks", -1.4}, {"for days", -1.0}, {"for hours", -1.0},
    {"for a week", -1.2}, {"for months", -1.6}, {"waste of time", -2.6}, {"wasted", -1.8},
    {"lost data", -2.5}, {"losing data", -2.5}, {"lost all", -2.4}, {"losing money", -2.5},
    {"losing customers", -2.5}, {"costing us", -2.0}, {"fed up", -2.5}, {"sick of", -2.3},
    {"had enough", -2.2}, {"not acceptable", -2.6}, {"not good enough", -2.0},
    {"thanks for nothing", -2.8}, {"been waiting", -1.6}, {"keeps crashing", -2.2},
    {"keeps failing", -2.2}, {"keeps happening", -1.8}, {"keep getting", -1.4},
    {"what a joke", -2.5}, {"how hard can it be", -2.0}, {"how is this acceptable", -2.4},
    {"let down", -1.8}, {"let us down", -2.0}, {"charged twice", -1.8},
    {"double charged", -1.8}, {"speak to a manager", -1.8}, {"talk to a manager", -1.8},
    {"escalate this", -1.4}, {"can't believe", -1.6}, {"cannot believe", -1.6},
    {"out of patience", -2.4}, {"losing patience", -2.2}, {"not happy", -2.0},
    {"not impressed", -2.0}, {"not okay", -1.6}, {"not ok", -1.6}, {"no way to", -0.8},
    {"can't log in", -1.4}, {"cannot log in", -1.4}, {"can't access", -1.4},
    {"cannot access", -1.4}, {"locked out", -1.6}, {"went down", -1.6}, {"is down", -1.6},
    {"didn't help", -1.6}, {"did not help", -1.6}, {"doesn't help", -1.4}, {"does not help", -1.4},
    {"not helpful", -1.8}, {"no help", -1.6}, {"nothing works", -2.2}, {"nothing loads", -1.8},
    {"nothing happens", -1.4}, {"don't understand", -1.0}, {"do not understand", -1.0},
    {"makes no sense", -1.6}, {"doesn't make sense", -1.6}, {"still persists", -2.0},
    {"issue persists", -1.8}, {"problem persists", -1.8},
    // The problem is solved, or the customer is pleased.
    {"that fixed it", 2.6}, {"this fixed it", 2.6}, {"fixed it", 2.2}, {"fixed the issue", 2.2},
    {"fixed the problem", 2.2}, {"that worked", 2.2}, {"this worked", 2.2}, {"that did it", 2.2},
    {"did the trick", 2.4}, {"works now", 2.2}, {"working now", 2.2}, {"works again", 2.2},
    {"working again", 2.2}, {"works perfectly", 2.8}, {"works great", 2.8}, {"all good", 1.8},
    {"all set", 1.4}, {"problem solved", 2.4}, {"issue resolved", 2.0}, {"sorted it", 2.0},
    {"sorted now", 2.0}, {"you're a star", 2.5}, {"you rock", 2.5}, {"great job", 2.4},
    {"much appreciated", 2.2}, {"quick response", 1.6}, {"fast response", 1.6},
    {"quick reply", 1.6}, {"quick fix", 1.4}, {"no problem", 0.6}, {"no worries", 0.8},
    {"can close", 0.8}, {"can be closed", 0.8}, {"feel free to close", 1.0},
    {"makes sense", 0.8}, {"happy now", 2.0}, {"figured it out", 1.6}, {"got it working", 2.0}, {"back to normal", 1.8}, {"up and running", 1.8},
    {"thanks so much", 2.4, IdiomKind::kPoliteness}, {"thank you so much", 2.4, IdiomKind::kPoliteness},
    {"thanks a lot", 2.0, IdiomKind::kPoliteness}, {"thanks a million", 2.4, IdiomKind::kPoliteness},
    {"thanks for your help", 2.2, IdiomKind::kPoliteness},
    {"thanks for the help", 2.2, IdiomKind::kPoliteness},
    {"thank you for your help", 2.2, IdiomKind::kPoliteness},
    {"thank you for the help", 2.2, IdiomKind::kPoliteness},
    {"thanks for the quick", 2.4, IdiomKind::kPoliteness},
    {"thank you for the quick", 2.4, IdiomKind::kPoliteness},
    {"thanks for fixing", 2.4, IdiomKind::kPoliteness},
    {"thank you for fixing", 2.4, IdiomKind::kPoliteness},
    {"really appreciate", 2.0, IdiomKind::kPoliteness},
    {"appreciate it", 1.6, IdiomKind::kPoliteness}, {"appreciate", 1.4, IdiomKind::kPoliteness},
    {"appreciated", 1.6, IdiomKind::kPoliteness}, {"grateful", 1.8, IdiomKind::kPoliteness},
    {"thanks", 1.5, IdiomKind::kPoliteness}, {"thank you", 1.5, IdiomKind::kPoliteness},
    {"thx", 1.2, IdiomKind::kPoliteness}, {"cheers", 1.0, IdiomKind::kPoliteness},
    // Formulas that carry nothing.
    {"thanks in advance", 0}, {"thank you in advance", 0}, {"thanks in advance for", 0},
    {"any help", 0}, {"help me", 0}, {"sorry to bother", 0}, {"hope you're well", 0},
    {"hope you are well", 0}, {"hope this helps", 0}, {"kind of", 0}, {"sort of", 0},
    {"a bit", 0}, {"no longer", 0}, {"sorry for the trouble", 0}, {"never mind", 0},
    {"sorry for the inconvenience", 0}, {"looks like", 0}, {"like to", 0}, {"best way", 0},
    {"as well", 0}, {"pretty much", 0}, {"make sure", 0}, {"free trial", 0},
};

// Markers that turn praise around when the message also complains.
constexpr const char* kSarcasm[] = {
    "yeah right", "oh great",   "just great", "oh wonderful", "oh perfect", "oh joy",
    "love how",   "love that",  "love it when", "so much for", "as usual", "surprise surprise",
    "big surprise", "what a surprise", "thanks a lot for", "wow thanks", "great job guys",
    "real helpful"};

// Verbs of things a product does; negated ("won't load") they report a malfunction.
bool IsProductFunction(absl::string_view word) {
  static constexpr absl::string_view kStems[] = {
      "work",  "load",    "sync",   "open",    "save",  "send",   "connect", "updat", "show",
      "display", "start", "respond", "import", "export", "upload", "download", "print", "render",
      "launch", "boot",   "receiv", "arriv",   "deliver", "refresh", "login", "redirect", "submit"};
  for (const absl::string_view stem : kStems) {
    if (word.substr(0, stem.size()) == stem && word.size() <= stem.size() + 3) return true;
  }
  return false;
}

// Praise words that open a sentence on their own ("Great, now nothing loads.").
bool IsInterjection(absl::string_view word) {
  static constexpr absl::string_view kWords[] = {"great", "perfect", "wonderful", "fantastic",
                                                 "awesome", "brilliant", "lovely", "nice",
                                                 "excellent", "super", "terrific", "fabulous"};
  return std::find(std::begin(kWords), std::end(kWords), word) != std::end(kWords);
}

bool IsAllCaps(absl::string_view word) {
  bool letter = false;
  for (const char c : word) {
    if (absl::ascii_islower(c)) return false;
    letter |= absl::ascii_isupper(c) != 0;
  }
  return letter && word.size() >= 2;
}

struct Contribution {
  size_t first = 0;  // evidence start token (includes a negator or intensifier)
  size_t last = 0;
  size_t sentence = 0;
  double value = 0;
  bool politeness = false;
  bool positive_idiom = false;
};

// Token index of a negator within `window` tokens before `t` in its clause, or -1.
int NegatorBefore(const ScannedText& scan, size_t t, int window) {
  for (size_t k = t, steps = 0; k > 0 && steps < static_cast<size_t>(window); ++steps) {
    if (scan.ClauseStartsAt(k)) return -1;
    --k;
    if (scan.IsNegatorAt(k)) return static_cast<int>(k);
  }
  return -1;
}

core::SentimentLabel LabelOf(double score) {
  if (score >= SentimentScorer::kPositiveAt) return core::SentimentLabel::kPositive;
  if (score <= SentimentScorer::kNegativeAt) return core::SentimentLabel::kNegative;
  return core::SentimentLabel::kNeutral;
}

double ConfidenceOf(double score, size_t evidence) {
  const core::SentimentLabel label = LabelOf(score);
  if (label == core::SentimentLabel::kNeutral) {
    if (evidence == 0) return 0.7;
    const double bound = score >= 0 ? SentimentScorer::kPositiveAt : -SentimentScorer::kNegativeAt;
    return 0.45 + 0.3 * (1.0 - std::abs(score) / bound);
  }
  const double bound = score > 0 ? SentimentScorer::kPositiveAt : -SentimentScorer::kNegativeAt;
  const double margin = std::min(1.0, (std::abs(score) - bound) / 0.4);
  return std::min(0.95, 0.55 + 0.35 * margin + 0.03 * static_cast<double>(std::min<size_t>(evidence, 3)));
}

}  // namespace

SentimentScorer::SentimentScorer() {
  for (const Idiom& idiom : kIdioms) {
    idioms_.Add(idiom.phrase, static_cast<int>(idiom_valence_.size()));
    idiom_valence_.push_back(idiom.valence);
  }
  for (const char* marker : kSarcasm) sarcasm_.Add(marker, 0);
}

TextSentiment SentimentScorer::ScoreText(const ScannedText& scan) const {
  TextSentiment result;
  const size_t n = scan.size();
  if (n == 0) {
    result.confidence = 0.7;
    return result;
  }
  const auto& lexicon = Lexicon();
  bool mixed_case = false;
  for (size_t t = 0; t < n && !mixed_case; ++t) mixed_case = !IsAllCaps(scan.original(t));

  std::vector<Contribution> parts;
  parts.reserve(n / 4 + 4);
  std::vector<bool> covered(n, false);
  static const std::vector<bool> kIsPoliteness = [] {
    std::vector<bool> flags;
    for (const Idiom& idiom : kIdioms) flags.push_back(idiom.kind == IdiomKind::kPoliteness);
    return flags;
  }();
  for (const PhraseMatch& match : idioms_.FindLongest(scan)) {
    for (size_t t = match.first; t < match.last; ++t) covered[t] = true;
    double value = idiom_valence_[match.id];
    if (value == 0) continue;
    Contribution part{match.first, match.last, scan.SentenceOf(match.first), value};
    part.politeness = kIsPoliteness[match.id];
    part.positive_idiom = value > 0 && !part.politeness;
    if (!scan.IsNegatorAt(match.first)) {
      if (const int negator = NegatorBefore(scan, match.first, 3); negator >= 0) {
        part.value *= kNegate;
        part.first = static_cast<size_t>(negator);
        part.positive_idiom = false;
        part.politeness = false;
      }
    }
    parts.push_back(part);
  }
  for (size_t t = 0; t < n; ++t) {
    if (covered[t]) continue;
    // "isn't syncing", "can't export": a product function that does not happen.
    if (const int negator = NegatorBefore(scan, t, 2); negator >= 0 && IsProductFunction(scan.word(t))) {
      parts.push_back({static_cast<size_t>(negator), t + 1, scan.SentenceOf(t), kMalfunction});
      continue;
    }
    auto it = lexicon.find(scan.hash(t));
    if (it == lexicon.end() || it->second.valence == 0 || it->second.word != scan.word(t)) continue;
    double value = it->second.valence;
    size_t first = t;
    // Intensifiers up to three words before, fading with distance (VADER).
    for (size_t k = 1; k <= 3 && k <= t; ++k) {
      if (scan.ClauseStartsAt(t - k + 1)) break;
      const double boost = BoosterOf(scan.word(t - k));
      if (boost == 0) continue;
      const double fade = k == 1 ? 1.0 : (k == 2 ? 0.95 : 0.9);
      value += (value > 0 ? boost : -boost) * fade;
      first = std::min(first, t - k);
    }
    if (mixed_case && IsAllCaps(scan.original(t))) value += value > 0 ? kCaps : -kCaps;
    if (const int negator = NegatorBefore(scan, t, 3); negator >= 0) {
      value *= kNegate;
      first = std::min(first, static_cast<size_t>(negator));
    }
    parts.push_back({first, t + 1, scan.SentenceOf(t), value});
  }

  // Sentence-level rules: contrast, questions, sarcasm, exclamation.
  const std::vector<TextRange>& sentences = scan.sentences();
  std::vector<size_t> contrast_at(sentences.size(), SIZE_MAX);
  for (size_t s = 0; s < sentences.size(); ++s) {
    for (size_t t = sentences[s].first; t < sentences[s].last; ++t) {
      const absl::string_view w = scan.word(t);
      if (w == "but" || w == "however") contrast_at[s] = t;
    }
  }
  double negative_mass = 0;
  bool has_positive_idiom = false;
  for (Contribution& part : parts) {
    const TextRange& sentence = sentences[part.sentence];
    if (contrast_at[part.sentence] != SIZE_MAX) {
      part.value *= part.first < contrast_at[part.sentence] ? 0.5 : 1.5;
    }
    if (scan.IsQuestion(sentence)) part.value *= part.value > 0 ? kQuestionPositive : kQuestionNegative;
    if (part.value < 0) negative_mass += part.value;
    has_positive_idiom |= part.positive_idiom;
  }
  std::vector<bool> sarcastic(sentences.size(), false);
  for (const PhraseMatch& match : sarcasm_.FindAll(scan)) sarcastic[scan.SentenceOf(match.first)] = true;
  // A trailing "... NOT" or "... /s"; a lone praise word opening a complaint.
  // "/s" first: find(" /s") would stop at every blank.
  const bool any_slash_s = scan.text().find("/s") != absl::string_view::npos;
  for (size_t s = 0; s < sentences.size(); ++s) {
    const size_t first = sentences[s].first;
    if (IsInterjection(scan.word(first)) && first + 1 < sentences[s].last &&
        scan.PunctuationBefore(first + 1)) {
      const bool complains = std::any_of(parts.begin(), parts.end(), [&](const Contribution& part) {
        return part.sentence == s && part.value < 0;
      });
      if (complains) sarcastic[s] = true;
    }
    const absl::string_view last = scan.original(sentences[s].last - 1);
    if (last == "NOT" && sentences[s].last - sentences[s].first > 2) sarcastic[s] = true;
    const size_t tail_end = std::min(scan.text().size(), sentences[s].end + 3);
    if (any_slash_s && scan.text().substr(sentences[s].start, tail_end - sentences[s].start).find(" /s") !=
                           absl::string_view::npos) {
      sarcastic[s] = true;
    }
  }
  if (negative_mass < -0.5) {
    for (Contribution& part : parts) {
      if (sarcastic[part.sentence] && part.value > 0) {
        part.value *= -0.6;
        part.positive_idiom = false;
        part.politeness = false;
        negative_mass += part.value;
      }
    }
  }
  bool request = false;
  for (size_t s = 0; s < sentences.size() && !request; ++s) request = scan.IsQuestion(sentences[s]);
  for (size_t t = 0; t < n && !request; ++t) request = scan.word(t) == "please";
  for (Contribution& part : parts) {
    if (!part.politeness) continue;
    if (negative_mass <= kAngryMass) {
      part.value = 0;
    } else if (request && !has_positive_idiom) {
      part.value *= kPolitenessInRequest;
    }
  }

  std::vector<double> sentence_sum(sentences.size(), 0);
  for (const Contribution& part : parts) sentence_sum[part.sentence] += part.value;
  double sum = 0;
  for (size_t s = 0; s < sentences.size(); ++s) {
    double value = sentence_sum[s];
    if (value != 0) {
      const absl::string_view bytes =
          scan.text().substr(sentences[s].start, sentences[s].end - sentences[s].start);
      const int bangs = std::min<int>(4, static_cast<int>(std::count(bytes.begin(), bytes.end(), '!')));
      value += (value > 0 ? 1 : -1) * kExclamation * bangs;
    }
    sum += value;
  }
  result.score = std::clamp(sum / std::sqrt(sum * sum + kAlpha), -1.0, 1.0);
  result.label = LabelOf(result.score);

  // Evidence: the strongest phrases pulling the same way as the score.
  std::vector<const Contribution*> strongest;
  for (const Contribution& part : parts) {
    if (std::abs(part.value) < 0.3) continue;
    if ((result.score > 0) != (part.value > 0) && result.label != core::SentimentLabel::kNeutral) continue;
    strongest.push_back(&part);
  }
  std::stable_sort(strongest.begin(), strongest.end(), [](const Contribution* a, const Contribution* b) {
    return std::abs(a->value) > std::abs(b->value);
  });
  for (size_t i = 0; i < strongest.size() && result.evidence.size() < 3; ++i) {
    result.evidence.push_back(scan.Range(strongest[i]->first, strongest[i]->last));
  }
  result.confidence = ConfidenceOf(result.score, result.evidence.size());
  return result;
}

core::Sentiment SentimentScorer::Score(absl::Span<const ScannedSegment> segments) const {
  core::Sentiment sentiment;
  double weighted = 0;
  double weights = 0;
  double confidence = 0;
  for (const ScannedSegment& scanned : segments) {
    const TextSegment& segment = scanned.segment;
    if (segment.message_index == core::kSubjectIndex ||
        segment.role != core::AuthorRole::kCustomer) {
      continue;
    }
    const TextSentiment text = ScoreText(scanned.scan);
    core::MessageSentiment message;
    message.message_index = segment.message_index;
    message.score = text.score;
    message.label = text.label;
    message.confidence = text.confidence;
    for (const TextRange& range : text.evidence) {
      message.evidence.push_back(MakeEvidence(segment, range.start, range.end));
    }
    // Later messages weigh more (the n-th by n^2): where the customer ended up matters most.
    const double position = static_cast<double>(sentiment.messages.size() + 1);
    const double weight = position * position;
    weighted += weight * text.score;
    confidence += weight * text.confidence;
    weights += weight;
    sentiment.messages.push_back(std::move(message));
  }
  if (sentiment.messages.empty()) return sentiment;
  sentiment.start = sentiment.messages.front().score;
  sentiment.end = sentiment.messages.back().score;
  sentiment.delta = sentiment.end - sentiment.start;
  const double overall = weighted / weights;
  sentiment.label = LabelOf(overall);
  sentiment.confidence = confidence / weights;
  return sentiment;
}

}  // namespace debrief::analysis
