#include "server/routing/close_insights.h"

#include <set>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "nlohmann/json.hpp"

namespace debrief::routing {
namespace {

using nlohmann::json;

json ScoreReasons(const std::vector<core::ScoreReason>& reasons) {
  json out = json::array();
  for (const core::ScoreReason& r : reasons) {
    out.push_back({{"ticket_id", r.ticket_id}, {"signal", r.signal}, {"points", r.points}, {"text", r.text}});
  }
  return out;
}

class Builder {
 public:
  Builder(absl::string_view close_key, const core::Ticket& ticket, const core::Debriefing& debriefing)
      : close_key_(close_key), ticket_(ticket), debriefing_(debriefing) {}

  void Add(absl::string_view kind, absl::string_view subject, core::Team audience, json body) {
    core::Insight insight;
    insight.insight_id = core::InsightId(close_key_, kind, subject);
    insight.kind = std::string(kind);
    insight.audience = audience;
    insight.account_id = ticket_.account.id;
    insight.ticket_id = ticket_.ticket_id;
    insight.decision_id = debriefing_.decision_id;
    insight.created_at = debriefing_.decided_at.value_or(absl::UnixEpoch());
    body["account"] = {{"id", ticket_.account.id},
                       {"name", ticket_.account.name},
                       {"segment", ticket_.account.segment},
                       {"plan", ticket_.account.plan}};
    body["ticket"] = {{"source", core::SourceName(ticket_.source)},
                      {"id", ticket_.ticket_id},
                      {"number", ticket_.ticket_number}};
    insight.body_json = body.dump();
    insights_.push_back(std::move(insight));
  }

  std::vector<core::Insight> Take() { return std::move(insights_); }

 private:
  absl::string_view close_key_;
  const core::Ticket& ticket_;
  const core::Debriefing& debriefing_;
  std::vector<core::Insight> insights_;
};

}  // namespace

std::vector<core::Insight> InsightsOfClose(absl::string_view close_key, const core::Ticket& prepared,
                                           const core::Debriefing& d) {
  Builder out(close_key, prepared, d);
  if (d.escalation.level >= core::EscalationLevel::kEscalate) {
    json reasons = json::array();
    for (const core::EscalationReason& r : d.escalation.reasons) {
      reasons.push_back({{"rule", r.rule},
                         {"text", r.text},
                         {"level", core::EscalationLevelName(r.level)},
                         {"target", core::TeamName(r.target)}});
    }
    json body = {{"level", core::EscalationLevelName(d.escalation.level)},
                 {"target", core::TeamName(d.escalation.target)},
                 {"reasons", reasons}};
    if (d.escalation.due_by.has_value()) body["due_by"] = absl::FormatTime(*d.escalation.due_by, absl::UTCTimeZone());
    const core::Team audience =
        d.escalation.target == core::Team::kUnspecified ? core::Team::kSuccess : d.escalation.target;
    out.Add(core::kEscalationRecommended, "", audience, std::move(body));
  }
  const core::Relationship& rel = d.relationship;
  if (rel.renewal_risk_delta != 0) {
    out.Add(core::kRenewalRiskChanged, "", core::Team::kSuccess,
            {{"renewal_risk", rel.renewal_risk},
             {"delta", rel.renewal_risk_delta},
             {"reasons", ScoreReasons(rel.risk_reasons)}});
  }
  json expansion_signals = json::array();
  for (const core::Signal& s : rel.signals) {
    if (absl::StartsWith(s.kind, "expansion.")) {
      expansion_signals.push_back({{"kind", s.kind}, {"weight", s.weight}, {"quote", s.evidence.quote}});
    }
  }
  if (rel.expansion_delta > 0 || !expansion_signals.empty()) {
    out.Add(core::kExpansionSignal, "", core::Team::kSales,
            {{"expansion_score", rel.expansion_score},
             {"delta", rel.expansion_delta},
             {"signals", expansion_signals},
             {"reasons", ScoreReasons(rel.expansion_reasons)}});
  }
  if (d.sentiment.delta >= kConfidenceChangeThreshold || d.sentiment.delta <= -kConfidenceChangeThreshold) {
    out.Add(core::kConfidenceChanged, "", core::Team::kSuccess,
            {{"start", d.sentiment.start},
             {"end", d.sentiment.end},
             {"delta", d.sentiment.delta},
             {"direction", d.sentiment.delta > 0 ? "up" : "down"},
             {"reasons", rel.reasons}});
  }
  std::set<std::string> seen;
  for (const core::CompetitorMention& m : d.competitors) {
    const std::string name = absl::AsciiStrToLower(m.competitor);
    if (!seen.insert("c|" + name).second) continue;
    out.Add(core::kCompetitorMentioned, name, core::Team::kSales,
            {{"competitor", m.competitor},
             {"context", core::CompetitorContextName(m.context)},
             {"confidence", m.confidence},
             {"quote", m.evidence.quote}});
  }
  for (const core::ProductFeedback& f : d.product_feedback) {
    if (f.kind != core::FeedbackKind::kFeatureRequest) continue;
    const std::string theme = f.theme.empty() ? f.product_area : f.theme;
    if (!seen.insert("f|" + theme).second) continue;
    out.Add(core::kFeatureRequested, theme, core::Team::kProduct,
            {{"theme", theme},
             {"product_area", f.product_area},
             {"confidence", f.confidence},
             {"quote", f.evidence.quote}});
  }
  for (const core::ErrorSignature& e : d.errors) {
    if (!seen.insert("e|" + e.fingerprint).second) continue;
    out.Add(core::kErrorReported, e.fingerprint, core::Team::kEngineering,
            {{"fingerprint", e.fingerprint},
             {"kind", e.kind},
             {"normalized", e.normalized},
             {"confidence", e.confidence}});
  }
  return out.Take();
}

}  // namespace debrief::routing
