#include "server/policy/facts.h"

#include <cmath>

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace debrief::policy {

const std::vector<FactSpec>& FactCatalog() {
  static const auto* catalog = new std::vector<FactSpec>{
      // The ticket.
      {"ticket.source", FactType::kWord, "helpdesk: zendesk, freshdesk, generic...", {}},
      {"ticket.priority", FactType::kNumber, "priority", {"low", "normal", "high", "urgent"}},
      {"ticket.channel", FactType::kWord, "channel: email, chat, web, phone...", {}},
      {"ticket.group", FactType::kWord, "group or team that owned it", {}},
      {"ticket.status", FactType::kWord, "helpdesk status at close", {}},
      {"ticket.tags", FactType::kList, "the helpdesk's tags at close", {}},
      {"ticket.messages", FactType::kNumber, "number of messages", {}},
      {"ticket.customer_messages", FactType::kNumber, "number of customer messages", {}},
      {"ticket.age_hours", FactType::kNumber, "hours from creation to close", {}},
      {"ticket.satisfaction", FactType::kNumber, "satisfaction score 0..1 (absent if unrated)", {}},
      {"ticket.partial", FactType::kBool, "conversation could not be fetched in full", {}},
      {"text.customer", FactType::kText, "every customer message", {}},
      {"text.all", FactType::kText, "subject and every message", {}},
      // What analysis concluded.
      {"tags", FactType::kList, "suggested taxonomy tags", {}},
      {"fix_category", FactType::kWord, "fix category label", {}},
      {"root_cause", FactType::kWord, "root cause label", {}},
      {"sentiment.start", FactType::kNumber, "customer sentiment at the start, -1..1", {}},
      {"sentiment.end", FactType::kNumber, "customer sentiment at the end, -1..1", {}},
      {"sentiment.delta", FactType::kNumber, "end - start: the confidence change", {}},
      {"sentiment.label", FactType::kWord, "overall sentiment: negative, neutral, positive", {}},
      {"competitors", FactType::kList, "competitors mentioned", {}},
      {"competitor.contexts", FactType::kList,
       "contexts of competitor mentions: switching, comparing, pricing, integration, praise", {}},
      {"feedback.kinds", FactType::kList,
       "product feedback kinds: feature_request, bug, ux, pricing, docs, question", {}},
      {"errors.count", FactType::kNumber, "error signatures found", {}},
      {"errors.fingerprints", FactType::kList, "error signature fingerprints", {}},
      {"signals", FactType::kList, "relationship signals: churn.cancel, expansion.seats...", {}},
      // The account.
      {"account.id", FactType::kWord, "account id", {}},
      {"account.name", FactType::kWord, "account name", {}},
      {"account.plan", FactType::kWord, "plan or tier", {}},
      {"account.segment", FactType::kWord, "segment", {}},
      {"account.arr", FactType::kNumber, "annual recurring revenue in major units", {}},
      {"account.days_to_renewal", FactType::kNumber,
       "days from close to the renewal date (absent when unknown)", {}},
      // The account's state from account memory, this close included (absent when the
      // ticket names no account). "window" is accounts.trend_window (default 30d).
      {"account.tickets", FactType::kNumber, "distinct tickets closed in the window", {}},
      {"account.tickets_total", FactType::kNumber, "closes on record for the account", {}},
      {"account.repeat_contacts", FactType::kNumber,
       "closes in the window that came back about an earlier close's root cause or error", {}},
      {"account.same_issue_contacts", FactType::kNumber,
       "contacts within accounts.repeat_window about this ticket's root cause or error "
       "fingerprint, this one included (3 = the third contact)", {}},
      {"account.same_error_contacts", FactType::kNumber,
       "contacts within accounts.repeat_window about one of this ticket's error "
       "fingerprints, this one included (absent when the ticket has no error)", {}},
      {"account.sentiment_mean", FactType::kNumber,
       "mean end sentiment of the window's closes, -1..1 (absent when none measured)", {}},
      {"account.sentiment_trend", FactType::kNumber,
       "mean end sentiment of the window minus that of the window before it", {}},
      {"account.confidence_change", FactType::kNumber,
       "sum of the window's sentiment deltas: the account's confidence change", {}},
      {"account.open_escalations", FactType::kNumber,
       "escalate/urgent recommendations in the window before this close", {}},
      {"account.competitor_mentions", FactType::kNumber, "competitor mentions in the window", {}},
      {"account.competitors", FactType::kList, "competitors mentioned in the window", {}},
      {"account.switching_mentions", FactType::kNumber,
       "competitor mentions with switching intent in the window", {}},
      {"account.feature_requests", FactType::kNumber, "feature requests in the window", {}},
      {"account.expansion_signals", FactType::kNumber, "expansion signals in the window", {}},
      {"account.churn_signals", FactType::kNumber, "churn signals in the window", {}},
      {"account.renewal_risk", FactType::kNumber, "renewal risk 0..100 after this close", {}},
      {"account.renewal_risk_delta", FactType::kNumber, "renewal-risk change this close caused", {}},
      {"account.expansion_score", FactType::kNumber, "expansion score 0..100 after this close", {}},
      {"account.expansion_delta", FactType::kNumber, "expansion-score change this close caused", {}},
      // Across accounts.
      {"errors.accounts", FactType::kNumber,
       "most accounts (this one included) that reported one of this ticket's error "
       "fingerprints within accounts.error_spread_window", {}},
  };
  return *catalog;
}

const FactSpec* FindFact(absl::string_view name) {
  for (const FactSpec& spec : FactCatalog()) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

void Facts::SetNumber(std::string name, double value, std::vector<core::Evidence> evidence) {
  FactValue& fact = values_[std::move(name)];
  fact.number = value;
  fact.evidence = std::move(evidence);
}

void Facts::SetWord(std::string name, std::string value) {
  values_[std::move(name)].word = std::move(value);
}

void Facts::SetList(std::string name, std::vector<std::string> items,
                    std::map<std::string, std::vector<core::Evidence>> item_evidence) {
  FactValue& fact = values_[std::move(name)];
  fact.items = std::move(items);
  fact.item_evidence = std::move(item_evidence);
}

void Facts::SetText(std::string name, std::vector<TextPart> parts) {
  values_[std::move(name)].text = std::move(parts);
}

void Facts::SetBool(std::string name, bool value) { values_[std::move(name)].boolean = value; }

const FactValue* Facts::Get(absl::string_view name) const {
  auto it = values_.find(name);
  return it == values_.end() ? nullptr : &it->second;
}

std::string Facts::Display(absl::string_view name) const {
  const FactValue* value = Get(name);
  const FactSpec* spec = FindFact(name);
  if (value == nullptr || spec == nullptr) return "";
  switch (spec->type) {
    case FactType::kNumber: {
      const double number = value->number;
      const int ordinal = static_cast<int>(number);
      if (!spec->levels.empty() && ordinal >= 1 && ordinal <= static_cast<int>(spec->levels.size())) {
        return spec->levels[ordinal - 1];
      }
      if (number == std::floor(number) && std::fabs(number) < 1e15) {
        return absl::StrFormat("%.0f", number);
      }
      return absl::StrFormat("%.2f", number);
    }
    case FactType::kWord: return value->word;
    case FactType::kList: return absl::StrJoin(value->items, ", ");
    case FactType::kText: return "";
    case FactType::kBool: return value->boolean ? "true" : "false";
  }
  return "";
}

}  // namespace debrief::policy
