#include "server/analysis/relationship_signals.h"

#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "server/analysis/ticket_text.h"

namespace debrief::analysis {
namespace {

struct BuiltIn {
  const char* kind;
  double weight;
  std::vector<const char*> phrases;
};

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
        "bigger plan", "larger plan", "move up to", "annual plan", "annual contract"}},
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
        "find an alternative", "take our business elsewhere"}},
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
        "cut our seats"}},
  };
  return *kBuiltIns;
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
    std::set<int> seen;
    struct Hit {
      size_t start;
      int kind;
      size_t token;
    };
    std::vector<Hit> hits;
    for (const PhraseMatch& match : phrases_.FindLongest(scan)) {
      if (!scan.IsNegatorAt(match.first) && scan.NegatedAt(match.first)) continue;
      hits.push_back({scan.tokens()[match.first].start, phrase_kind_[match.id], match.first});
    }
    const re2::StringPiece text(segment.text.data(), segment.text.size());
    for (const Pattern& pattern : patterns_) {
      re2::StringPiece found;
      if (!pattern.re->Match(text, 0, text.size(), RE2::UNANCHORED, &found, 1)) continue;
      const size_t start = found.data() - segment.text.data();
      // The token at or after the match start, for the sentence lookup.
      size_t token = 0;
      while (token + 1 < scan.size() && scan.tokens()[token].end <= start) ++token;
      if (scan.size() == 0 || scan.NegatedAt(token)) continue;
      hits.push_back({start, pattern.kind, token});
    }
    std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) { return a.start < b.start; });
    // "Upgrading to the Enterprise tier" is an upgrade; the tier name adds nothing.
    std::set<size_t> upgrade_sentences;
    for (const Hit& hit : hits) {
      if (kinds_[hit.kind].name == "expansion.upgrade") upgrade_sentences.insert(scan.SentenceOf(hit.token));
    }
    for (const Hit& hit : hits) {
      if (kinds_[hit.kind].name == "expansion.tier_feature" &&
          upgrade_sentences.count(scan.SentenceOf(hit.token)) > 0) {
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
