#include "server/policy/decision_facts.h"

#include <set>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/time/civil_time.h"

namespace debrief::policy {
namespace {

std::vector<std::string> Unique(std::vector<std::string> items) {
  std::set<std::string> seen;
  std::vector<std::string> out;
  for (std::string& item : items) {
    if (seen.insert(item).second) out.push_back(std::move(item));
  }
  return out;
}

}  // namespace

Facts BuildDecisionFacts(const core::Ticket& ticket, const core::Debriefing& debriefing,
                         absl::Time now) {
  Facts facts;
  facts.SetWord("ticket.source", std::string(core::SourceName(ticket.source)));
  if (ticket.priority != core::Priority::kUnspecified) {
    facts.SetNumber("ticket.priority", static_cast<double>(ticket.priority));
  }
  if (!ticket.channel.empty()) facts.SetWord("ticket.channel", ticket.channel);
  if (!ticket.group.empty()) facts.SetWord("ticket.group", ticket.group);
  if (!ticket.status.empty()) facts.SetWord("ticket.status", ticket.status);
  facts.SetList("ticket.tags", ticket.tags);
  facts.SetNumber("ticket.messages", static_cast<double>(ticket.messages.size()));
  int customer_messages = 0;
  std::vector<TextPart> customer_text;
  std::vector<TextPart> all_text;
  if (!ticket.subject.empty()) all_text.push_back({core::kSubjectIndex, ticket.subject});
  for (size_t i = 0; i < ticket.messages.size(); ++i) {
    const core::Message& message = ticket.messages[i];
    all_text.push_back({static_cast<int>(i), message.body_text});
    if (message.author_role == core::AuthorRole::kCustomer) {
      ++customer_messages;
      customer_text.push_back({static_cast<int>(i), message.body_text});
    }
  }
  facts.SetNumber("ticket.customer_messages", customer_messages);
  facts.SetText("text.customer", std::move(customer_text));
  facts.SetText("text.all", std::move(all_text));
  if (ticket.created_at.has_value() && ticket.closed_at.has_value()) {
    facts.SetNumber("ticket.age_hours",
                    absl::ToDoubleHours(*ticket.closed_at - *ticket.created_at));
  }
  if (ticket.satisfaction.has_value()) {
    facts.SetNumber("ticket.satisfaction", ticket.satisfaction->score);
  }
  facts.SetBool("ticket.partial", ticket.partial);

  std::vector<std::string> tags;
  std::map<std::string, std::vector<core::Evidence>> tag_evidence;
  for (const core::Label& label : debriefing.suggested_tags) {
    tags.push_back(label.value);
    tag_evidence[label.value] = label.evidence;
  }
  facts.SetList("tags", std::move(tags), std::move(tag_evidence));
  if (debriefing.fix_category.has_value()) {
    facts.SetWord("fix_category", debriefing.fix_category->value);
  }
  if (debriefing.root_cause.has_value()) facts.SetWord("root_cause", debriefing.root_cause->value);

  const core::Sentiment& sentiment = debriefing.sentiment;
  if (!sentiment.messages.empty()) {
    facts.SetNumber("sentiment.start", sentiment.start);
    facts.SetNumber("sentiment.end", sentiment.end, sentiment.messages.back().evidence);
    facts.SetNumber("sentiment.delta", sentiment.delta);
    facts.SetWord("sentiment.label", std::string(core::SentimentLabelName(sentiment.label)));
  }
  std::vector<std::string> competitors;
  std::vector<std::string> contexts;
  std::map<std::string, std::vector<core::Evidence>> competitor_evidence;
  std::map<std::string, std::vector<core::Evidence>> context_evidence;
  for (const core::CompetitorMention& mention : debriefing.competitors) {
    competitors.push_back(mention.competitor);
    competitor_evidence[mention.competitor].push_back(mention.evidence);
    const std::string context(core::CompetitorContextName(mention.context));
    contexts.push_back(context);
    context_evidence[context].push_back(mention.evidence);
  }
  facts.SetList("competitors", Unique(std::move(competitors)), std::move(competitor_evidence));
  facts.SetList("competitor.contexts", Unique(std::move(contexts)), std::move(context_evidence));
  std::vector<std::string> kinds;
  std::map<std::string, std::vector<core::Evidence>> kind_evidence;
  for (const core::ProductFeedback& feedback : debriefing.product_feedback) {
    const std::string kind(core::FeedbackKindName(feedback.kind));
    kinds.push_back(kind);
    kind_evidence[kind].push_back(feedback.evidence);
  }
  facts.SetList("feedback.kinds", Unique(std::move(kinds)), std::move(kind_evidence));
  std::vector<core::Evidence> error_evidence;
  std::vector<std::string> fingerprints;
  std::map<std::string, std::vector<core::Evidence>> fingerprint_evidence;
  for (const core::ErrorSignature& error : debriefing.errors) {
    error_evidence.push_back(error.evidence);
    fingerprints.push_back(error.fingerprint);
    fingerprint_evidence[error.fingerprint].push_back(error.evidence);
  }
  facts.SetNumber("errors.count", static_cast<double>(debriefing.errors.size()),
                  std::move(error_evidence));
  facts.SetList("errors.fingerprints", Unique(std::move(fingerprints)),
                std::move(fingerprint_evidence));
  std::vector<std::string> signals;
  std::map<std::string, std::vector<core::Evidence>> signal_evidence;
  for (const core::Signal& signal : debriefing.relationship.signals) {
    signals.push_back(signal.kind);
    signal_evidence[signal.kind].push_back(signal.evidence);
  }
  facts.SetList("signals", Unique(std::move(signals)), std::move(signal_evidence));

  const core::Account& account = ticket.account;
  if (!account.id.empty()) facts.SetWord("account.id", account.id);
  if (!account.name.empty()) facts.SetWord("account.name", account.name);
  if (!account.plan.empty()) facts.SetWord("account.plan", account.plan);
  if (!account.segment.empty()) facts.SetWord("account.segment", account.segment);
  if (!account.id.empty() || account.arr_cents != 0) {
    facts.SetNumber("account.arr", static_cast<double>(account.arr_cents) / 100.0);
  }
  absl::CivilDay renewal;
  if (!account.renewal_date.empty() && absl::ParseCivilTime(account.renewal_date, &renewal)) {
    const absl::CivilDay today = absl::ToCivilDay(now, absl::UTCTimeZone());
    facts.SetNumber("account.days_to_renewal", static_cast<double>(renewal - today));
  }
  return facts;
}

}  // namespace debrief::policy
