#include "server/core/json_codec.h"

#include <optional>

#include "absl/strings/str_cat.h"

namespace nlohmann {

// absl::Time as integer Unix microseconds.
template <>
struct adl_serializer<absl::Time> {
  static void to_json(json& j, const absl::Time& t) { j = absl::ToUnixMicros(t); }
  static void from_json(const json& j, absl::Time& t) {
    t = absl::FromUnixMicros(j.get<int64_t>());
  }
};

// std::optional<T> as the value or null.
template <typename T>
struct adl_serializer<std::optional<T>> {
  static void to_json(json& j, const std::optional<T>& value) {
    if (value.has_value()) {
      j = *value;
    } else {
      j = nullptr;
    }
  }
  static void from_json(const json& j, std::optional<T>& value) {
    if (j.is_null()) {
      value.reset();
    } else {
      value = j.get<T>();
    }
  }
};

}  // namespace nlohmann

namespace debrief::core {

// Sources and priorities are written by their names in ticket.h; a name this build does
// not know reads as unspecified (as nlohmann's enum tables do for the other enums).
inline void to_json(nlohmann::json& j, Source source) { j = std::string(SourceName(source)); }
inline void from_json(const nlohmann::json& j, Source& source) {
  source = j.is_string() ? SourceFromName(j.get<std::string>()).value_or(Source::kUnspecified)
                         : Source::kUnspecified;
}
inline void to_json(nlohmann::json& j, Priority priority) { j = std::string(PriorityName(priority)); }
inline void from_json(const nlohmann::json& j, Priority& priority) {
  priority = j.is_string() ? PriorityFromName(j.get<std::string>()).value_or(Priority::kUnspecified)
                           : Priority::kUnspecified;
}
NLOHMANN_JSON_SERIALIZE_ENUM(AuthorRole, {{AuthorRole::kUnspecified, "unspecified"},
                                          {AuthorRole::kCustomer, "customer"},
                                          {AuthorRole::kAgent, "agent"},
                                          {AuthorRole::kBot, "bot"},
                                          {AuthorRole::kSystem, "system"}})
NLOHMANN_JSON_SERIALIZE_ENUM(LabelSource, {{LabelSource::kUnspecified, "unspecified"},
                                           {LabelSource::kModel, "model"},
                                           {LabelSource::kRule, "rule"}})
NLOHMANN_JSON_SERIALIZE_ENUM(SentimentLabel, {{SentimentLabel::kUnspecified, "unspecified"},
                                              {SentimentLabel::kNegative, "negative"},
                                              {SentimentLabel::kNeutral, "neutral"},
                                              {SentimentLabel::kPositive, "positive"}})
NLOHMANN_JSON_SERIALIZE_ENUM(CompetitorContext,
                             {{CompetitorContext::kUnspecified, "unspecified"},
                              {CompetitorContext::kSwitching, "switching"},
                              {CompetitorContext::kComparing, "comparing"},
                              {CompetitorContext::kPricing, "pricing"},
                              {CompetitorContext::kIntegration, "integration"},
                              {CompetitorContext::kPraise, "praise"},
                              {CompetitorContext::kMention, "mention"}})
NLOHMANN_JSON_SERIALIZE_ENUM(FeedbackKind, {{FeedbackKind::kUnspecified, "unspecified"},
                                            {FeedbackKind::kFeatureRequest, "feature_request"},
                                            {FeedbackKind::kBug, "bug"},
                                            {FeedbackKind::kUx, "ux"},
                                            {FeedbackKind::kPricing, "pricing"},
                                            {FeedbackKind::kDocs, "docs"},
                                            {FeedbackKind::kQuestion, "question"}})
NLOHMANN_JSON_SERIALIZE_ENUM(EscalationLevel, {{EscalationLevel::kUnspecified, "unspecified"},
                                               {EscalationLevel::kNone, "none"},
                                               {EscalationLevel::kMonitor, "monitor"},
                                               {EscalationLevel::kEscalate, "escalate"},
                                               {EscalationLevel::kUrgent, "urgent"}})
NLOHMANN_JSON_SERIALIZE_ENUM(Team, {{Team::kUnspecified, "unspecified"},
                                    {Team::kSuccess, "success"},
                                    {Team::kProduct, "product"},
                                    {Team::kSales, "sales"},
                                    {Team::kEngineering, "engineering"},
                                    {Team::kSupport, "support"}})

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Message, author_role, author_id, body_text,
                                                body_html, is_public, created_at)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Party, id, email, name, external_id)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Account, id, name, plan, arr_cents, currency,
                                                renewal_date, segment)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Satisfaction, score, raw, comment)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Ticket, source, source_tenant, ticket_id,
                                                delivery_id, subject, messages, requester, account,
                                                tags, priority, status, assignee, group, channel,
                                                custom_fields, satisfaction, created_at, closed_at,
                                                url, ticket_number, partial)

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Evidence, message_index, start, end, quote)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Label, value, confidence, source, evidence,
                                                description)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(MessageSentiment, message_index, score, label,
                                                confidence, evidence)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Sentiment, messages, start, end, delta, label,
                                                confidence)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(CompetitorMention, competitor, alias, context,
                                                confidence, evidence)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ProductFeedback, kind, product_area, confidence,
                                                evidence, theme)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ErrorSignature, fingerprint, normalized, verbatim,
                                                evidence, kind, confidence)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(EscalationReason, rule, text, evidence, level,
                                                target)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Escalation, level, target, due_by, reasons)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Signal, kind, weight, evidence)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ScoreReason, ticket_id, signal, points, text)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Relationship, renewal_risk, renewal_risk_delta,
                                                expansion_score, expansion_delta, signals, reasons,
                                                repeat_contacts, risk_reasons, expansion_reasons)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(RoutedInsight, insight_id, kind, audience,
                                                destination)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Debriefing, decision_id, suggested_tags,
                                                fix_category, root_cause, sentiment, competitors,
                                                product_feedback, errors, escalation, relationship,
                                                routed, replayed, model_version, decided_at,
                                                unknown_helpdesk_tags)

namespace {

template <typename T>
absl::StatusOr<T> Decode(absl::string_view text, absl::string_view what) {
  nlohmann::json json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) {
    return absl::InvalidArgumentError(absl::StrCat(what, ": not valid JSON"));
  }
  try {
    return json.get<T>();
  } catch (const nlohmann::json::exception& e) {
    return absl::InvalidArgumentError(absl::StrCat(what, ": ", e.what()));
  }
}

}  // namespace

nlohmann::json TicketToJson(const Ticket& ticket) { return ticket; }
nlohmann::json DebriefingToJson(const Debriefing& debriefing) { return debriefing; }
nlohmann::json EvidenceToJson(const Evidence& evidence) { return evidence; }

absl::StatusOr<Ticket> TicketFromJson(absl::string_view text) {
  return Decode<Ticket>(text, "ticket record");
}

absl::StatusOr<Debriefing> DebriefingFromJson(absl::string_view text) {
  return Decode<Debriefing>(text, "debriefing record");
}

}  // namespace debrief::core
