// The human-readable gist of an insight, shared by the destinations that show insights to
// people (Slack, Jira, HubSpot, Salesforce): a title from the kind, who it is about, and the
// key facts of its redacted body, in plain text (each destination escapes for its format).
//
//   InsightSummary s = SummarizeInsight(insight);
//   // s.title "Renewal risk changed", s.subject "Acme Corp (acme) · zendesk ticket 9001",
//   // s.facts {"Renewal risk: 40 → 60 (+20)", "Reasons: 3 open escalations"}
#ifndef DEBRIEF_SERVER_ROUTING_INSIGHT_SUMMARY_H_
#define DEBRIEF_SERVER_ROUTING_INSIGHT_SUMMARY_H_

#include <string>
#include <vector>

#include "server/core/insight.h"

namespace debrief::routing {

struct InsightSummary {
  // The kind as words ("Competitor mentioned").
  std::string title;
  // The account and ticket ("Acme Corp (acme) · zendesk ticket 9001"); empty when neither.
  std::string subject;
  // One line per key fact of the body.
  std::vector<std::string> facts;
};

// Pure. A body that is not a JSON object gives no facts.
InsightSummary SummarizeInsight(const core::Insight& insight);

// `summary` as lines: subject, then the facts (no title).
std::string SummaryText(const InsightSummary& summary);

}  // namespace debrief::routing

#endif  // DEBRIEF_SERVER_ROUTING_INSIGHT_SUMMARY_H_
