#include "server/analysis/relationship_signals.h"

#include <algorithm>
#include <cstdint>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "server/analysis/ticket_text.h"

namespace debrief::analysis {
namespace {

// The built-in kinds, in BuiltIns() order: Create adds them first, so each is its own
// index into kinds_.
enum BuiltInKind {
  kSeats,
  kUpgrade,
  kNewTeam,
  kTierFeature,
  kCancel,
  kRefund,
  kNotRenewing,
  kDowngrade,
  kBuiltInKindCount
};

struct BuiltIn {
  const char* kind;
  double weight;
  std::vector<const char*> phrases;
};

// Phrases that say the signal on their own.
const std::vector<BuiltIn>& BuiltIns() {
  static const auto* kBuiltIns = new std::vector<BuiltIn>{
      {"expansion.seats", 1.0,
       {"more seats", "more licenses", "more licences", "additional seats", "additional licenses",
        "additional licences", "additional users", "extra seats", "extra licenses", "add # seats",
        "add # users", "add # licenses", "add # licences", "adding # seats", "adding # users",
        "# more seats", "# more users", "# more licenses", "buy # seats", "purchase # seats",
        "buy more seats", "increase our seats", "increase the number of seats", "grow the team",
        "growing the team", "onboard # more", "onboarding # more", "seat increase"}},
      {"expansion.upgrade", 1.0,
       {"upgrade our plan", "upgrade our subscription", "upgrade our account", "upgrade my plan",
        "upgrade my subscription", "upgrade my account", "upgrade the plan", "upgrade to the",
        "upgrade to enterprise", "upgrade to business", "upgrade to pro", "upgrade to premium",
        "upgrade to a higher", "upgrading our plan", "upgrading our subscription",
        "upgrading our account", "upgrading my plan", "interested in upgrading",
        "thinking about upgrading", "want to upgrade", "like to upgrade", "plan to upgrade",
        "planning to upgrade", "looking to upgrade", "higher tier", "higher plan", "next tier",
        "bigger plan", "larger plan", "move up to", "annual plan", "annual contract",
        // A bare "upgrade" is a plan upgrade unless a guard names another sense.
        "upgrade", "upgrading", "upgrade path", "up a tier", "up a plan", "outgrow*", "outgrew"}},
      {"expansion.new_team", 0.8,
       {"another team", "other teams", "new team", "second team", "another department",
        "other departments", "roll it out", "rolling it out", "roll out to", "rolling out to",
        "expand to", "expanding to", "new office", "new region", "another region", "another office",
        "another country", "new market", "company-wide", "company wide", "whole company",
        "entire company", "across the organization", "across the organisation", "new subsidiary",
        "sister company"}},
      {"expansion.tier_feature", 0.6,
       {"enterprise plan", "enterprise tier", "enterprise edition", "enterprise features",
        "premium features", "premium plan", "premium tier", "business plan", "business tier",
        "higher tier feature", "available on our plan", "included in our plan", "not on our plan",
        "not included in our plan"}},
      {"churn.cancel", 1.0,
       {"cancel our subscription", "cancel my subscription", "cancel the subscription",
        "cancel our account", "cancel my account", "cancel our plan", "cancel my plan",
        "cancel the contract", "cancel our contract", "cancel the service", "cancel our service",
        "want to cancel", "going to cancel", "will cancel", "would like to cancel", "need to cancel",
        "have to cancel", "decided to cancel", "cancellation", "close our account",
        "close my account", "delete our account", "delete my account", "terminate the contract",
        "terminate our contract", "end our contract", "end our subscription", "stop using",
        "looking for alternatives", "look for alternatives", "find another provider",
        "find an alternative", "take our business elsewhere", "stopped using", "shut it down",
        "close it down", "shut everything down", "pull* the plug", "migrat* off your",
        "moving off your", "move off your", "moving away from your", "switched providers",
        "switching providers", "switch providers"}},
      {"churn.refund", 0.5,
       {"refund", "refunded", "money back", "chargeback", "charge back", "dispute the charge",
        "reimburse*"}},
      {"churn.not_renewing", 1.0,
       {"not renewing", "not going to renew", "won't renew", "will not renew", "won't be renewing",
        "will not be renewing", "not be renewing", "don't renew", "do not renew",
        "not planning to renew", "not plan to renew", "let the contract lapse",
        "let our contract lapse", "let it lapse", "non-renewal", "not extend our contract",
        "not extending"}},
      {"churn.downgrade", 0.7,
       {"downgrade", "downgrading", "fewer seats", "reduce seats", "reduce our seats",
        "reduce the number of seats", "remove seats", "remove # seats", "reduce licenses",
        "fewer licenses", "cheaper plan", "lower plan", "lower tier", "smaller plan", "cut seats",
        "cut our seats", "off our subscription", "off our bill", "off the bill", "off our invoice",
        "off the invoice", "off our plan", "off our contract", "off the contract", "down a tier",
        "down a plan"}},
  };
  return *kBuiltIns;
}

// Word classes of the compositional rules below.
enum Cue : int {
  // churn.cancel
  kCloseVerb,     // cancel, close, delete, terminate ... (needs an account-like object)
  kCancelVerb,    // the bare verb, enough after an intent ("we'll be cancelling")
  kIntent,        // i'll, we'll, going to ...
  kAccountWord,   // account, subscription, workspace, organisation ...
  kSwitchVerb,    // moved to, switching to ...
  kOtherVendor,   // another tool, a different provider, competitors ...
  // churn.refund
  kRefundVerb,    // reverse, pay back, return, dispute ...
  kMoneyWord,     // charge, overpayment, difference, balance ...
  kBack,          // "back", after the money ("send the balance back")
  // churn.not_renewing
  kContinueVerb,  // renew, extend, continue, stay, re-sign ... (counts when negated)
  kTermWord,      // contract, term, agreement, renewal ...
  kLet,
  kLapse,         // lapse, expire, run out (bare infinitives, after "let")
  kStopVerb,      // turn off, disable, stop ...
  kAutoRenew,
  kDepart,        // moving on, stepping away, we're done ...
  kTermEnd,       // expires, ends, wraps up, comes up ...
  kAlternatives,  // alternatives, other vendors, an RFP ...
  // churn.downgrade and expansion.upgrade
  kReduceVerb,    // reduce, cut, trim, remove, drop, switch off ...
  kReducible,     // seats, licences, add-ons, packs, charges, cost, spend, bill ...
  kCheaper,       // cheaper, lowest, smaller, lighter ...
  kHigher,        // higher, bigger, larger, next ...
  kPlanWord,      // plan, tier, package, edition ...
  kCapacity,      // quota, allowance, limit, cap, storage, capacity, SLA ...
  kAddon,         // add-on, pack, module
  kDownMove,      // down to, go back to, move back to ...
  kBuyVerb,       // buy, purchase, add, order
  kLimitHit,      // hit the, reached, ran out, not enough, bottleneck ...
  kPlanInterest,  // quote, pricing, commit, switch, move ... (with a tier name)
  // expansion.seats
  kMore,          // more, another, additional, extra
  kCountMore,     // "# more", "# extra", "another #" with a real count
  kSeatWord,      // seat, licence, login
  kPersonWord,    // users, people, reps, agents, members ...
  kAddVerb,       // add, buy, purchase, order, tack on
  kRaiseVerb,     // increase, raise, bump, expand
  // expansion.tier_feature
  kFeature,       // SSO, SAML, audit trail, sandbox, data residency, HIPAA ...
  kFeatureNoun,   // feature, module, capability
  kRequest,       // we'd like, we need, insisting, do you offer ...
  kAcquire,       // can we get, can we add, turn on, enable ...
  kRequestIt,     // can we have it, we'd want one, is that available ... (about the last sentence)
  // expansion.new_team
  kUnit,          // team, department, division, subsidiary, region, office ...
  kAdopt,         // start using, get set up, roll out, get onboarded ...
  kUseVerb,       // want to use, could use ... (a unit's use, new only with kOtherness)
  kOtherness,     // too, as well, same as, they ...
  kAdoptThem,     // their own, onboarding for them ... (about the last sentence's unit)
  kOwnUnit,       // our team, the team: the customer's own, not a new one
  // Plan names, ranked; a mention must look like a name (see TierMention).
  kTierLow,
  kTierMid,
  kTierHigh,
  // Sentence-level vetoes.
  kDismissal,     // not for us, no plans to, what happens if, just asking ...
  kGuard,         // kGuard + BuiltInKind: another sense of that kind's words
  kCueCount = kGuard + kBuiltInKindCount
};
static_assert(kCueCount <= 64, "cue sets are 64-bit masks");

// The guard cue of a built-in kind.
constexpr int GuardOf(int kind) { return static_cast<int>(kGuard) + kind; }

using CueSet = uint64_t;
constexpr CueSet Bit(int cue) { return CueSet{1} << cue; }

struct CueClass {
  int cue;
  std::vector<const char*> phrases;
};

const std::vector<CueClass>& CueClasses() {
  static const auto* kClasses = new std::vector<CueClass>{
      {kCloseVerb,
       {"cancel*", "close", "closing", "delete", "deleting", "remove", "removed", "terminate",
        "terminating", "deactivate", "deactivating", "discontinue*", "shut down", "shutting down",
        "wind down", "winding down", "end our", "end my", "end the"}},
      {kCancelVerb, {"cancel", "cancelling", "canceling"}},
      {kIntent,
       {"i'll", "we'll", "will", "we're", "going to", "want to", "like to", "need to", "have to",
        "decided to", "plan to", "planning to", "about to"}},
      {kAccountWord,
       {"account", "subscription*", "plan", "contract", "service", "workspace*", "organisation",
        "organization", "org", "instance", "tenant", "membership", "business"}},
      {kSwitchVerb,
       {"moved to", "moving to", "move to", "switched to", "switching to", "switch to",
        "migrated to", "migrating to", "go with", "going with", "gone with"}},
      {kOtherVendor,
       {"another tool", "another provider", "another vendor", "another platform",
        "another solution", "another system", "a different tool", "a different provider",
        "a different vendor", "a different platform", "other tool", "competitor*"}},
      {kRefundVerb,
       {"reverse", "reversed", "reversing", "pay back", "paid back", "return", "returned",
        "credited", "credit it", "credit us", "disput*"}},
      {kMoneyWord,
       {"charge", "charges", "overpayment", "overcharge*", "difference", "balance", "money",
        "payment", "fee", "fees", "amount"}},
      {kBack, {"back"}},
      {kContinueVerb,
       {"renew", "renewing", "extend", "extending", "continue", "continuing", "re sign*",
        "go ahead", "carry on", "keep using", "auto renew*",
        "autorenew*"}},
      {kTermWord,
       {"contract", "term", "agreement", "subscription", "renewal", "deal", "plan", "expires",
        "anniversary"}},
      {kLet, {"let"}},
      {kLapse, {"lapse", "expire", "run out", "die"}},
      {kStopVerb,
       {"turn off", "switch off", "disable", "stop", "cancel", "remove", "opt out", "opt out of"}},
      {kAutoRenew, {"auto renew*", "autorenew*", "automatic renewal"}},
      {kDepart,
       {"moving on", "move on", "stepping away", "step away", "walk away", "we're done",
        "we are done", "be done", "parting ways", "part ways", "moving away"}},
      {kTermEnd,
       {"expires", "expire", "ends", "wraps up", "comes up", "term", "contract", "renewal"}},
      {kAlternatives,
       {"alternatives", "other vendors", "other providers", "other tools", "competitor*", "rfp",
        "tender"}},
      {kReduceVerb,
       {"reduce", "reducing", "lower", "lowering", "cut", "cutting", "trim", "trimming",
        "decrease", "drop", "dropping", "remove", "removing", "switch off", "turn off",
        "scale back", "scale down", "get rid of", "no longer need", "no longer use",
        "don't need the", "do not need the", "don't use the", "nobody uses the"}},
      {kReducible,
       {"seat", "seats", "licen*", "license*", "add on", "add ons", "addon*", "pack", "charges",
        "contract", "cost", "costs", "spend", "spending", "bill", "user count", "seat count"}},
      {kCheaper,
       {"cheaper", "cheapest", "lower", "lowest", "smaller", "smallest", "lighter", "less expensive",
        "reduced"}},
      {kHigher, {"higher", "bigger", "larger", "next", "upper"}},
      {kPlanWord, {"plan", "plans", "tier", "tiers", "package", "packages", "edition", "options"}},
      {kCapacity,
       {"quota", "allowance", "limit", "cap", "storage", "capacity", "sla", "bandwidth", "credits"}},
      {kAddon, {"add on", "add ons", "addon*", "pack"}},
      {kDownMove,
       {"down to", "go back to", "going back to", "move back to", "moving back to",
        "switch back to", "drop back to", "revert to"}},
      {kBuyVerb, {"buy", "purchase", "add"}},
      {kLimitHit,
       {"hit the", "hitting the", "hit our", "reached the", "reached our", "reached its",
        "limit reached", "cap reached", "maxed", "ran out", "run out",
        "running out", "not enough", "isn't enough", "aren't enough", "aren't cutting it",
        "isn't cutting it", "bottleneck", "passed the", "exceeded", "over the limit",
        "over our limit", "outgrown"}},
      {kPlanInterest,
       {"quote", "pricing", "commit", "move", "moving", "switch", "switching", "bump"}},
      {kMore, {"more", "another", "additional", "extra"}},
      {kCountMore, {"# more", "# extra", "# additional", "another #"}},
      {kSeatWord, {"seat", "seats", "licen*", "license", "licenses", "logins"}},
      {kPersonWord,
       {"users", "user count", "user limit", "people", "reps", "agents", "members", "editors",
        "accounts", "named users"}},
      {kAddVerb, {"add", "adding", "buy", "purchase", "tack on"}},
      {kRaiseVerb, {"increase", "increasing", "raise", "raising", "bump", "bump up", "expand"}},
      {kFeature,
       {"sso", "saml", "single sign on", "okta", "azure ad", "active directory", "ldap", "scim",
        "directory sync", "user sync", "provisioning", "audit log*", "audit trail*", "allowlist*",
        "whitelist*", "ip restriction*", "sandbox*", "staging", "custom roles", "advanced",
        "granular permissions", "role based", "rbac", "data residency", "encryption key*", "byok",
        "retention polic*", "data retention", "hipaa", "baa", "dedicated", "white label*",
        "priority support"}},
      {kFeatureNoun, {"feature", "module", "capability"}},
      {kRequest,
       {"can we get", "could we get", "can we have", "could we have", "can we add",
        "could we add", "we can add", "we can get", "can we enable", "could we enable", "enable",
        "turn on", "we'd want", "we want", "we'd like", "we would like", "we'd love",
        "we would love", "we need", "wants", "insisting", "we require", "available for us",
        "available to us", "how do we get", "how would we get", "get access", "options for",
        "do you support", "do you offer", "something we can", "way to get"}},
      {kAcquire,
       {"can we get", "could we get", "can we have", "could we have", "can we add",
        "could we add", "we can add", "we can get", "can we enable", "could we enable", "enable",
        "turn on", "get access"}},
      {kRequestIt,
       {"have it", "get it", "get that", "getting that", "have that", "want that", "want one",
        "want it", "we'd want", "we would want", "set it up", "get it turned on",
        "is that available", "is that something", "is it available"}},
      {kUnit,
       {"team", "teams", "department*", "dept", "division*", "subsidiar*", "entity", "entities",
        "region", "regions", "regional", "branch", "branches", "office", "offices", "unit",
        "group", "affiliate*", "hr", "legal"}},
      {kAdopt,
       {"start using", "start to use", "begin using", "try the", "try your", "trial", "adopt*",
        "onboard", "onboarded", "onboarding for", "get onboarded", "get set up", "set up on",
        "roll* out", "rolling this out", "come onto", "come on board", "move to your",
        "their own", "own workspace", "wants in", "want in"}},
      {kUseVerb, {"like to use", "want to use", "wants to use", "could use", "to use your"}},
      {kOtherness,
       {"too", "as well", "also", "same as", "just like", "like we do", "separate", "their",
        "they", "they'd", "they're", "them"}},
      {kAdoptThem,
       {"their own", "for them", "onboard them", "set them up", "add them", "they'd like to use",
        "they want to use"}},
      {kOwnUnit,
       {"our team", "my team", "the team", "your team", "our teams", "our department",
        "our office", "the office", "our group"}},
      {kTierLow,
       {"free", "starter", "basic", "lite", "essentials", "personal", "hobby", "bronze", "silver",
        "solo"}},
      {kTierMid, {"team", "standard", "growth", "pro", "professional", "plus", "gold"}},
      {kTierHigh, {"business", "premium", "enterprise", "platinum", "ultimate", "corporate"}},
      {kDismissal,
       {"decided we don't", "decided we do not", "not for us", "decided against", "no plans to", "no plan to", "what happens if",
        "what happens to", "what would happen if", "just asking", "just curious",
        "out of curiosity", "hypothetically", "if we ever", "in general", "not churning",
        "not leaving", "not going anywhere"}},
      {GuardOf(kSeats),
       {"seat map", "seat selection", "seating", "hall", "venue", "cinema", "theatre", "theater",
        "flight", "booking*", "ticketing", "passenger*", "replacement", "replace", "reassign*",
        "error*", "affected", "seeing", "reported", "bug*", "crash*", "fail*", "locked out",
        "room", "rooms", "desk*", "who can", "permission*"}},
      {GuardOf(kUpgrade),
       {"app", "apps", "version*", "firmware", "sdk", "connector", "plugin", "plug in", "driver*",
        "browser", "windows", "ios", "android", "library", "dependenc*", "schema", "database",
        "postgres", "server*", "release", "patch", "latest", "update*", "install*", "admin",
        "role", "permission*", "opportunity", "stage", "fail*", "broke*", "error*", "bug*",
        "crash*", "rate limit", "crm", "erp", "system", "systems", "infrastructure", "software",
        "hardware", "laptops", "computers", "devices", "ago", "last year", "last month",
        "last week"}},
      {GuardOf(kNewTeam),
       {"your team", "your teams", "your support", "your sales", "your onboarding", "address",
        "relocat*", "moving to a new", "move to a new"}},
      {GuardOf(kTierFeature),
       {"broken", "error*", "fail*", "not working", "stopped working", "bug*", "fixing", "fixed",
        "reset", "expired", "locked"}},
      {GuardOf(kCancel),
       {"meeting*", "appointment*", "registration*", "booking*", "reservation*", "order line*",
        "purchase order", "this order", "the order", "an order", "orders", "event*", "attendee*",
        "subscriber*", "customer*", "client*", "a user", "user's", "users'", "employee*",
        "leaver*", "who left", "payroll", "job", "jobs", "webinar", "flight", "invite*",
        "invitation*", "by accident", "by mistake", "accidentally", "their", "his", "her", "app",
        "computer", "laptop", "browser", "freez*", "crash*", "restart*", "reboot*",
        "integration*", "feature*", "plugin*", "extension*", "macro*", "template*"}},
      {GuardOf(kRefund),
       {"customers", "a customer", "our customer", "customer of ours", "client*", "shopper*",
        "buyer*", "checkout", "policy", "policies", "processed", "api", "webhook*",
        "endpoint*", "status", "their"}},
      {GuardOf(kNotRenewing),
       {"let me", "let us", "let you", "certificate*", "ssl", "domain*", "token*", "password*",
        "card"}},
      {GuardOf(kDowngrade),
       {"firmware", "sdk", "schema", "version*", "migration", "docs", "driver*", "app", "browser",
        "cut off", "reassign*", "replacement", "transfer*", "give it to", "move it to"}},
  };
  return *kClasses;
}

enum class Order { kEither, kActionFirst, kObjectFirst };
enum class Polarity { kAffirmed, kNegated };

// A signal said by an action cue with an object cue near it in the same sentence.
struct Rule {
  BuiltInKind kind;
  int action;
  CueSet objects;
  int window = -1;  // most tokens between the action and the object; -1: the whole sentence
  Order order = Order::kEither;
  // kNegated: the action counts only when negated by intent ("we won't renew"), not by
  // inability ("we can't renew the card").
  Polarity polarity = Polarity::kAffirmed;
  // Whether an object anywhere in the previous sentence also counts ("Our contract
  // expires in May. We have decided not to continue.").
  bool object_in_previous_sentence = false;
  // Whether no preposition may stand between the action and the object: the object is
  // what is acted on, not a place ("remove John from our account").
  bool direct_object = false;
  // Whether a count must follow the action or sit between it and the object ("add 8
  // contributor licences", not "add a user").
  bool needs_count = false;
  // Whether an amount of money is an object too ("return the $1,500").
  bool money_is_object = false;
  // Whether the action must end its clause: no object of its own ("I'll cancel and ...").
  bool intransitive = false;
  // Cues of which one must also be in the sentence, when not 0.
  CueSet with = 0;
};

const std::vector<Rule>& Rules() {
  static const auto* kRules = new std::vector<Rule>{
      // churn.cancel
      {.kind = kCancel, .action = kCloseVerb, .objects = Bit(kAccountWord), .window = 4,
       .direct_object = true},
      {.kind = kCancel, .action = kCancelVerb, .objects = Bit(kIntent), .window = 2,
       .order = Order::kObjectFirst, .intransitive = true},
      {.kind = kCancel, .action = kSwitchVerb, .objects = Bit(kOtherVendor), .window = 1,
       .order = Order::kActionFirst},
      // churn.refund
      {.kind = kRefund, .action = kRefundVerb, .objects = Bit(kMoneyWord), .window = 4,
       .direct_object = true, .money_is_object = true},
      {.kind = kRefund, .action = kBack, .objects = Bit(kMoneyWord), .window = 2,
       .order = Order::kObjectFirst},
      // churn.not_renewing
      {.kind = kNotRenewing, .action = kContinueVerb, .objects = Bit(kTermWord),
       .polarity = Polarity::kNegated, .object_in_previous_sentence = true},
      {.kind = kNotRenewing, .action = kLet, .objects = Bit(kLapse), .window = 3,
       .order = Order::kActionFirst},
      {.kind = kNotRenewing, .action = kStopVerb, .objects = Bit(kAutoRenew), .window = 2,
       .order = Order::kActionFirst},
      {.kind = kNotRenewing, .action = kDepart, .objects = Bit(kTermEnd)},
      {.kind = kNotRenewing, .action = kAlternatives, .objects = Bit(kTermEnd)},
      // churn.downgrade
      {.kind = kDowngrade, .action = kReduceVerb, .objects = Bit(kReducible), .window = 5,
       .order = Order::kActionFirst, .direct_object = true},
      {.kind = kDowngrade, .action = kCheaper, .objects = Bit(kPlanWord), .window = 1,
       .order = Order::kActionFirst},
      {.kind = kDowngrade, .action = kDownMove,
       .objects = Bit(kPlanWord) | Bit(kTierLow) | Bit(kTierMid) | Bit(kTierHigh), .window = 3,
       .order = Order::kActionFirst},
      {.kind = kDowngrade, .action = kPlanInterest, .objects = Bit(kTierLow), .window = 4},
      // expansion.upgrade
      {.kind = kUpgrade, .action = kHigher, .objects = Bit(kPlanWord) | Bit(kCapacity),
       .window = 2, .order = Order::kActionFirst},
      {.kind = kUpgrade, .action = kBuyVerb, .objects = Bit(kCapacity) | Bit(kAddon), .window = 5,
       .order = Order::kActionFirst, .direct_object = true},
      {.kind = kUpgrade, .action = kLimitHit, .objects = Bit(kCapacity), .window = 6},
      {.kind = kUpgrade, .action = kPlanInterest, .objects = Bit(kTierMid) | Bit(kTierHigh),
       .window = 4},
      // expansion.seats
      {.kind = kSeats, .action = kMore, .objects = Bit(kSeatWord), .window = 2,
       .order = Order::kActionFirst},
      {.kind = kSeats, .action = kCountMore, .objects = Bit(kSeatWord) | Bit(kPersonWord),
       .window = 2, .order = Order::kActionFirst, .object_in_previous_sentence = true},
      {.kind = kSeats, .action = kAddVerb, .objects = Bit(kSeatWord) | Bit(kPersonWord),
       .window = 6, .direct_object = true, .needs_count = true},
      {.kind = kSeats, .action = kRaiseVerb, .objects = Bit(kSeatWord) | Bit(kPersonWord),
       .window = 3},
      {.kind = kSeats, .action = kLimitHit, .objects = Bit(kSeatWord) | Bit(kPersonWord),
       .window = 3},
      // expansion.tier_feature
      {.kind = kTierFeature, .action = kRequest, .objects = Bit(kFeature)},
      {.kind = kTierFeature, .action = kRequestIt, .objects = Bit(kFeature),
       .object_in_previous_sentence = true},
      {.kind = kTierFeature, .action = kAcquire, .objects = Bit(kFeatureNoun), .window = 4},
      // expansion.new_team
      {.kind = kNewTeam, .action = kAdopt, .objects = Bit(kUnit)},
      {.kind = kNewTeam, .action = kUseVerb, .objects = Bit(kOtherness), .with = Bit(kUnit)},
      {.kind = kNewTeam, .action = kAdoptThem, .objects = Bit(kUnit),
       .object_in_previous_sentence = true},
  };
  return *kRules;
}

// The cue matcher, built once: phrase ids are Cue values.
const PhraseMatcher& Cues() {
  static const auto* kCues = [] {
    auto* matcher = new PhraseMatcher();
    for (const CueClass& cue_class : CueClasses()) {
      for (const char* phrase : cue_class.phrases) matcher->Add(phrase, cue_class.cue);
    }
    return matcher;
  }();
  return *kCues;
}

// A count in digits or words, as opposed to a quantity word ("more", "another").
bool IsCountAt(const ScannedText& scan, size_t t) {
  if (!scan.IsNumberAt(t)) return false;
  const absl::string_view word = scan.word(t);
  return word != "more" && word != "another" && word != "additional" && word != "extra" &&
         word != "several" && word != "few";
}

// The value of a count ("25", "twenty"), or -1.
int CountValue(const ScannedText& scan, size_t t) {
  if (!IsCountAt(scan, t)) return -1;
  int value = 0;
  if (absl::SimpleAtoi(scan.word(t), &value)) return value;
  static const std::vector<std::pair<absl::string_view, int>> kWords = {
      {"two", 2},     {"three", 3},    {"four", 4},    {"five", 5},      {"six", 6},
      {"seven", 7},   {"eight", 8},    {"nine", 9},    {"ten", 10},      {"eleven", 11},
      {"twelve", 12}, {"fifteen", 15}, {"twenty", 20}, {"thirty", 30},   {"forty", 40},
      {"fifty", 50},  {"dozen", 12},   {"hundred", 100}};
  for (const auto& [word, number] : kWords) {
    if (scan.word(t) == word) return number;
  }
  return -1;
}

// An amount of money: digits after '$', or a token such as "€480" or "£20".
bool IsMoneyAt(const ScannedText& scan, size_t t) {
  const absl::string_view word = scan.word(t);
  const size_t start = scan.tokens()[t].start;
  if (!word.empty() && absl::ascii_isdigit(word[0]) && start > 0 && scan.text()[start - 1] == '$') {
    return true;
  }
  return absl::StartsWith(word, "\xe2\x82\xac") || absl::StartsWith(word, "\xc2\xa3");
}

// A plan name looks like one: followed by a plan word ("the free tier"), or capitalized
// on its own inside the sentence ("move to Enterprise").
bool TierMention(const ScannedText& scan, const PhraseMatch& match, bool before_plan_word) {
  if (before_plan_word) return true;
  auto capitalized = [&](size_t t) {
    const absl::string_view original = scan.original(t);
    return !original.empty() && absl::ascii_isupper(original[0]);
  };
  // Not the sentence's first word, nor part of a title-case name ("Our Support Team", "Hi
  // Team").
  const size_t t = match.first;
  const TextRange& sentence = scan.sentences()[scan.SentenceOf(t)];
  if (!capitalized(t) || t == sentence.first || capitalized(t - 1)) return false;
  return match.last >= sentence.last || !capitalized(match.last);
}

// Rank of a plan-name cue, 0 for other cues.
int TierRank(int cue) {
  switch (cue) {
    case kTierLow: return 1;
    case kTierMid: return 2;
    case kTierHigh: return 3;
    default: return 0;
  }
}

// The cues of one sentence.
struct SentenceCues {
  std::vector<PhraseMatch> matches;  // id is the Cue
  CueSet present = 0;
};

struct RuleHit {
  BuiltInKind kind;
  size_t token;
};

// Words between a verb and a place, not its object ("remove John from our account"). Tested
// by word where needed, not matched in every sentence: they are the commonest words there are.
bool IsPreposition(absl::string_view word) {
  static constexpr absl::string_view kPrepositions[] = {
      "from", "in", "on", "to", "into", "of", "for", "with", "at", "under", "inside", "within",
      "via", "through"};
  return std::find(std::begin(kPrepositions), std::end(kPrepositions), word) != std::end(kPrepositions);
}

bool ObjectNear(const ScannedText& scan, const Rule& rule, const PhraseMatch& action,
                const PhraseMatch& object) {
  if ((rule.objects & Bit(object.id)) == 0) return false;
  if (object.first < action.last && action.first < object.last) return false;  // overlap
  const bool after = object.first >= action.last;
  if (rule.order == Order::kActionFirst && !after) return false;
  if (rule.order == Order::kObjectFirst && after) return false;
  if (rule.window < 0 && !rule.direct_object && !rule.needs_count) return true;
  const size_t gap = after ? object.first - action.last : action.first - object.last;
  if (rule.window >= 0 && gap > static_cast<size_t>(rule.window)) return false;
  const size_t from = std::min(action.last, object.last);
  const size_t to = std::max(action.first, object.first);
  if (rule.direct_object) {
    for (size_t t = from; t < to; ++t) {
      if (IsPreposition(scan.word(t))) return false;
    }
  }
  if (!rule.needs_count) return true;
  for (size_t t = from; t < to; ++t) {
    if (scan.IsNumberAt(t)) return true;
  }
  return action.last < scan.size() && scan.IsNumberAt(action.last);
}

bool MoneyNear(const ScannedText& scan, const Rule& rule, const PhraseMatch& action,
               const TextRange& sentence) {
  const size_t first = action.first > static_cast<size_t>(rule.window) + sentence.first
                           ? action.first - rule.window - 1
                           : sentence.first;
  const size_t last = std::min(sentence.last, action.last + rule.window + 1);
  for (size_t t = first; t < last; ++t) {
    if (IsMoneyAt(scan, t)) return true;
  }
  return false;
}

// Whether the negator before token `t` says can't rather than won't ("we can't renew").
bool NegatedByInability(const ScannedText& scan, size_t t) {
  for (size_t k = t, steps = 0; k > 0 && steps < 4; ++steps) {
    if (scan.ClauseStartsAt(k)) return false;
    --k;
    if (scan.IsNegatorAt(k)) {
      const absl::string_view word = scan.word(k);
      return word == "can't" || word == "cannot" || word == "cant" || word == "couldn't" ||
             (word == "not" && k > 0 && scan.word(k - 1) == "can");
    }
  }
  return false;
}

// Whether action `a` of `rule` finds its object in `cues` (the sentence) or `previous`.
bool RuleMatches(const ScannedText& scan, const Rule& rule, const PhraseMatch& action,
                 const SentenceCues& cues, const SentenceCues* previous) {
  if (rule.with != 0 && (cues.present & rule.with) == 0) return false;
  const bool negated = !scan.IsNegatorAt(action.first) && scan.NegatedAt(action.first);
  if (rule.polarity == Polarity::kNegated ? !negated || NegatedByInability(scan, action.first)
                                          : negated) {
    return false;
  }
  if (rule.intransitive && action.last < scan.size() && !scan.ClauseStartsAt(action.last) &&
      scan.SentenceOf(action.last) == scan.SentenceOf(action.first)) {
    return false;
  }
  for (const PhraseMatch& object : cues.matches) {
    if (ObjectNear(scan, rule, action, object)) return true;
  }
  if (rule.money_is_object &&
      MoneyNear(scan, rule, action, scan.sentences()[scan.SentenceOf(action.first)])) {
    return true;
  }
  return rule.object_in_previous_sentence && previous != nullptr &&
         (previous->present & rule.objects) != 0;
}

// "from 50 to 30 seats", "from Standard to Enterprise": the values after "from" and
// after the next "to", each within a few tokens. `value` gives a token's value or -1.
template <typename ValueAt>
bool FromTo(const ScannedText& scan, const TextRange& sentence, ValueAt value, int* from_value,
            int* to_value, size_t* at) {
  for (size_t t = sentence.first; t < sentence.last; ++t) {
    if (scan.word(t) != "from") continue;
    size_t k = t + 1;
    int first = -1;
    for (; k < sentence.last && k <= t + 3 && first < 0; ++k) first = value(k);
    if (first < 0) continue;
    size_t to = k;
    while (to < sentence.last && to <= k + 3 && scan.word(to) != "to") ++to;
    if (to >= sentence.last || scan.word(to) != "to") continue;
    int second = -1;
    for (size_t j = to + 1; j < sentence.last && j <= to + 3 && second < 0; ++j) second = value(j);
    if (second < 0) continue;
    *from_value = first;
    *to_value = second;
    *at = t;
    return true;
  }
  return false;
}

// Hits of the compositional rules and of counts and plans moving up or down, in one
// customer text. Guards and dismissals are applied by the caller.
std::vector<RuleHit> FindRuleHits(const ScannedText& scan, const std::vector<SentenceCues>& cues) {
  std::vector<RuleHit> hits;
  for (size_t s = 0; s < cues.size(); ++s) {
    const SentenceCues& sentence_cues = cues[s];
    const SentenceCues* previous = s > 0 ? &cues[s - 1] : nullptr;
    const TextRange& sentence = scan.sentences()[s];
    int from = 0;
    int to = 0;
    size_t at = 0;
    const bool counts_seats = (sentence_cues.present & (Bit(kSeatWord) | Bit(kPersonWord))) != 0;
    if (counts_seats &&
        FromTo(scan, sentence, [&](size_t t) { return CountValue(scan, t); }, &from, &to, &at) &&
        from != to) {
      hits.push_back({to > from ? kSeats : kDowngrade, at});
    }
    auto tier_at = [&](size_t t) {
      for (const PhraseMatch& match : sentence_cues.matches) {
        if (match.first == t && TierRank(match.id) > 0) return TierRank(match.id);
      }
      return -1;
    };
    // A move from one plan to another says its direction; a plan named alone does not.
    const bool plan_move = FromTo(scan, sentence, tier_at, &from, &to, &at) && from != to;
    if (plan_move) hits.push_back({to > from ? kUpgrade : kDowngrade, at});
    for (const Rule& rule : Rules()) {
      if (plan_move && rule.action == kPlanInterest) continue;
      for (const PhraseMatch& action : sentence_cues.matches) {
        if (action.id != rule.action) continue;
        if (RuleMatches(scan, rule, action, sentence_cues, previous)) {
          hits.push_back({rule.kind, action.first});
          break;
        }
      }
    }
  }
  return hits;
}

// Whether unit `match` is the customer's own ("our team"), within a kOwnUnit match.
bool InsideOwnUnit(const std::vector<PhraseMatch>& matches, const PhraseMatch& unit) {
  for (const PhraseMatch& match : matches) {
    if (match.first > unit.first) break;
    if (match.id == kOwnUnit && match.last >= unit.last) return true;
  }
  return false;
}

// The cue matches of each sentence, plan names kept only where they look like names and
// units only where they are not the customer's own.
// Files `matches` (cue matches of whole sentences) under their sentences in `cues`.
void AddCues(const ScannedText& scan, const std::vector<PhraseMatch>& matches,
             std::vector<SentenceCues>& cues) {
  for (size_t i = 0; i < matches.size(); ++i) {
    const PhraseMatch& match = matches[i];
    if (TierRank(match.id) > 0) {
      bool before_plan_word = false;
      for (size_t j = i + 1; j < matches.size() && matches[j].first <= match.last; ++j) {
        before_plan_word |= matches[j].first == match.last && matches[j].id == kPlanWord;
      }
      if (!TierMention(scan, match, before_plan_word)) continue;
    }
    if (match.id == kUnit && InsideOwnUnit(matches, match)) continue;
    if (match.id == kCountMore) {
      const size_t count = scan.word(match.first) == "another" ? match.first + 1 : match.first;
      if (!IsCountAt(scan, count)) continue;
    }
    SentenceCues& sentence = cues[scan.SentenceOf(match.first)];
    sentence.matches.push_back(match);
    sentence.present |= Bit(match.id);
  }
}

// The cue classes whose presence lets a rule fire in a sentence or the next one: every
// rule's object classes, or its action and `with` classes where the objects are common words
// ("I'll", "too"). Most sentences hold none of them and are not scanned for cues at all.
const PhraseMatcher& Anchors() {
  static const auto* kAnchors = [] {
    const CueSet common = Bit(kIntent) | Bit(kOtherness);
    CueSet anchors = 0;
    for (const Rule& rule : Rules()) {
      const CueSet objects = rule.objects & ~common;
      anchors |= objects != 0 ? objects : Bit(rule.action) | rule.with;
    }
    auto* matcher = new PhraseMatcher();
    for (const CueClass& cue_class : CueClasses()) {
      if ((anchors & Bit(cue_class.cue)) == 0) continue;
      for (const char* phrase : cue_class.phrases) matcher->Add(phrase, cue_class.cue);
    }
    return matcher;
  }();
  return *kAnchors;
}

// Whether sentence `range` holds an amount of money ("$1,500"), an object of refunds.
bool HasCurrency(const ScannedText& scan, const TextRange& range) {
  const absl::string_view text = scan.text().substr(range.start, range.end - range.start);
  return ContainsCurrencySign(text);
}

// The cues of the sentences marked in `needed` (the others stay empty).
std::vector<SentenceCues> ScanCues(const ScannedText& scan, const std::vector<bool>& needed) {
  const std::vector<TextRange>& sentences = scan.sentences();
  std::vector<SentenceCues> cues(sentences.size());
  for (size_t run = 0; run < sentences.size();) {
    if (!needed[run]) {
      ++run;
      continue;
    }
    size_t run_end = run;
    while (run_end < sentences.size() && needed[run_end]) ++run_end;
    AddCues(scan, Cues().FindIn(scan, sentences[run].first, sentences[run_end - 1].last), cues);
    run = run_end;
  }
  return cues;
}

// Whether a built-in signal of `kind` in sentence `s` is vetoed: the sentence dismisses
// the topic, or it or the one before names another sense of the kind's words.
bool Vetoed(const std::vector<SentenceCues>& cues, size_t s, int kind) {
  if ((cues[s].present & Bit(kDismissal)) != 0) return true;
  const CueSet guard = Bit(GuardOf(kind));
  return (cues[s].present & guard) != 0 || (s > 0 && (cues[s - 1].present & guard) != 0);
}

}  // namespace

RelationshipSignalExtractor::~RelationshipSignalExtractor() = default;

int RelationshipSignalExtractor::KindIndex(const std::string& name, double weight) {
  for (size_t i = 0; i < kinds_.size(); ++i) {
    if (kinds_[i].name == name) return static_cast<int>(i);
  }
  kinds_.push_back({name, weight});
  return static_cast<int>(kinds_.size()) - 1;
}

absl::StatusOr<std::unique_ptr<RelationshipSignalExtractor>> RelationshipSignalExtractor::Create(
    const config::RelationshipSignalOptions& options) {
  std::unique_ptr<RelationshipSignalExtractor> extractor(new RelationshipSignalExtractor());
  auto add_phrase = [&](absl::string_view phrase, int kind) {
    if (extractor->phrases_.Add(phrase, static_cast<int>(extractor->phrase_kind_.size()))) {
      extractor->phrase_kind_.push_back(kind);
    }
  };
  for (const BuiltIn& built_in : BuiltIns()) {
    const int kind = extractor->KindIndex(built_in.kind, built_in.weight);
    for (const char* phrase : built_in.phrases) add_phrase(phrase, kind);
  }
  extractor->built_in_phrase_count_ = extractor->phrase_kind_.size();
  RE2::Options re_options;
  re_options.set_log_errors(false);
  for (size_t i = 0; i < options.signals.size(); ++i) {
    const config::SignalOptions& signal = options.signals[i];
    const int kind = extractor->KindIndex(signal.kind, signal.weight);
    // A configured weight for a built-in kind replaces the built-in one.
    extractor->kinds_[kind].weight = signal.weight;
    for (const std::string& phrase : signal.phrases) add_phrase(phrase, kind);
    for (const std::string& pattern : signal.patterns) {
      auto re = std::make_unique<RE2>(pattern, re_options);
      if (!re->ok()) {
        return absl::InvalidArgumentError(absl::StrCat("relationship_signals.signals[", i,
                                                       "].patterns: invalid RE2 pattern: ",
                                                       re->error()));
      }
      extractor->patterns_.push_back({std::move(re), kind});
    }
  }
  return extractor;
}

std::vector<core::Signal> RelationshipSignalExtractor::Extract(
    absl::Span<const ScannedSegment> segments) const {
  std::vector<core::Signal> signals;
  for (const ScannedSegment& scanned : segments) {
    const TextSegment& segment = scanned.segment;
    if (segment.role != core::AuthorRole::kCustomer) continue;
    const ScannedText& scan = scanned.scan;
    if (scan.size() == 0) continue;
    // Cues are scanned only where a signal can be: sentences with an anchor, the ones next
    // to them (objects and guards reach across one sentence), and those with phrase hits.
    const std::vector<PhraseMatch> phrase_hits = phrases_.FindLongest(scan);
    const size_t sentence_count = scan.sentences().size();
    std::vector<bool> needed(sentence_count, false);
    auto need = [&](size_t s) {
      if (s > 0) needed[s - 1] = true;
      needed[s] = true;
      if (s + 1 < sentence_count) needed[s + 1] = true;
    };
    for (const PhraseMatch& anchor : Anchors().FindAll(scan)) need(scan.SentenceOf(anchor.first));
    for (const PhraseMatch& hit : phrase_hits) need(scan.SentenceOf(hit.first));
    for (size_t s = 0; s < sentence_count; ++s) {
      if (!needed[s] && HasCurrency(scan, scan.sentences()[s])) need(s);
    }
    const std::vector<SentenceCues> cues = ScanCues(scan, needed);
    std::set<int> seen;
    struct Hit {
      size_t start;
      int kind;
      size_t token;
    };
    std::vector<Hit> hits;
    for (const PhraseMatch& match : phrase_hits) {
      if (!scan.IsNegatorAt(match.first) && scan.NegatedAt(match.first)) continue;
      const int kind = phrase_kind_[match.id];
      // Configured phrases apply as written; built-in ones yield to guards and dismissals.
      if (static_cast<size_t>(match.id) < built_in_phrase_count_ &&
          Vetoed(cues, scan.SentenceOf(match.first), kind)) {
        continue;
      }
      hits.push_back({scan.tokens()[match.first].start, kind, match.first});
    }
    for (const RuleHit& hit : FindRuleHits(scan, cues)) {
      if (Vetoed(cues, scan.SentenceOf(hit.token), hit.kind)) continue;
      hits.push_back({scan.tokens()[hit.token].start, hit.kind, hit.token});
    }
    const re2::StringPiece text(segment.text.data(), segment.text.size());
    for (const Pattern& pattern : patterns_) {
      re2::StringPiece found;
      if (!pattern.re->Match(text, 0, text.size(), RE2::UNANCHORED, &found, 1)) continue;
      const size_t start = found.data() - segment.text.data();
      // The token at or after the match start, for the sentence lookup.
      size_t token = 0;
      while (token + 1 < scan.size() && scan.tokens()[token].end <= start) ++token;
      if (scan.NegatedAt(token)) continue;
      hits.push_back({start, pattern.kind, token});
    }
    std::stable_sort(hits.begin(), hits.end(),
                     [](const Hit& a, const Hit& b) { return a.start < b.start; });
    // "Upgrading to the Enterprise tier" is an upgrade; the tier name adds nothing.
    std::set<size_t> upgrade_sentences;
    for (const Hit& hit : hits) {
      if (hit.kind == kUpgrade) upgrade_sentences.insert(scan.SentenceOf(hit.token));
    }
    for (const Hit& hit : hits) {
      if (hit.kind == kTierFeature && upgrade_sentences.count(scan.SentenceOf(hit.token)) > 0) {
        continue;
      }
      if (!seen.insert(hit.kind).second) continue;
      const TextRange& sentence = scan.sentences()[scan.SentenceOf(hit.token)];
      core::Signal signal;
      signal.kind = kinds_[hit.kind].name;
      signal.weight = kinds_[hit.kind].weight;
      signal.evidence = MakeEvidence(segment, sentence.start, sentence.end);
      signals.push_back(std::move(signal));
    }
  }
  return signals;
}

}  // namespace debrief::analysis
