#include "server/core/debriefing.h"

#include <array>
#include <utility>

namespace debrief::core {
namespace {

constexpr std::array<std::pair<EscalationLevel, absl::string_view>, 4> kLevelNames = {{
    {EscalationLevel::kNone, "none"},
    {EscalationLevel::kMonitor, "monitor"},
    {EscalationLevel::kEscalate, "escalate"},
    {EscalationLevel::kUrgent, "urgent"},
}};

constexpr std::array<std::pair<Team, absl::string_view>, 5> kTeamNames = {{
    {Team::kSuccess, "success"},
    {Team::kProduct, "product"},
    {Team::kSales, "sales"},
    {Team::kEngineering, "engineering"},
    {Team::kSupport, "support"},
}};

}  // namespace

absl::string_view EscalationLevelName(EscalationLevel level) {
  for (const auto& [value, name] : kLevelNames) {
    if (value == level) return name;
  }
  return "unspecified";
}

std::optional<EscalationLevel> EscalationLevelFromName(absl::string_view name) {
  for (const auto& [value, known] : kLevelNames) {
    if (known == name) return value;
  }
  return std::nullopt;
}

absl::string_view TeamName(Team team) {
  for (const auto& [value, name] : kTeamNames) {
    if (value == team) return name;
  }
  return "unspecified";
}

std::optional<Team> TeamFromName(absl::string_view name) {
  for (const auto& [value, known] : kTeamNames) {
    if (known == name) return value;
  }
  return std::nullopt;
}

absl::string_view CompetitorContextName(CompetitorContext context) {
  switch (context) {
    case CompetitorContext::kSwitching: return "switching";
    case CompetitorContext::kComparing: return "comparing";
    case CompetitorContext::kPricing: return "pricing";
    case CompetitorContext::kIntegration: return "integration";
    case CompetitorContext::kPraise: return "praise";
    case CompetitorContext::kMention: return "mention";
    case CompetitorContext::kUnspecified: break;
  }
  return "unspecified";
}

absl::string_view FeedbackKindName(FeedbackKind kind) {
  switch (kind) {
    case FeedbackKind::kFeatureRequest: return "feature_request";
    case FeedbackKind::kBug: return "bug";
    case FeedbackKind::kUx: return "ux";
    case FeedbackKind::kPricing: return "pricing";
    case FeedbackKind::kDocs: return "docs";
    case FeedbackKind::kQuestion: return "question";
    case FeedbackKind::kUnspecified: break;
  }
  return "unspecified";
}

absl::string_view SentimentLabelName(SentimentLabel label) {
  switch (label) {
    case SentimentLabel::kNegative: return "negative";
    case SentimentLabel::kNeutral: return "neutral";
    case SentimentLabel::kPositive: return "positive";
    case SentimentLabel::kUnspecified: break;
  }
  return "unspecified";
}

}  // namespace debrief::core
