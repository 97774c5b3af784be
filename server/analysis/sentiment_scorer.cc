#include "server/analysis/sentiment_scorer.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"

namespace debrief::analysis {
namespace {

// VADER's constants: the step an intensifier adds, the factor a negation applies, the
// step for an all-caps word, and the normalization alpha of score / sqrt(score^2 + alpha).
constexpr double kBoost = 0.293;
constexpr double kNegate = -0.74;
// A negated negative word is a weaker positive than VADER makes it: "I'm not angry, just
// disappointed" is not praise ("not bad" and the like are idioms).
constexpr double kNegateNegative = -0.4;
constexpr double kCaps = 0.733;
constexpr double kAlpha = 15.0;
constexpr double kExclamation = 0.292;
// Support language: praise inside a question is tentative ("is there a better way?").
constexpr double kQuestionPositive = 0.4;
constexpr double kQuestionNegative = 0.85;
// A word of a question that asks for information ("how do I dispute a charge?") names the
// topic, not a feeling; "why" questions and idioms keep kQuestionNegative.
constexpr double kAskingNegative = 0.3;
// The same for a statement in a message that asks, or that says it is no complaint.
constexpr double kTopicNegative = 0.5;
// A negative word in a thank-you note tells the story of what was fixed.
constexpr double kToldStory = 0.3;
// Politeness in a request is formula, not sentiment.
constexpr double kPolitenessInRequest = 0.35;
// Negative mass at which politeness stops counting (polite but angry). Thanks also stop
// counting in a sentence that turns negative after "but".
constexpr double kAngryMass = -2.0;
// Something that keeps happening ("keeps logging me out").
constexpr double kRepeats = -1.2;
// A promise quoted back ("'unlimited' data").
constexpr double kScareQuote = -0.9;
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
    {"kind", 0},         {"regards", 0},      {"best", 2.0},       {"well", 0},
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
    {"critical", -1.0},  {"wrong", -1.6},     {"error", -0.8},     {"errors", -0.8},
    {"bug", -0.8},       {"bugs", -0.8},      {"buggy", -2.0},     {"crashes", -1.8},
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
    {"trouble", -0.8},   {"created", 0},      {"create", 0},       {"saved", 0},
    {"restore", 0},      {"restored", 0},      {"active", 0},       {"gift", 0},
    {"growth", 0},       {"promised", 0},     {"honestly", 0},     {"respectfully", 0},
    {"respect", 0},      {"original", 0},     {"security", 0},     {"protect", 0},
    {"kindly", 0},       {"agreed", 0.3},     {"negative", -0.8},
    {"dispute", -0.6},   {"disputed", -0.6},  {"joke", -1.5},      {"unbelievable", -1.0},
    {"theft", -2.5},     {"lol", 0.8},        {"smoother", 1.5},   {"handy", 1.5},
    {"legend", 2.0},     {"legends", 2.0},    {"banger", 2.0},     {"reward", 0},
    {"rewards", 0},      {"bonus", 0},        {"party", 0},        {"special", 0},
    {"rich", 0},         {"fresh", 0},        {"smart", 0},        {"clean", 0},
    {"benefit", 0},      {"benefits", 0},     {"award", 0},        {"prize", 0},
    {"favorite", 0},     {"favorites", 0},    {"dear", 0},         {"clearly", 0},
    {"holiday", 0},      {"legal", 0},        {"certainly", 0},    {"definitely", 0},
    {"hopefully", 0.3},  {"friend", 0},       {"friends", 0},      {"honor", 1.0},
    {"disconnected", -1.0}, {"kicked", -1.0}, {"block", 0},
    {"approval", 0},     {"shared", 0},       {"parties", 0},      {"innovation", 0},
    {"ideally", 0},      {"invite", 0},       {"unable", -1.0},    {"hiccup", -0.8},
    {"hiccups", -0.8},   {"painless", 2.0},
};

// VADER's chat acronyms that a support desk reads as ids, codes or product names ("PO",
// "NFC", "AML", "XP", "WP"), or as request formulas ("tia"): they carry no sentiment here.
constexpr const char* kNotSentimentHere[] = {
    "aas", "afu", "aml", "ayc", "bfd", "bfe", "bl",  "btd", "bz",  "doa", "dx",  "ez",  "ff",
    "fkm", "fwb", "gga", "gl",  "gla", "gn",  "gt",  "hak", "ijs", "ilu", "ily", "iou", "iyq",
    "jho", "jj",  "jk",  "jp",  "jt",  "jw",  "kfy", "kia", "kk",  "l",   "lts", "ly",  "lya",
    "lyb", "lyl", "mia", "mml", "nfc", "nh",  "nme", "po",  "ptl", "pu",  "qq",  "qt",  "tia",
    "tx",  "urw", "vbg", "vbs", "vip", "vwd", "vwp", "wd",  "wp",  "wtg", "xd",  "xp",  "xtc",
    "zzz", "hid", "rig", "fan", "gg",  "sob", "fu"};

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
    for (const char* word : kNotSentimentHere) (*map)[WordHash(word)] = {word, 0};
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

// kPoliteness: thanks and appreciation, which requests and anger discount. kOwnsNegator: an
// exclamation whose negator does not negate the words after it ("can't believe how easy").
// kDisclaimer: the customer says the message is not a complaint ("no rush", "not a
// complaint"), so its problem words name the topic.
enum class IdiomKind { kPlain, kPoliteness, kOwnsNegator, kDisclaimer };

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
    {"still the same", -1.6}, {"same issue", -1.2}, {"same problem", -1.2}, {"same error", -1.2},
    {"not working", -1.8}, {"isn't working", -1.8}, {"aren't working", -1.8},
    {"doesn't work", -1.8}, {"does not work", -1.8}, {"don't work", -1.8}, {"didn't work", -1.8},
    {"did not work", -1.8}, {"won't work", -1.8}, {"stopped working", -2.0},
    {"no longer works", -2.0}, {"no longer working", -2.0}, {"not fixed", -2.0},
    {"not resolved", -2.0}, {"never got", -1.5}, {"never received", -1.5}, {"no response", -1.8},
    {"no reply", -1.8}, {"no answer", -1.6}, {"nobody has", -1.4}, {"no one has", -1.4},
    {"any update", -1.0}, {"any updates", -1.0}, {"second time", -1.0}, {"third time", -1.8},
    {"fourth time", -2.0}, {"# times", -0.6}, {"once again", -1.2}, {"yet again", -1.8},
    {"again and again", -2.0}, {"over and over", -1.8}, {"for weeks", -1.4}, {"for days", -1.0},
    {"for hours", -1.0}, {"for a week", -1.2}, {"for months", -1.6}, {"waste of time", -2.6},
    {"wasted", -1.8}, {"lost data", -2.5}, {"losing data", -2.5}, {"lost all", -2.4},
    {"losing money", -2.5}, {"losing customers", -2.5}, {"costing us", -2.0}, {"fed up", -2.5},
    {"sick of", -2.3}, {"had enough", -2.2}, {"not acceptable", -2.6}, {"not good enough", -2.0},
    {"thanks for nothing", -2.8}, {"been waiting", -1.6}, {"keeps crashing", -2.2},
    {"keeps failing", -2.2}, {"keeps happening", -1.8}, {"keep getting", -1.4},
    {"what a joke", -2.5}, {"how hard can it be", -2.0}, {"how is this acceptable", -2.4},
    {"how is it possible", -1.6}, {"let down", -1.8}, {"let us down", -2.0},
    {"charged twice", -1.8}, {"double charged", -1.8}, {"speak to a manager", -1.8},
    {"talk to a manager", -1.8}, {"escalate this", -1.4}, {"can't believe", -1.6},
    {"cannot believe", -1.6}, {"out of patience", -2.4}, {"losing patience", -2.2},
    {"not happy", -2.0}, {"not impressed", -2.0}, {"not okay", -1.6}, {"not ok", -1.6},
    {"no way to", -0.8}, {"can't log in", -1.4}, {"cannot log in", -1.4}, {"can't access", -1.4},
    {"cannot access", -1.4}, {"locked out", -1.6}, {"went down", -1.6}, {"is down", -1.6},
    {"didn't help", -1.6}, {"did not help", -1.6}, {"doesn't help", -1.4}, {"does not help", -1.4},
    {"not helpful", -1.8}, {"no help", -1.6}, {"nothing works", -2.2}, {"nothing loads", -1.8},
    {"nothing happens", -1.4}, {"don't understand", -1.0}, {"do not understand", -1.0},
    {"makes no sense", -1.6}, {"doesn't make sense", -1.6}, {"still persists", -2.0},
    {"issue persists", -1.8}, {"problem persists", -1.8}, {"still haven't", -1.8},
    {"still hasn't", -1.8}, {"still have not", -1.8}, {"still has not", -1.8},
    {"still can't", -2.0}, {"still cannot", -2.0}, {"still don't", -1.6}, {"still doesn't", -1.8},
    {"still didn't", -1.8}, {"still won't", -2.0}, {"still isn't", -1.8}, {"still aren't", -1.8},
    {"still not", -1.8}, {"charged me again", -1.8}, {"charged again", -1.6},
    {"charged me twice", -1.8}, {"charged # times", -1.8}, {"charged me # times", -1.8},
    {"want a refund", -1.2}, {"want my money back", -2.0}, {"money back", -1.2},
    {"been down", -1.6}, {"need this fixed", -1.2}, {"need it fixed", -1.2},
    {"get this fixed", -1.2}, {"time out", -1.0}, {"timed out", -1.2}, {"timing out", -1.2},
    {"times out", -1.2}, {"deleted all", -1.8}, {"wiped out", -1.8}, {"hung up on", -1.8},
    {"is a joke", -2.2}, {"love to know why", -1.2}, {"without warning", -1.2},
    {"without any warning", -1.2}, {"never went through", -1.6}, {"never arrived", -1.6},
    {"never came", -1.4}, {"never showed up", -1.6}, {"isn't fixed", -2.0}, {"is not fixed", -2.0},
    {"another provider", -1.6}, {"take our business elsewhere", -2.4},
    {"take my business elsewhere", -2.4}, {"getting old", -1.6}, {"not the first time", -1.6},
    {"want to cancel", -1.2}, {"funny how", -1.2}, {"how is that acceptable", -2.4},
    {"how is this ok", -2.0}, {"how is that ok", -2.0}, {"for a month", -1.4},
    {"won't let me", -1.4}, {"doesn't let me", -1.2}, {"is how you treat", -2.2},
    {"never ordering again", -2.4}, {"never again", -2.0}, {"i'm done with", -2.0},
    {"done with this", -1.8}, {"considering other", -1.6}, {"looking at alternatives", -1.8},
    {"canned response", -1.4}, {"canned responses", -1.4}, {"costs me money", -2.0},
    {"costing me", -2.0}, {"data breach", -2.0}, {"patience ran out", -2.0},
    {"ran out of patience", -2.2}, {"kicking me", -1.2}, {"with all due respect", -0.8},
    {"not even close", -1.6},
    // The problem is solved, or the customer is pleased.
    {"that fixed it", 2.6}, {"this fixed it", 2.6}, {"fixed it", 2.2}, {"fixed the issue", 2.2},
    {"fixed the problem", 2.2}, {"that worked", 2.2}, {"this worked", 2.2}, {"that did it", 2.2},
    {"did the trick", 2.4}, {"works now", 2.2}, {"working now", 2.2}, {"works again", 2.2},
    {"working again", 2.2}, {"works perfectly", 2.8}, {"works great", 2.8}, {"all good", 1.8},
    {"all set", 1.4}, {"problem solved", 2.4}, {"issue resolved", 2.0}, {"sorted it", 2.0},
    {"sorted now", 2.0}, {"you're a star", 2.5}, {"you rock", 2.5}, {"great job", 2.4},
    {"much appreciated", 2.2}, {"quick response", 1.6}, {"fast response", 1.6},
    {"quick reply", 1.6}, {"quick fix", 1.4}, {"no problem", 0.6}, {"no worries", 0.8},
    {"can close", 0.8}, {"can be closed", 0.8}, {"feel free to close", 1.0}, {"came through", 2.0},
    {"above and beyond", 2.6}, {"without a hitch", 2.0}, {"not a single issue", 2.0},
    {"not a single problem", 2.0}, {"not one issue", 2.0}, {"zero issues", 1.6},
    {"no issues since", 1.6}, {"no problems since", 1.6}, {"worth the wait", 2.0},
    {"nothing to complain about", 2.0}, {"no complaints", 1.6}, {"no questions asked", 1.2},
    {"as promised", 1.2}, {"couldn't be happier", 3.0}, {"could not be happier", 3.0},
    {"couldn't be better", 2.6}, {"can't complain", 1.2}, {"got my money back", 1.6},
    {"not looking back", 1.6}, {"crisis averted", 2.0}, {"well done", 2.0}, {"saves me", 1.6},
    {"saves us", 1.6}, {"deserves a raise", 2.2}, {"over the moon", 2.6}, {"meant a lot", 2.2},
    {"means a lot", 2.2}, {"made up for it", 2.0}, {"stress free", 2.0}, {"hassle free", 2.0},
    {"one less thing to worry about", 1.8}, {"paid for itself", 2.0}, {"no fuss", 1.0},
    {"keep it up", 2.0}, {"spot on", 2.0}, {"it works", 1.8}, {"it's working", 1.8},
    {"finally works", 2.2}, {"finally working", 2.2}, {"not bad", 1.5}, {"not bad at all", 2.0},
    {"not too bad", 1.0}, {"not a problem", 0.6}, {"can't thank you enough", 3.0},
    {"cant thank you enough", 3.0}, {"cannot thank you enough", 3.0},
    {"couldn't have asked for", 2.0}, {"could not have asked for", 2.0}, {"off my shoulders", 2.0},
    {"weight off", 1.6}, {"saved the day", 2.6}, {"saved my life", 2.6}, {"saved us", 2.0},
    {"saved me", 2.0}, {"guys rock", 2.5}, {"hats off", 2.2}, {"wanted to say thank you", 2.4},
    {"wanted to say thanks", 2.4}, {"wanted to thank", 2.4}, {"peace of mind", 1.6},
    {"makes sense", 0.8}, {"happy now", 2.0}, {"figured it out", 1.6}, {"got it working", 2.0},
    {"back to normal", 1.8}, {"up and running", 1.8},
    {"thanks so much", 2.4, IdiomKind::kPoliteness},
    {"thank you so much", 2.4, IdiomKind::kPoliteness},
    {"thanks a lot", 2.0, IdiomKind::kPoliteness},
    {"thanks a million", 2.4, IdiomKind::kPoliteness},
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
    {"hope you are well", 0}, {"hope this helps", 0}, {"kind of", 0}, {"sort of", 0}, {"a bit", 0},
    {"no longer", 0}, {"sorry for the trouble", 0}, {"never mind", 0},
    {"sorry for the inconvenience", 0}, {"looks like", 0}, {"like to", 0}, {"best way", 0},
    {"best regards", 0}, {"best wishes", 0}, {"all the best", 0}, {"best practice", 0},
    {"best practices", 0}, {"best to", 0}, {"at best", 0}, {"would be nice", 0},
    {"would be great", 0}, {"would be good", 0}, {"would be nicer", -0.6},
    {"can't believe how", 0, IdiomKind::kOwnsNegator},
    {"cannot believe how", 0, IdiomKind::kOwnsNegator}, {"expected the worst", 0},
    {"expecting the worst", 0}, {"feared the worst", 0}, {"my mistake", 0}, {"by mistake", 0},
    {"by accident", 0}, {"my bad", 0}, {"my fault", 0}, {"on my end", 0}, {"on my side", 0},
    {"nothing's wrong", 0}, {"nothing is wrong", 0}, {"nothing wrong", 0}, {"nothing serious", 0},
    {"safe side", 0}, {"on a good day", 0}, {"want to know", 0}, {"good morning", 0},
    {"good afternoon", 0}, {"good evening", 0}, {"good day", 0}, {"happy to", 0},
    {"yours faithfully", 0}, {"yours sincerely", 0},
    {"not the end of the world", 0, IdiomKind::kOwnsNegator},
    {"not a complaint", 0, IdiomKind::kDisclaimer},
    {"isn't a complaint", 0, IdiomKind::kDisclaimer},
    {"is not a complaint", 0, IdiomKind::kDisclaimer},
    {"rather than a complaint", 0, IdiomKind::kDisclaimer},
    {"not complaining", 0, IdiomKind::kDisclaimer}, {"no urgency", 0, IdiomKind::kDisclaimer},
    {"not urgent", 0, IdiomKind::kDisclaimer}, {"no rush", 0, IdiomKind::kDisclaimer},
    {"no hurry", 0, IdiomKind::kDisclaimer}, {"not blocking", 0, IdiomKind::kDisclaimer},
    {"no reply needed", 0, IdiomKind::kDisclaimer}, {"just a question", 0, IdiomKind::kDisclaimer},
    {"heads up", 0, IdiomKind::kDisclaimer}, {"just curious", 0, IdiomKind::kDisclaimer},
    {"not because anything", 0, IdiomKind::kDisclaimer}, {"as well", 0}, {"pretty much", 0},
    {"make sure", 0}, {"free trial", 0},
};

// Markers that turn praise around when the message also complains.
constexpr const char* kSarcasm[] = {
    "yeah right", "oh great",   "just great", "oh wonderful", "oh perfect", "oh joy",
    "love how",   "love that",  "love it when", "so much for", "as usual", "surprise surprise",
    "big surprise", "what a surprise", "thanks a lot for", "wow thanks", "great job guys",
    "real helpful", "oh fantastic", "oh brilliant", "oh lovely", "oh nice", "oh awesome",
    "oh excellent", "oh sure", "yeah sure", "nice of you", "sure i'll just", "good to know"};

// Verbs of things a product does; negated ("won't load") they report a malfunction.
bool IsProductFunction(absl::string_view word) {
  static constexpr absl::string_view kStems[] = {
      "work",  "load",    "sync",   "open",    "save",  "send",   "connect", "updat", "show",
      "display", "start", "respond", "import", "export", "upload", "download", "print", "render",
      "launch", "boot",   "receiv", "arriv",   "deliver", "refresh", "login", "redirect", "submit",
      "refund"};
  // The stem's own inflections only: "imported", not "important".
  static constexpr absl::string_view kEndings[] = {"", "s", "es", "e", "ed", "d", "ing", "n", "ted", "ting"};
  for (const absl::string_view stem : kStems) {
    if (!absl::StartsWith(word, stem)) continue;
    const absl::string_view ending = word.substr(stem.size());
    if (std::find(std::begin(kEndings), std::end(kEndings), ending) != std::end(kEndings)) return true;
  }
  return false;
}

// Praise words that open a sentence on their own ("Great, now nothing loads.").
bool IsInterjection(absl::string_view word) {
  if (word.size() < 4 || word.size() > 9) return false;  // most sentences start "I", "We", "The"
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
  bool single_word = false;  // a lexicon word, not an idiom or a malfunction
};

// Whether a question asks for information ("how do I dispute a charge?", "does that
// include...?") rather than complaining: every question without "why" in it.
bool AsksForInformation(const ScannedText& scan, const TextRange& sentence) {
  for (size_t t = sentence.first; t < sentence.last; ++t) {
    if (scan.word(t) == "why") return false;
  }
  return true;
}

// Words before a quote that make it a name from the screen or a message ("click 'Save'",
// "the error 'Invalid token'"), not a phrase quoted back in irony.
bool NamesAScreenText(absl::string_view word) {
  static constexpr absl::string_view kWords[] = {
      "click",  "clicked", "clicking", "clicks", "press",  "pressed", "pressing", "tap",
      "tapped", "select",  "selected", "choose", "chose",  "button",  "tab",      "menu",
      "option", "field",   "error",    "message", "column", "label",  "setting",  "called",
      "named",  "titled",  "type",     "typed",  "enter",  "entered", "search",   "searched",
      "code",   "word",    "term",     "mean",   "means",  "toggle",  "link",     "page"};
  return std::find(std::begin(kWords), std::end(kWords), word) != std::end(kWords);
}

// Scare quotes: a short phrase of words in quotes, outside a question, that is not a screen
// text ("'Dispatching soon.' Right.", "your 'best price guarantee'"). Customers quote a
// promise back when it was not kept. Returns the quoted token ranges.
std::vector<TextRange> ScareQuotes(const ScannedText& scan, const std::vector<int>& question) {
  std::vector<TextRange> found;
  const absl::string_view text = scan.text();
  const std::vector<TokenSpan>& tokens = scan.tokens();
  // The next ' and the next ", each found with memchr.
  size_t next_single = text.find('\''), next_double = text.find('"');
  for (size_t i = std::min(next_single, next_double); i != absl::string_view::npos && i + 2 < text.size();
       i = std::min(next_single, next_double)) {
    if (i == next_single) next_single = text.find('\'', i + 1);
    if (i == next_double) next_double = text.find('"', i + 1);
    const char quote = text[i];
    if ((i > 0 && text[i - 1] != ' ' && text[i - 1] != '(') || !absl::ascii_isalpha(text[i + 1])) continue;
    const size_t close = text.find(quote, i + 1);
    if (close == absl::string_view::npos || close - i > 50) continue;
    constexpr absl::string_view kAfterQuote = " .,!?;:)";
    if (close + 1 < text.size() && kAfterQuote.find(text[close + 1]) == absl::string_view::npos) continue;
    const absl::string_view inside = text.substr(i + 1, close - i - 1);
    if (inside.find_first_of("0123456789=/_\\{}<>[]@#") != absl::string_view::npos) continue;
    // The tokens inside the quotes.
    const auto first = std::lower_bound(tokens.begin(), tokens.end(), i + 1,
                                        [](const TokenSpan& token, size_t at) { return token.start < at; });
    auto last = first;
    while (last != tokens.end() && last->end <= close) ++last;
    const size_t t = static_cast<size_t>(first - tokens.begin());
    const size_t words = static_cast<size_t>(last - first);
    if (words == 0 || words > 6) continue;
    if (question[scan.SentenceOf(t)] != 0) continue;
    if (t > 0 && NamesAScreenText(scan.word(t - 1))) continue;
    found.push_back(scan.Range(t, t + words));
    next_single = text.find('\'', close + 1);
    next_double = text.find('"', close + 1);
  }
  return found;
}

// Whether the text asks for something without a question mark: "please", "I would like",
// "could you", "let me know", "I want to know".
bool IsRequest(const ScannedText& scan) {
  const size_t n = scan.size();
  for (size_t t = 0; t < n; ++t) {
    const absl::string_view word = scan.word(t);
    const absl::string_view next = t + 1 < n ? scan.word(t + 1) : absl::string_view();
    const absl::string_view after_next = t + 2 < n ? scan.word(t + 2) : absl::string_view();
    if (word == "please" || word == "kindly" || word == "i'd" || word == "wondering" ||
        (word == "would" && next == "like") || (word == "let" && next == "me") ||
        ((word == "could" || word == "can") && next == "you") ||
        ((word == "want" || word == "need") && next == "to" && after_next == "know")) {
      return true;
    }
  }
  return false;
}

// A thank-you note (when it is no request): thanks, and negative words that are all single
// words (what went wrong, told as a story), with no idiom of a problem that persists, no
// scare quote, no sentence that turns negative after "but", no "unfortunately".
bool IsThankYouNote(const ScannedText& scan, const std::vector<Contribution>& parts,
                    const std::vector<bool>& turns_negative) {
  if (std::find(turns_negative.begin(), turns_negative.end(), true) != turns_negative.end()) {
    return false;
  }
  bool thanks = false;
  for (const Contribution& part : parts) {
    thanks |= part.politeness;
    if (part.value < 0 && !part.single_word) return false;
  }
  for (size_t t = 0; t < scan.size() && thanks; ++t) {
    if (scan.word(t) == "unfortunately" || scan.word(t) == "sadly") return false;
  }
  return thanks;
}

// Whether token `t` is a sign-off word on its own ("Best,\nRafael").
bool IsSignOff(const ScannedText& scan, size_t t) {
  if (scan.word(t) != "best") return false;
  const absl::string_view text = scan.text();
  const size_t end = scan.Range(t, t + 1).end;
  return end == text.size() || text[end] == ',' || text[end] == '\n';
}

// Whether token `t` is part of an identifier joined by '-', '_' or '/' to digits
// ("PO-2291", "ERR_42"): a code, not a word.
bool InIdentifier(const ScannedText& scan, size_t t) {
  const absl::string_view text = scan.text();
  const TextRange range = scan.Range(t, t + 1);
  auto joiner = [](char c) { return c == '-' || c == '_' || c == '/'; };
  if (range.end + 1 < text.size() && joiner(text[range.end]) && absl::ascii_isdigit(text[range.end + 1])) {
    return true;
  }
  return range.start >= 2 && joiner(text[range.start - 1]) && absl::ascii_isdigit(text[range.start - 2]);
}

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
  // Negators that belong to a kOwnsNegator idiom.
  std::vector<bool> owned(n, false);
  bool disclaims = false;
  for (const PhraseMatch& match : idioms_.FindLongest(scan)) {
    const Idiom& idiom = kIdioms[match.id];
    disclaims |= idiom.kind == IdiomKind::kDisclaimer;
    for (size_t t = match.first; t < match.last; ++t) {
      covered[t] = true;
      owned[t] = idiom.kind == IdiomKind::kOwnsNegator;
    }
    double value = idiom_valence_[match.id];
    if (value == 0) continue;
    Contribution part{match.first, match.last, scan.SentenceOf(match.first), value};
    part.politeness = idiom.kind == IdiomKind::kPoliteness;
    part.positive_idiom = value > 0 && !part.politeness;
    // A negative idiom keeps its sign: "couldn't sleep for a week" is no better for the negator.
    if (value > 0 && !scan.IsNegatorAt(match.first)) {
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
    // "keeps kicking me out", "kept asking": something that repeats against the customer.
    if (const absl::string_view word = scan.word(t);
        (word == "keeps" || word == "keep" || word == "kept") && t + 1 < n && !covered[t + 1] &&
        !scan.ClauseStartsAt(t + 1) && scan.word(t + 1).size() > 4 &&
        absl::EndsWith(scan.word(t + 1), "ing")) {
      parts.push_back({t, t + 2, scan.SentenceOf(t), kRepeats});
      covered[t + 1] = true;
      continue;
    }
    auto it = lexicon.find(scan.hash(t));
    if (it == lexicon.end() || it->second.valence == 0 || it->second.word != scan.word(t)) continue;
    if (InIdentifier(scan, t) || IsSignOff(scan, t)) continue;
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
    if (const int negator = NegatorBefore(scan, t, 3); negator >= 0 && !owned[negator]) {
      // "not one outage", "not a single error": emphatic, so a full negation.
      const size_t after = static_cast<size_t>(negator) + 1;
      const bool emphatic = scan.word(after) == "one" || scan.word(after) == "single" ||
                            (after + 1 < t && scan.word(after + 1) == "single");
      value *= value > 0 || emphatic ? kNegate : kNegateNegative;
      first = std::min(first, static_cast<size_t>(negator));
    }
    Contribution part{first, t + 1, scan.SentenceOf(t), value};
    part.single_word = true;
    parts.push_back(part);
  }

  // Sentence-level rules: contrast, questions, sarcasm, exclamation.
  const std::vector<TextRange>& sentences = scan.sentences();
  std::vector<size_t> contrast_at(sentences.size(), SIZE_MAX);
  std::vector<int> question(sentences.size(), 0);  // 0 no, 1 asks for information, 2 other
  for (size_t s = 0; s < sentences.size(); ++s) {
    for (size_t t = sentences[s].first; t < sentences[s].last; ++t) {
      const absl::string_view w = scan.word(t);
      if (w == "but" || w == "however") contrast_at[s] = t;
    }
    if (scan.IsQuestion(sentences[s])) question[s] = AsksForInformation(scan, sentences[s]) ? 1 : 2;
  }
  // A message that asks for information, or says it is no complaint, names problems as
  // its topic ("I want to avoid deleting anything irreversible. Can archived projects...?"),
  // and quotes what it asks about ("the docs list it as 'card declined'").
  const bool topical = disclaims || std::find(question.begin(), question.end(), 1) != question.end();
  const std::vector<TextRange> scare_quotes = topical ? std::vector<TextRange>() : ScareQuotes(scan, question);
  for (const TextRange& quoted : scare_quotes) {
    parts.push_back({quoted.first, quoted.last, scan.SentenceOf(quoted.first), kScareQuote});
  }
  double negative_mass = 0;
  bool has_positive_idiom = false;
  // Sentences whose clause after the contrast is negative ("Thanks, but this is ...").
  std::vector<bool> turns_negative(sentences.size(), false);
  for (Contribution& part : parts) {
    if (contrast_at[part.sentence] != SIZE_MAX) {
      const bool after = part.first >= contrast_at[part.sentence];
      part.value *= after ? 1.5 : 0.5;
      if (after && part.value < 0) turns_negative[part.sentence] = true;
    }
    if (topical && question[part.sentence] == 0 && part.single_word && part.value < 0) {
      part.value *= kTopicNegative;
    }
    if (question[part.sentence] != 0) {
      if (part.value > 0) {
        part.value *= kQuestionPositive;
      } else {
        part.value *= question[part.sentence] == 1 && part.single_word ? kAskingNegative : kQuestionNegative;
      }
    }
    if (part.value < 0) negative_mass += part.value;
    has_positive_idiom |= part.positive_idiom;
  }
  // Scare quotes make every sentence of the message one where praise may be ironic.
  std::vector<bool> sarcastic(sentences.size(), !scare_quotes.empty());
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
    // Short praise next to a complaint: "Wonderful. Charged twice again.", "Very generous."
    if (sentences[s].last - first <= 3) {
      auto praises = [&](const Contribution& part) {
        return part.sentence == s && part.value > 0 && !part.politeness && !part.positive_idiom;
      };
      auto complains_in = [&](size_t other) {
        return std::any_of(parts.begin(), parts.end(), [&](const Contribution& part) {
          return part.sentence == other && part.value <= -1.0;
        });
      };
      if (std::any_of(parts.begin(), parts.end(), praises) &&
          ((s > 0 && complains_in(s - 1)) || (s + 1 < sentences.size() && complains_in(s + 1)))) {
        sarcastic[s] = true;
      }
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
  const bool request =
      std::any_of(question.begin(), question.end(), [](int q) { return q != 0; }) || IsRequest(scan);
  const bool thank_you_note = !request && IsThankYouNote(scan, parts, turns_negative);
  for (Contribution& part : parts) {
    if (thank_you_note && part.value < 0) part.value *= kToldStory;
    if (!part.politeness) continue;
    // Thanks after a fix ("Crisis averted, thanks") stay gratitude however bad it was.
    const bool angry = negative_mass <= kAngryMass && !has_positive_idiom && !thank_you_note;
    if (angry || turns_negative[part.sentence]) {
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
