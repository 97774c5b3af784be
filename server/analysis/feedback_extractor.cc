#include "server/analysis/feedback_extractor.h"

#include <algorithm>
#include <initializer_list>
#include <iterator>
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
    {"feature idea", FeedbackKind::kFeatureRequest, 0.85},
    {"feature suggestion", FeedbackKind::kFeatureRequest, 0.85},
    {"would be great if", FeedbackKind::kFeatureRequest, 0.8},
    {"would be great to", FeedbackKind::kFeatureRequest, 0.75},
    {"would be nice if", FeedbackKind::kFeatureRequest, 0.8},
    {"would be nice to", FeedbackKind::kFeatureRequest, 0.75},
    {"would be amazing", FeedbackKind::kFeatureRequest, 0.75},
    {"would be awesome", FeedbackKind::kFeatureRequest, 0.75},
    {"it'd be great", FeedbackKind::kFeatureRequest, 0.75},
    {"would be helpful", FeedbackKind::kFeatureRequest, 0.7},
    {"would be useful", FeedbackKind::kFeatureRequest, 0.7},
    {"it would help if", FeedbackKind::kFeatureRequest, 0.75},
    {"it'd help", FeedbackKind::kFeatureRequest, 0.7},
    {"would help a lot", FeedbackKind::kFeatureRequest, 0.7},
    {"would love", FeedbackKind::kFeatureRequest, 0.7},
    {"we'd love", FeedbackKind::kFeatureRequest, 0.7},
    {"i'd love", FeedbackKind::kFeatureRequest, 0.7},
    {"like to see", FeedbackKind::kFeatureRequest, 0.7},
    {"we really need", FeedbackKind::kFeatureRequest, 0.75},
    {"we'd really like", FeedbackKind::kFeatureRequest, 0.75},
    {"we would really like", FeedbackKind::kFeatureRequest, 0.75},
    {"please add", FeedbackKind::kFeatureRequest, 0.8},
    {"please support", FeedbackKind::kFeatureRequest, 0.8},
    {"please let us", FeedbackKind::kFeatureRequest, 0.75},
    {"please allow", FeedbackKind::kFeatureRequest, 0.75},
    {"can you add", FeedbackKind::kFeatureRequest, 0.8},
    {"could you add", FeedbackKind::kFeatureRequest, 0.8},
    {"could you please add", FeedbackKind::kFeatureRequest, 0.8},
    {"you could add", FeedbackKind::kFeatureRequest, 0.75},
    {"would you consider", FeedbackKind::kFeatureRequest, 0.75},
    {"please consider", FeedbackKind::kFeatureRequest, 0.75},
    {"consider this a", FeedbackKind::kFeatureRequest, 0.8},
    {"vote for", FeedbackKind::kFeatureRequest, 0.7},
    {"any chance", FeedbackKind::kFeatureRequest, 0.65},
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
    {"ability to", FeedbackKind::kFeatureRequest, 0.6},
    {"should be able to", FeedbackKind::kFeatureRequest, 0.65},
    {"asking for", FeedbackKind::kFeatureRequest, 0.6},
    {"asked for", FeedbackKind::kFeatureRequest, 0.55},
    {"thing missing", FeedbackKind::kFeatureRequest, 0.7},
    {"future release", FeedbackKind::kFeatureRequest, 0.7},
    {"any plans to", FeedbackKind::kFeatureRequest, 0.8},
    {"any plan to", FeedbackKind::kFeatureRequest, 0.8},
    {"any plans for", FeedbackKind::kFeatureRequest, 0.75},
    {"plans to support", FeedbackKind::kFeatureRequest, 0.8},
    {"planning to support", FeedbackKind::kFeatureRequest, 0.8},
    {"is there a way to", FeedbackKind::kFeatureRequest, 0.7},
    {"is there any way to", FeedbackKind::kFeatureRequest, 0.7},
    {"is there a way for", FeedbackKind::kFeatureRequest, 0.7},
    {"is it possible to add", FeedbackKind::kFeatureRequest, 0.7},
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
    // Defects: the word, a failure of the product, or a regression.
    {"bug", FeedbackKind::kBug, 0.7},
    {"bugs", FeedbackKind::kBug, 0.7},
    {"broken", FeedbackKind::kBug, 0.65},
    {"breaks", FeedbackKind::kBug, 0.6},
    {"broke", FeedbackKind::kBug, 0.6},
    {"doesn't work", FeedbackKind::kBug, 0.65},
    {"does not work", FeedbackKind::kBug, 0.65},
    {"not working", FeedbackKind::kBug, 0.65},
    {"isn't working", FeedbackKind::kBug, 0.65},
    {"stopped working", FeedbackKind::kBug, 0.7},
    {"stopped returning", FeedbackKind::kBug, 0.65},
    {"stopped syncing", FeedbackKind::kBug, 0.65},
    {"stopped sending", FeedbackKind::kBug, 0.65},
    {"stopped loading", FeedbackKind::kBug, 0.65},
    {"stopped showing", FeedbackKind::kBug, 0.65},
    {"stopped updating", FeedbackKind::kBug, 0.65},
    {"stopped importing", FeedbackKind::kBug, 0.65},
    {"stopped appearing", FeedbackKind::kBug, 0.65},
    {"stopped responding", FeedbackKind::kBug, 0.65},
    {"crash*", FeedbackKind::kBug, 0.7},
    {"error", FeedbackKind::kBug, 0.6},
    {"errors", FeedbackKind::kBug, 0.6},
    {"fail", FeedbackKind::kBug, 0.6},
    {"fails", FeedbackKind::kBug, 0.6},
    {"failed", FeedbackKind::kBug, 0.55},
    {"failing", FeedbackKind::kBug, 0.6},
    {"wrong", FeedbackKind::kBug, 0.55},
    {"incorrect", FeedbackKind::kBug, 0.6},
    {"instead of", FeedbackKind::kBug, 0.55},
    {"replaced with", FeedbackKind::kBug, 0.55},
    {"different from", FeedbackKind::kBug, 0.55},
    {"doesn't match", FeedbackKind::kBug, 0.6},
    {"don't match", FeedbackKind::kBug, 0.6},
    {"impossible", FeedbackKind::kBug, 0.55},
    {"glitch", FeedbackKind::kBug, 0.65},
    {"garbled", FeedbackKind::kBug, 0.65},
    {"corrupt*", FeedbackKind::kBug, 0.65},
    {"duplicate*", FeedbackKind::kBug, 0.6},
    {"twice", FeedbackKind::kBug, 0.55},
    {"negative", FeedbackKind::kBug, 0.55},
    {"empty", FeedbackKind::kBug, 0.55},
    {"is missing", FeedbackKind::kBug, 0.55},
    {"are missing", FeedbackKind::kBug, 0.55},
    {"disappear*", FeedbackKind::kBug, 0.6},
    {"vanish*", FeedbackKind::kBug, 0.6},
    {"still show*", FeedbackKind::kBug, 0.55},
    {"still appear*", FeedbackKind::kBug, 0.55},
    {"still include*", FeedbackKind::kBug, 0.55},
    {"not loading", FeedbackKind::kBug, 0.65},
    {"won't load", FeedbackKind::kBug, 0.65},
    {"doesn't load", FeedbackKind::kBug, 0.65},
    {"blank page", FeedbackKind::kBug, 0.65},
    {"blank", FeedbackKind::kBug, 0.55},
    {"off by", FeedbackKind::kBug, 0.55},
    {"hours late", FeedbackKind::kBug, 0.55},
    {"days late", FeedbackKind::kBug, 0.55},
    {"freezes", FeedbackKind::kBug, 0.65},
    {"hangs", FeedbackKind::kBug, 0.6},
    {"stuck", FeedbackKind::kBug, 0.55},
    {"rejected", FeedbackKind::kBug, 0.6},
    {"cuts off", FeedbackKind::kBug, 0.6},
    {"cut off", FeedbackKind::kBug, 0.6},
    {"logs me out", FeedbackKind::kBug, 0.65},
    {"logged me out", FeedbackKind::kBug, 0.65},
    {"logging me out", FeedbackKind::kBug, 0.65},
    {"keep* getting", FeedbackKind::kBug, 0.6},
    {"timed out", FeedbackKind::kBug, 0.55},
    {"time out", FeedbackKind::kBug, 0.6},
    {"times out", FeedbackKind::kBug, 0.6},
    {"timing out", FeedbackKind::kBug, 0.6},
    {"intermittent*", FeedbackKind::kBug, 0.55},
    {"exception", FeedbackKind::kBug, 0.6},
    {"is it just me", FeedbackKind::kBug, 0.6},
    {"since the update", FeedbackKind::kBug, 0.6},
    {"after the update", FeedbackKind::kBug, 0.6},
    {"since the last update", FeedbackKind::kBug, 0.6},
    {"worked fine", FeedbackKind::kBug, 0.55},
    {"used to work", FeedbackKind::kBug, 0.6},
    // UX friction: effort, unclear meaning, things that look alike or are out of sight.
    {"confusing", FeedbackKind::kUx, 0.7},
    {"hard to find", FeedbackKind::kUx, 0.75},
    {"difficult to find", FeedbackKind::kUx, 0.75},
    {"couldn't find", FeedbackKind::kUx, 0.6},
    {"can't find", FeedbackKind::kUx, 0.6},
    {"cannot find", FeedbackKind::kUx, 0.6},
    {"think to look", FeedbackKind::kUx, 0.7},
    {"where to look", FeedbackKind::kUx, 0.65},
    {"not intuitive", FeedbackKind::kUx, 0.75},
    {"unintuitive", FeedbackKind::kUx, 0.75},
    {"counterintuitive", FeedbackKind::kUx, 0.75},
    {"too many clicks", FeedbackKind::kUx, 0.75},
    {"too many steps", FeedbackKind::kUx, 0.75},
    {"clicks", FeedbackKind::kUx, 0.7},
    {"lot of steps", FeedbackKind::kUx, 0.7},
    {"click to", FeedbackKind::kUx, 0.6},
    {"scroll*", FeedbackKind::kUx, 0.7},
    {"navigate back", FeedbackKind::kUx, 0.7},
    {"jumping around", FeedbackKind::kUx, 0.7},
    {"back and forth", FeedbackKind::kUx, 0.6},
    {"dig for", FeedbackKind::kUx, 0.7},
    {"dig through", FeedbackKind::kUx, 0.7},
    {"split across", FeedbackKind::kUx, 0.65},
    {"separate pages", FeedbackKind::kUx, 0.6},
    {"slows us down", FeedbackKind::kUx, 0.7},
    {"slows me down", FeedbackKind::kUx, 0.7},
    {"than it needs to be", FeedbackKind::kUx, 0.65},
    {"clunky", FeedbackKind::kUx, 0.7},
    {"cumbersome", FeedbackKind::kUx, 0.7},
    {"fiddly", FeedbackKind::kUx, 0.7},
    {"hard to use", FeedbackKind::kUx, 0.75},
    {"difficult to use", FeedbackKind::kUx, 0.75},
    {"not obvious", FeedbackKind::kUx, 0.7},
    {"not clear", FeedbackKind::kUx, 0.7},
    {"isn't clear", FeedbackKind::kUx, 0.7},
    {"unclear", FeedbackKind::kUx, 0.7},
    {"no indication", FeedbackKind::kUx, 0.7},
    {"no hint", FeedbackKind::kUx, 0.7},
    {"doesn't tell", FeedbackKind::kUx, 0.7},
    {"can't tell", FeedbackKind::kUx, 0.7},
    {"hard to tell", FeedbackKind::kUx, 0.7},
    {"never know", FeedbackKind::kUx, 0.65},
    {"hard to read", FeedbackKind::kUx, 0.7},
    {"struggle to read", FeedbackKind::kUx, 0.7},
    {"easy to miss", FeedbackKind::kUx, 0.7},
    {"look identical", FeedbackKind::kUx, 0.7},
    {"looks identical", FeedbackKind::kUx, 0.7},
    {"look the same", FeedbackKind::kUx, 0.7},
    {"looks the same", FeedbackKind::kUx, 0.7},
    {"look almost the same", FeedbackKind::kUx, 0.7},
    {"same styling", FeedbackKind::kUx, 0.7},
    {"same color", FeedbackKind::kUx, 0.7},
    {"same colour", FeedbackKind::kUx, 0.7},
    {"same icon", FeedbackKind::kUx, 0.7},
    {"side by side", FeedbackKind::kUx, 0.6},
    {"next to each other", FeedbackKind::kUx, 0.6},
    {"close together", FeedbackKind::kUx, 0.7},
    {"by accident", FeedbackKind::kUx, 0.65},
    {"by mistake", FeedbackKind::kUx, 0.65},
    {"accidentally", FeedbackKind::kUx, 0.65},
    {"that mistake", FeedbackKind::kUx, 0.65},
    {"tedious", FeedbackKind::kUx, 0.65},
    {"tiny", FeedbackKind::kUx, 0.6},
    {"too small", FeedbackKind::kUx, 0.65},
    {"whitespace", FeedbackKind::kUx, 0.6},
    {"hidden", FeedbackKind::kUx, 0.55},
    {"buried", FeedbackKind::kUx, 0.6},
    // Pricing and packaging (more in the price rule).
    {"too expensive", FeedbackKind::kPricing, 0.8},
    {"expensive", FeedbackKind::kPricing, 0.65},
    {"overpriced", FeedbackKind::kPricing, 0.8},
    {"price increase", FeedbackKind::kPricing, 0.8},
    {"afford", FeedbackKind::kPricing, 0.7},
    {"cheaper", FeedbackKind::kPricing, 0.65},
    {"charge extra", FeedbackKind::kPricing, 0.75},
    {"pay extra", FeedbackKind::kPricing, 0.7},
    {"paying extra", FeedbackKind::kPricing, 0.7},
    {"paywall*", FeedbackKind::kPricing, 0.75},
    // Documentation (more in the docs rule and pattern).
    {"not documented", FeedbackKind::kDocs, 0.8},
    {"undocumented", FeedbackKind::kDocs, 0.8},
    {"no documentation", FeedbackKind::kDocs, 0.8},
    {"isn't documented", FeedbackKind::kDocs, 0.8},
    // How-to questions (more in the question rule).
    {"how do i", FeedbackKind::kQuestion, 0.6},
    {"how can i", FeedbackKind::kQuestion, 0.6},
    {"how do we", FeedbackKind::kQuestion, 0.6},
    {"how can we", FeedbackKind::kQuestion, 0.6},
    {"how to", FeedbackKind::kQuestion, 0.55},
    {"where can i", FeedbackKind::kQuestion, 0.6},
    {"where do i", FeedbackKind::kQuestion, 0.6},
    {"where is the", FeedbackKind::kQuestion, 0.55},
    {"what is the best way", FeedbackKind::kQuestion, 0.6},
    {"is it possible to", FeedbackKind::kQuestion, 0.55},
};

// Words that mark a kind only beside words of another class in the same sentence: "the
// guide" with "outdated" is docs, "per seat" with "unfair" is pricing, "button" with
// "tiny" is UX.
enum WordClass : int {
  kDocSubject,       // the documentation itself
  kDocFault,         // what is wrong with it
  kDocClaim,         // what it says; with a contrast, the docs disagree with the product
  kDocContent,       // parts of docs; asked for, the request is about the docs
  kContrast,
  kPriceSubject,     // money, plans, seats, billing
  kPriceObjection,   // a complaint about or a request for a price
  kScreenElement,    // buttons, menus, fields
  kLayoutFault,      // small, grey, at the bottom, collapsed
  kProductAction,    // counts only negated: a product function that fails ("won't sync")
  kQuestionOpener,   // opens a factual or how-to question
  kAskForCapability, // makes a question a request ("is X planned?")
  kWordClassCount,
};

// How negation ("not", "no longer", "won't" shortly before) affects a class word.
enum class Negation { kIgnored, kCancels, kRequired };

struct ClassWords {
  WordClass word_class;
  Negation negation;
  std::initializer_list<const char*> phrases;
};

const ClassWords kClassWords[] = {
    {kDocSubject, Negation::kIgnored,
     {"docs", "doc", "documentation", "tutorial*", "guide", "guides", "article", "articles",
      "knowledge base", "kb", "help center", "help centre", "help page*", "readme", "reference",
      "release notes", "changelog", "manual", "faq*"}},
    {kDocFault, Negation::kCancels,
     {"wrong", "incorrect", "inaccurate", "outdated", "out of date", "missing", "incomplete",
      "unclear", "confusing", "misleading", "broken", "404", "dead link", "skips", "typo*",
      "doesn't mention", "doesn't say", "doesn't explain", "doesn't cover", "doesn't list",
      "doesn't specify", "doesn't include", "don't mention", "don't say", "don't explain",
      "don't cover", "don't list", "don't specify", "does not mention", "does not explain",
      "never explain*", "never says", "never mentions", "says nothing", "nothing about",
      "only shows", "only lists", "only covers", "hasn't been updated", "not been updated",
      "needs updating", "needs correcting", "update it", "older version", "old version",
      "from #", "doesn't exist", "no longer exist*", "anymore", "placeholder", "opposite",
      "machine translated", "behind", "can't find", "couldn't find", "can't follow",
      "hard to follow", "dense", "no written", "no description*", "none of", "links back",
      "fail", "fails", "assumes", "still", "didn't help", "not helpful"}},
    {kDocClaim, Negation::kIgnored, {"says", "say", "shows", "show", "lists", "mentions", "tells", "states"}},
    {kDocContent, Negation::kIgnored,
     {"example", "examples", "sample", "samples", "screenshot*", "section", "walkthrough"}},
    {kContrast, Negation::kIgnored, {"but", "while", "whereas", "however", "actually", "actual"}},
    {kPriceSubject, Negation::kIgnored,
     {"price", "prices", "pricing", "priced", "cost", "costs", "fee", "fees", "charge", "charges",
      "charged", "charging", "billed", "billing", "pay", "paying", "paid", "seat", "seats", "plan",
      "tier", "tiers", "subscription", "add on", "addon", "upgrade", "discount*", "money",
      "budget", "renewal quote", "per user", "per seat", "per agent", "per employee", "per request",
      "per call", "per message", "per contact", "per month", "a month", "# month", "overage",
      "prorate", "credits", "nonprofit", "licence*", "license*"}},
    {kPriceObjection, Negation::kCancels,
     {"too much", "too high", "too small", "steep", "unfair", "justify", "frustrating",
      "misleading", "out of reach", "blocker", "beyond our budget", "enormous", "huge", "higher",
      "increase", "extra", "surprise", "didn't expect", "never seen", "weren't told", "isn't viable",
      "not viable", "should be included", "paywall*", "negotiable", "a lot", "same as", "poor",
      "not great", "only available", "only on", "why", "lower", "cheaper",
      "# times", "discount*", "hard to"}},
    {kScreenElement, Negation::kIgnored,
     {"button", "buttons", "icon", "icons", "link", "links", "label", "labels", "text", "font",
      "menu", "dropdown", "tooltip", "field", "fields", "tab", "tabs", "box", "checkbox", "modal",
      "dialog", "sidebar", "toggle", "banner", "form", "popup", "page", "screen"}},
    {kLayoutFault, Negation::kCancels,
     {"small", "grey", "gray", "light", "bottom", "corner", "under", "covers", "overlap*",
      "collapsed", "pre selected", "preselected", "long page", "new tab", "every time", "each time",
      "far from", "look required", "looks disabled", "look disabled", "look clickable"}},
    {kProductAction, Negation::kRequired,
     {"save", "saves", "saving", "saved", "sync", "syncs", "syncing", "synced", "load", "loads",
      "loading", "loaded", "import", "imports", "importing", "imported", "export", "exports",
      "exporting", "exported", "send", "sends", "sending", "arrive", "arrives", "arriving",
      "arrived",
      "appear", "appears", "appearing", "appeared", "show up", "shows up", "showing up",
      "open", "opens", "opening", "upload", "uploads", "uploading", "uploaded", "connect",
      "connects", "let me", "let us", "print", "prints", "download", "downloads", "refresh", "refreshes", "display", "displays", "render", "renders",
      "respond", "responds", "trigger", "triggers", "triggered", "fire", "fires", "deliver",
      "delivered", "go through", "goes through", "accept", "accepts"}},
    {kQuestionOpener, Negation::kIgnored,
     {"what", "what's", "which", "where", "who", "how", "does", "do you", "do i", "do we",
      "is there a", "is there an", "is the", "is it", "are there", "are the", "can i", "can a",
      "can an", "can the"}},
    {kAskForCapability, Negation::kIgnored,
     {"planned", "on your roadmap", "would that be possible", "could the", "could it", "could we have"}},
};

constexpr const char* kDocsPattern =
    R"((?i:\b(?:docs?|documentation|help (?:center|centre|article|page)|knowledge ?base|kb article|api reference|user guide|setup guide|tutorial|readme)\b[^.!?\n]{0,80}\b(?:wrong|outdated|out of date|out-of-date|unclear|confusing|missing|incomplete|incorrect|inaccurate|misleading|doesn't (?:say|mention|explain|cover)|does not (?:say|mention|explain|cover)|didn't help|not helpful|broken link)\b))"
    R"(|(?i:\b(?:couldn't|could not|can't|cannot) find (?:it|anything|this|that|how)[^.!?\n]{0,40}\b(?:docs|documentation|help center)\b))";

// Kind priority between equally strong cues of one sentence: the more specific kind wins
// (a question about a defect is a bug, a complaint about the docs is docs).
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

// One reading of a sentence: a kind, how strongly the sentence says it, and the token after
// the words that said it (where the theme starts).
struct Reading {
  FeedbackKind kind = FeedbackKind::kUnspecified;
  double strength = 0;
  size_t cue_end = 0;
};

// Whether `a` is the better reading: stronger, or as strong and of a higher-priority kind.
bool Beats(const Reading& a, const Reading& b) {
  if (b.kind == FeedbackKind::kUnspecified) return true;
  if (a.strength != b.strength) return a.strength > b.strength;
  return Rank(a.kind) < Rank(b.kind);
}

// True when the cue ending before token `t` ends in "add" and an own record follows ("please
// add our finance inbox to..."): an account change, not a capability.
bool AddsOwnRecord(const ScannedText& scan, size_t t, size_t last) {
  static constexpr absl::string_view kOwn[] = {"our", "my", "me", "us", "him", "her", "them", "their"};
  return t > 0 && t < last && scan.word(t - 1) == "add" &&
         std::find(std::begin(kOwn), std::end(kOwn), scan.word(t)) != std::end(kOwn);
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

// True when a negator shortly before token `t`, in its clause, states that something fails
// ("the sync doesn't run") rather than asking for something ("please don't send", "do not
// update").
bool NegatedStatementAt(const ScannedText& scan, size_t t) {
  for (size_t k = t, steps = 0; k > 0 && steps < 3; ++steps) {
    if (scan.ClauseStartsAt(k)) return false;
    --k;
    if (!scan.IsNegatorAt(k)) continue;
    const size_t verb = k > 0 && scan.word(k - 1) == "do" ? k - 1 : k;
    return !scan.ClauseStartsAt(verb) && (verb == 0 || scan.word(verb - 1) != "please");
  }
  return false;
}

// What one sentence holds besides its literal cues.
struct SentenceFacts {
  uint32_t classes = 0;  // bit per WordClass
  bool question = false;         // ends with '?'
  bool opens_question = false;   // a question word starts one of its clauses
  bool asks_feature = false;     // has a feature-request cue
  bool asks_how_to = false;      // has a how-to cue
  bool Has(WordClass word_class) const { return (classes >> word_class & 1u) != 0; }
};

// The readings the word classes of one sentence give when they meet, passed to
// `read(kind, strength)`. The strengths rank them against the literal cues: a fault in the
// docs outranks everything, a price objection outranks requests and friction, a negated
// product function outranks friction-like wording, a bare question comes last.
template <typename Read>
void ReadClasses(const SentenceFacts& facts, Read read) {
  if (facts.Has(kDocSubject) &&
      (facts.Has(kDocFault) || (facts.Has(kDocClaim) && facts.Has(kContrast)) ||
       (facts.Has(kDocContent) && facts.asks_feature))) {
    read(FeedbackKind::kDocs, 0.85);
  }
  if (facts.Has(kPriceSubject) &&
      (facts.Has(kPriceObjection) || (facts.question && !facts.asks_how_to))) {
    // An objection outranks explicit requests; a bare question about money ("any nonprofit
    // pricing?") only the weaker ones.
    read(FeedbackKind::kPricing, facts.Has(kPriceObjection) ? 0.8 : 0.7);
  }
  if (facts.Has(kScreenElement) && facts.Has(kLayoutFault)) read(FeedbackKind::kUx, 0.62);
  if (facts.Has(kProductAction)) read(FeedbackKind::kBug, 0.65);
  if (facts.question && facts.Has(kAskForCapability)) read(FeedbackKind::kFeatureRequest, 0.7);
  if (facts.question && facts.opens_question) read(FeedbackKind::kQuestion, 0.55);
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
  for (size_t i = 0; i < std::size(kClassWords); ++i) {
    for (const char* phrase : kClassWords[i].phrases) {
      extractor->cues_.Add(phrase, kClassWordId + static_cast<int>(i));
    }
  }
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

uint32_t FeedbackExtractor::ClassesIn(const ScannedText& scan, const TextRange& sentence,
                                      absl::Span<const PhraseMatch> matches,
                                      bool* opens_question) const {
  uint32_t classes = 0;
  // Currency signs are not words, but name a price as well as "price" does.
  const absl::string_view text = scan.text().substr(sentence.start, sentence.end - sentence.start);
  if (ContainsCurrencySign(text)) {
    classes |= 1u << kPriceSubject;
  }
  for (const PhraseMatch& match : matches) {
    if (match.id < kClassWordId) continue;
    const ClassWords& words = kClassWords[match.id - kClassWordId];
    if (words.negation == Negation::kCancels && !scan.IsNegatorAt(match.first) &&
        scan.NegatedAt(match.first, 3)) {
      continue;
    }
    if (words.negation == Negation::kRequired && !NegatedStatementAt(scan, match.first)) continue;
    if (words.word_class == kQuestionOpener && !scan.ClauseStartsAt(match.first)) continue;
    if (words.word_class == kQuestionOpener) *opens_question = true;
    classes |= 1u << words.word_class;
  }
  return classes;
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
      Reading best;
      int cues = 0;
      auto read = [&](FeedbackKind kind, double strength, size_t cue_end) {
        ++cues;
        const Reading reading{kind, strength, cue_end};
        if (Beats(reading, best)) best = reading;
      };
      SentenceFacts facts;
      const std::vector<PhraseMatch> matches = cues_.FindIn(scan, sentence.first, sentence.last);
      for (const PhraseMatch& match : matches) {
        if (match.id >= kClassWordId) continue;
        if (!scan.IsNegatorAt(match.first) && scan.NegatedAt(match.first)) continue;
        if (AddsOwnRecord(scan, match.last, sentence.last)) continue;
        const FeedbackKind kind = cue_kinds_[match.id];
        facts.asks_feature |= kind == FeedbackKind::kFeatureRequest;
        facts.asks_how_to |= kind == FeedbackKind::kQuestion;
        read(kind, cue_strength_[match.id], match.last);
      }
      facts.question = scan.IsQuestion(sentence);
      facts.classes = ClassesIn(scan, sentence, matches, &facts.opens_question);
      ReadClasses(facts, [&](FeedbackKind kind, double strength) { read(kind, strength, sentence.first); });
      const absl::string_view text =
          scan.text().substr(sentence.start, sentence.end - sentence.start);
      const absl::string_view lower =
          absl::string_view(scan.lower()).substr(sentence.start, sentence.end - sentence.start);
      for (const Pattern& pattern : patterns_) {
        if (pattern.needs_any != nullptr && pattern.needs_any->Find(lower).none()) continue;
        if (!RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *pattern.re)) continue;
        read(pattern.kind, 0.8, sentence.first);
      }
      const FeedbackKind kind = best.kind;
      const double strength = best.strength;
      const size_t cue_end = best.cue_end;
      if (kind == FeedbackKind::kUnspecified) continue;
      double confidence = std::min(0.95, strength + 0.05 * (cues - 1));
      if (kind == FeedbackKind::kFeatureRequest && facts.question) {
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
