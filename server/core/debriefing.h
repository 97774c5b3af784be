// The debriefing as the server's modules see it: the core mirror of
// debrief.v1.Debriefing (proto/debrief/v1/debriefing.proto). analysis/ fills the facets,
// policy/ the escalation and relationship, routing/ the routed insights.
#ifndef DEBRIEF_SERVER_CORE_DEBRIEFING_H_
#define DEBRIEF_SERVER_CORE_DEBRIEFING_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace debrief::core {

// Message index used by evidence that points into the subject.
inline constexpr int kSubjectIndex = -1;

// A span of redacted text: [start, end) bytes of message `message_index` (or the subject).
struct Evidence {
  int message_index = 0;
  int start = 0;
  int end = 0;
  std::string quote;
};

// What produced a label. Values match debrief.v1.LabelSource.
enum class LabelSource { kUnspecified = 0, kModel = 1, kRule = 2 };

// A label of a configured label space with calibrated confidence.
struct Label {
  std::string value;
  double confidence = 0;
  LabelSource source = LabelSource::kUnspecified;
  std::vector<Evidence> evidence;
  std::string description;
};

// Values match debrief.v1.SentimentLabel.
enum class SentimentLabel { kUnspecified = 0, kNegative = 1, kNeutral = 2, kPositive = 3 };

struct MessageSentiment {
  int message_index = 0;
  // [-1, 1].
  double score = 0;
  SentimentLabel label = SentimentLabel::kUnspecified;
  double confidence = 0;
  std::vector<Evidence> evidence;
};

struct Sentiment {
  std::vector<MessageSentiment> messages;
  double start = 0;
  double end = 0;
  // end - start.
  double delta = 0;
  SentimentLabel label = SentimentLabel::kUnspecified;
  double confidence = 0;
};

// Values match debrief.v1.CompetitorContext.
enum class CompetitorContext {
  kUnspecified = 0,
  kSwitching = 1,
  kComparing = 2,
  kPricing = 3,
  kIntegration = 4,
  kPraise = 5,
  kMention = 6,
};

struct CompetitorMention {
  std::string competitor;
  std::string alias;
  CompetitorContext context = CompetitorContext::kUnspecified;
  double confidence = 0;
  Evidence evidence;
};

// Values match debrief.v1.FeedbackKind.
enum class FeedbackKind {
  kUnspecified = 0,
  kFeatureRequest = 1,
  kBug = 2,
  kUx = 3,
  kPricing = 4,
  kDocs = 5,
  kQuestion = 6,
};

struct ProductFeedback {
  FeedbackKind kind = FeedbackKind::kUnspecified;
  std::string product_area;
  double confidence = 0;
  Evidence evidence;
  std::string theme;
};

struct ErrorSignature {
  std::string fingerprint;
  std::string normalized;
  std::string verbatim;
  Evidence evidence;
  std::string kind;
  double confidence = 0;
};

// Values match debrief.v1.EscalationLevel; ordered by urgency.
enum class EscalationLevel { kUnspecified = 0, kNone = 1, kMonitor = 2, kEscalate = 3, kUrgent = 4 };

// Values match debrief.v1.Team.
enum class Team {
  kUnspecified = 0,
  kSuccess = 1,
  kProduct = 2,
  kSales = 3,
  kEngineering = 4,
  kSupport = 5,
};

// Lowercase names ("escalate", "success") as used in config; nullopt when unknown.
absl::string_view EscalationLevelName(EscalationLevel level);
std::optional<EscalationLevel> EscalationLevelFromName(absl::string_view name);
absl::string_view TeamName(Team team);
std::optional<Team> TeamFromName(absl::string_view name);
absl::string_view CompetitorContextName(CompetitorContext context);
absl::string_view FeedbackKindName(FeedbackKind kind);
absl::string_view SentimentLabelName(SentimentLabel label);

struct EscalationReason {
  std::string rule;
  std::string text;
  std::vector<Evidence> evidence;
  EscalationLevel level = EscalationLevel::kUnspecified;
  Team target = Team::kUnspecified;
};

struct Escalation {
  EscalationLevel level = EscalationLevel::kNone;
  Team target = Team::kUnspecified;
  std::optional<absl::Time> due_by;
  // Highest level first.
  std::vector<EscalationReason> reasons;
};

// An expansion or churn signal ("expansion.seats", "churn.cancel", ...).
struct Signal {
  std::string kind;
  double weight = 0;
  Evidence evidence;
};

struct ScoreReason {
  std::string ticket_id;
  std::string signal;
  int points = 0;
  std::string text;
};

struct Relationship {
  int renewal_risk = 0;
  int renewal_risk_delta = 0;
  int expansion_score = 0;
  int expansion_delta = 0;
  std::vector<Signal> signals;
  std::vector<std::string> reasons;
  int repeat_contacts = 0;
  std::vector<ScoreReason> risk_reasons;
  std::vector<ScoreReason> expansion_reasons;
};

struct RoutedInsight {
  std::string insight_id;
  std::string kind;
  Team audience = Team::kUnspecified;
  std::string destination;
};

// Everything concluded about one ticket. Value type; thread-compatible.
struct Debriefing {
  std::string decision_id;
  std::vector<Label> suggested_tags;
  std::optional<Label> fix_category;
  std::optional<Label> root_cause;
  Sentiment sentiment;
  std::vector<CompetitorMention> competitors;
  std::vector<ProductFeedback> product_feedback;
  std::vector<ErrorSignature> errors;
  Escalation escalation;
  Relationship relationship;
  std::vector<RoutedInsight> routed;
  bool replayed = false;
  std::string model_version;
  std::optional<absl::Time> decided_at;
  std::vector<std::string> unknown_helpdesk_tags;
};

}  // namespace debrief::core

#endif  // DEBRIEF_SERVER_CORE_DEBRIEFING_H_
