#include "server/routing/route_table.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"
#include "server/routing/close_insights.h"

namespace debrief::routing {
namespace {

bool Intersects(const std::set<std::string>& wanted, const std::vector<std::string>& have) {
  return std::any_of(have.begin(), have.end(), [&](const std::string& v) { return wanted.count(v) > 0; });
}

std::string ExtraFields(const std::vector<std::string>& fields, const core::Ticket& raw) {
  nlohmann::json extra = nlohmann::json::object();
  for (const std::string& field : fields) {
    if (field == "ticket_url") extra[field] = raw.url;
    if (field == "subject") extra[field] = raw.subject;
    if (field == "requester_email") extra[field] = raw.requester.email;
    if (field == "assignee_email") extra[field] = raw.assignee.email;
  }
  return extra.dump();
}

}  // namespace

absl::StatusOr<std::unique_ptr<RouteTable>> RouteTable::Create(const config::RoutingOptions& options) {
  std::vector<Route> routes;
  for (size_t i = 0; i < options.routes.size(); ++i) {
    const config::RouteOptions& in = options.routes[i];
    const std::string path = absl::StrCat("routes[", i, "]");
    Route route;
    route.name = in.name;
    if (!in.audience.empty()) {
      route.audience = core::TeamFromName(in.audience);
      if (!route.audience.has_value()) {
        return absl::InvalidArgumentError(absl::StrCat(path, ".audience: unknown team \"", in.audience, "\""));
      }
    }
    for (const std::string& kind : in.kinds) {
      if (!core::IsInsightKind(kind)) {
        return absl::InvalidArgumentError(absl::StrCat(path, ".kinds: unknown insight kind \"", kind, "\""));
      }
      route.kinds.insert(kind);
    }
    if (!in.filters.min_level.empty()) {
      route.min_level = core::EscalationLevelFromName(in.filters.min_level);
      if (!route.min_level.has_value()) {
        return absl::InvalidArgumentError(
            absl::StrCat(path, ".filters.min_level: unknown level \"", in.filters.min_level, "\""));
      }
    }
    route.segments.insert(in.filters.segments.begin(), in.filters.segments.end());
    route.min_arr_cents = in.filters.min_arr * 100;
    route.tags.insert(in.filters.tags.begin(), in.filters.tags.end());
    for (const std::string& c : in.filters.competitors) route.competitors.insert(absl::AsciiStrToLower(c));
    route.destination = in.destination;
    route.extra_fields = in.extra_fields;
    routes.push_back(std::move(route));
  }
  return std::unique_ptr<RouteTable>(new RouteTable(std::move(routes)));
}

core::PlannedInsights RouteTable::Plan(absl::string_view close_key, const core::Ticket& ticket,
                                       const core::Ticket& prepared,
                                       const core::Debriefing& debriefing) const {
  core::PlannedInsights planned;
  planned.insights = InsightsOfClose(close_key, prepared, debriefing);
  std::vector<std::string> tags = prepared.tags;
  for (const core::Label& label : debriefing.suggested_tags) tags.push_back(label.value);
  std::vector<std::string> competitors;
  for (const core::CompetitorMention& m : debriefing.competitors) {
    competitors.push_back(absl::AsciiStrToLower(m.competitor));
  }
  for (const core::Insight& insight : planned.insights) {
    std::set<std::string> destinations;
    for (const Route& route : routes_) {
      if (route.audience.has_value() && *route.audience != insight.audience) continue;
      if (!route.kinds.empty() && route.kinds.count(insight.kind) == 0) continue;
      if (route.min_level.has_value() && debriefing.escalation.level < *route.min_level) continue;
      if (!route.segments.empty() && route.segments.count(prepared.account.segment) == 0) continue;
      if (prepared.account.arr_cents < route.min_arr_cents) continue;
      if (!route.tags.empty() && !Intersects(route.tags, tags)) continue;
      if (!route.competitors.empty()) {
        if (insight.kind == core::kCompetitorMentioned) {
          // Only the competitor this insight is about counts.
          const auto body = nlohmann::json::parse(insight.body_json);
          if (route.competitors.count(absl::AsciiStrToLower(body.value("competitor", ""))) == 0) continue;
        } else if (!Intersects(route.competitors, competitors)) {
          continue;
        }
      }
      if (!destinations.insert(route.destination).second) continue;
      planned.deliveries.push_back({.insight_id = insight.insight_id,
                                    .destination = route.destination,
                                    .route = route.name,
                                    .extra_json = ExtraFields(route.extra_fields, ticket)});
    }
  }
  return planned;
}

}  // namespace debrief::routing
