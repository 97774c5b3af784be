#include "server/config/routing_options.h"

#include <algorithm>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "server/common/status_macros.h"
#include "server/config/section_parsers.h"

namespace debrief::config {
namespace {

const std::vector<std::string>& DestinationKinds() {
  static const auto* kinds =
      new std::vector<std::string>{"webhook", "slack", "jira", "hubspot", "salesforce", "nats", "jsonl"};
  return *kinds;
}

// Mirrors core::InsightKinds() (config sits below core).
const std::vector<std::string>& InsightKinds() {
  static const auto* kinds = new std::vector<std::string>{
      "escalation_recommended", "renewal_risk_changed", "expansion_signal", "confidence_changed",
      "competitor_mentioned",   "feature_requested",    "error_reported",   "digest_ready",
      "spike_detected"};
  return *kinds;
}

absl::Status OneOf(const std::string& path, const std::string& value,
                   const std::vector<std::string>& allowed) {
  if (std::find(allowed.begin(), allowed.end(), value) != allowed.end()) return absl::OkStatus();
  return ConfigError(path, absl::StrCat("must be one of ", absl::StrJoin(allowed, ", "), ", got \"",
                                        value, "\""));
}

absl::Status ParseRetry(YamlMap& map, RetryOptions& out) {
  if (map.Has("schedule")) {
    std::vector<std::string> texts;
    DEBRIEF_RETURN_IF_ERROR(map.Read("schedule", texts));
    if (texts.empty()) return ConfigError(JoinPath(map.path(), "schedule"), "must not be empty");
    out.schedule.clear();
    for (size_t i = 0; i < texts.size(); ++i) {
      absl::Duration delay;
      const std::string path = absl::StrCat(JoinPath(map.path(), "schedule"), "[", i, "]");
      DEBRIEF_RETURN_IF_ERROR(ParseDurationText(texts[i], path, delay));
      if (delay <= absl::ZeroDuration()) return ConfigError(path, "must be above 0");
      out.schedule.push_back(delay);
    }
  }
  DEBRIEF_RETURN_IF_ERROR(map.Read("jitter", out.jitter));
  DEBRIEF_RETURN_IF_ERROR(map.Read("max_delay", out.max_delay));
  DEBRIEF_RETURN_IF_ERROR(map.Read("horizon", out.horizon));
  if (out.jitter < 0 || out.jitter >= 1) {
    return ConfigError(JoinPath(map.path(), "jitter"), "must be in [0, 1)");
  }
  if (out.max_delay <= absl::ZeroDuration()) {
    return ConfigError(JoinPath(map.path(), "max_delay"), "must be above 0");
  }
  if (out.horizon <= absl::ZeroDuration()) {
    return ConfigError(JoinPath(map.path(), "horizon"), "must be above 0");
  }
  return absl::OkStatus();
}

absl::Status ParseBreaker(YamlMap& map, CircuitBreakerOptions& out) {
  DEBRIEF_RETURN_IF_ERROR(map.Read("minimum_requests", out.minimum_requests));
  DEBRIEF_RETURN_IF_ERROR(map.Read("failure_ratio", out.failure_ratio));
  DEBRIEF_RETURN_IF_ERROR(map.Read("window", out.window));
  DEBRIEF_RETURN_IF_ERROR(map.Read("open_for", out.open_for));
  if (out.minimum_requests < 1) {
    return ConfigError(JoinPath(map.path(), "minimum_requests"), "must be at least 1");
  }
  if (out.failure_ratio <= 0 || out.failure_ratio > 1) {
    return ConfigError(JoinPath(map.path(), "failure_ratio"), "must be in (0, 1]");
  }
  if (out.window <= absl::ZeroDuration()) {
    return ConfigError(JoinPath(map.path(), "window"), "must be above 0");
  }
  if (out.open_for <= absl::ZeroDuration()) {
    return ConfigError(JoinPath(map.path(), "open_for"), "must be above 0");
  }
  return absl::OkStatus();
}

bool IsHttpUrl(absl::string_view url) {
  return absl::StartsWith(url, "https://") || absl::StartsWith(url, "http://");
}

absl::Status CheckDestination(const std::string& path, const DestinationOptions& d) {
  const std::string& k = d.kind;
  if (k == "webhook" || k == "jira" || k == "hubspot" || k == "salesforce") {
    if (!IsHttpUrl(d.url)) return ConfigError(JoinPath(path, "url"), "must start with https:// (or http://)");
  }
  if (k == "webhook" && d.secrets.empty()) {
    return ConfigError(JoinPath(path, "secrets"), "a webhook destination needs a signing secret");
  }
  if ((k == "slack" || k == "jira" || k == "hubspot" || k == "salesforce") && d.secret.empty()) {
    return ConfigError(JoinPath(path, "secret"),
                       k == "slack" ? "is required (the incoming-webhook URL)" : "is required (the API token)");
  }
  if (k == "jsonl" && d.path.empty()) return ConfigError(JoinPath(path, "path"), "is required");
  if (k == "jira" && d.project.empty()) return ConfigError(JoinPath(path, "project"), "is required (a project key)");
  if (k == "jira" && d.issue_type.empty()) return ConfigError(JoinPath(path, "issue_type"), "must not be empty");
  if (k == "salesforce" && !absl::StartsWith(d.api_version, "v")) {
    return ConfigError(JoinPath(path, "api_version"), "must look like v59.0");
  }
  if (!d.template_text.empty() && k != "slack" && k != "hubspot" && k != "salesforce") {
    return ConfigError(JoinPath(path, "template"), "applies to slack, hubspot and salesforce destinations only");
  }
  if (k == "slack" && d.max_per_second > 1) {
    return ConfigError(JoinPath(path, "max_per_second"),
                       "must be at most 1 for slack (Slack accepts one message per second per webhook)");
  }
  if (k == "nats") {
    if (!absl::StartsWith(d.url, "nats://")) return ConfigError(JoinPath(path, "url"), "must start with nats://");
    if (d.subject.empty()) return ConfigError(JoinPath(path, "subject"), "is required");
  }
  if (d.concurrency < 1 || d.concurrency > 64) {
    return ConfigError(JoinPath(path, "concurrency"), "must be in [1, 64]");
  }
  if (d.max_per_second < 0) return ConfigError(JoinPath(path, "max_per_second"), "must not be negative");
  if (d.connect_timeout <= absl::ZeroDuration()) {
    return ConfigError(JoinPath(path, "connect_timeout"), "must be above 0");
  }
  if (d.timeout <= absl::ZeroDuration()) return ConfigError(JoinPath(path, "timeout"), "must be above 0");
  return absl::OkStatus();
}

}  // namespace

absl::Status ParseDestinationOptions(const std::string& name, YamlMap& map, RoutingOptions& out) {
  DestinationOptions d;
  d.name = name;
  DEBRIEF_RETURN_IF_ERROR(map.Read("kind", d.kind));
  DEBRIEF_RETURN_IF_ERROR(OneOf(JoinPath(map.path(), "kind"), d.kind, DestinationKinds()));
  if (d.kind == "slack") {
    // Slack accepts about one message per second per incoming webhook.
    d.concurrency = 1;
    d.max_per_second = 1;
  }
  if (d.kind == "hubspot") d.url = "https://api.hubapi.com";
  DEBRIEF_RETURN_IF_ERROR(map.Read("enabled", d.enabled));
  DEBRIEF_RETURN_IF_ERROR(map.Read("url", d.url));
  DEBRIEF_RETURN_IF_ERROR(map.Read("secrets", d.secrets));
  DEBRIEF_RETURN_IF_ERROR(map.Read("secret", d.secret));
  DEBRIEF_RETURN_IF_ERROR(map.Read("path", d.path));
  DEBRIEF_RETURN_IF_ERROR(map.Read("subject", d.subject));
  DEBRIEF_RETURN_IF_ERROR(map.Read("project", d.project));
  DEBRIEF_RETURN_IF_ERROR(map.Read("issue_type", d.issue_type));
  DEBRIEF_RETURN_IF_ERROR(map.Read("api_version", d.api_version));
  DEBRIEF_RETURN_IF_ERROR(map.Read("template", d.template_text));
  DEBRIEF_RETURN_IF_ERROR(map.Read("concurrency", d.concurrency));
  DEBRIEF_RETURN_IF_ERROR(map.Read("max_per_second", d.max_per_second));
  DEBRIEF_RETURN_IF_ERROR(map.Read("connect_timeout", d.connect_timeout));
  DEBRIEF_RETURN_IF_ERROR(map.Read("timeout", d.timeout));
  DEBRIEF_RETURN_IF_ERROR(map.ReadSection("retry", [&](YamlMap& m) { return ParseRetry(m, d.retry); }));
  DEBRIEF_RETURN_IF_ERROR(map.ReadSection(
      "circuit_breaker", [&](YamlMap& m) { return ParseBreaker(m, d.circuit_breaker); }));
  DEBRIEF_RETURN_IF_ERROR(CheckDestination(map.path(), d));
  out.destinations.push_back(std::move(d));
  return absl::OkStatus();
}

absl::Status ParseRouteOptions(YamlMap& map, RoutingOptions& out) {
  static const auto* kTeams =
      new std::vector<std::string>{"success", "product", "sales", "engineering", "support"};
  static const auto* kLevels = new std::vector<std::string>{"none", "monitor", "escalate", "urgent"};
  static const auto* kExtraFields =
      new std::vector<std::string>{"ticket_url", "subject", "requester_email", "assignee_email"};
  RouteOptions route;
  DEBRIEF_RETURN_IF_ERROR(map.Read("name", route.name));
  DEBRIEF_RETURN_IF_ERROR(map.Read("audience", route.audience));
  DEBRIEF_RETURN_IF_ERROR(map.Read("kinds", route.kinds));
  DEBRIEF_RETURN_IF_ERROR(map.Read("destination", route.destination));
  DEBRIEF_RETURN_IF_ERROR(map.Read("extra_fields", route.extra_fields));
  DEBRIEF_RETURN_IF_ERROR(map.Read("template", route.template_text));
  DEBRIEF_RETURN_IF_ERROR(map.ReadSection("filters", [&](YamlMap& f) {
    DEBRIEF_RETURN_IF_ERROR(f.Read("min_level", route.filters.min_level));
    DEBRIEF_RETURN_IF_ERROR(f.Read("segments", route.filters.segments));
    DEBRIEF_RETURN_IF_ERROR(f.Read("min_arr", route.filters.min_arr));
    DEBRIEF_RETURN_IF_ERROR(f.Read("tags", route.filters.tags));
    DEBRIEF_RETURN_IF_ERROR(f.Read("competitors", route.filters.competitors));
    if (!route.filters.min_level.empty()) {
      DEBRIEF_RETURN_IF_ERROR(OneOf(JoinPath(f.path(), "min_level"), route.filters.min_level, *kLevels));
    }
    if (route.filters.min_arr < 0) return ConfigError(JoinPath(f.path(), "min_arr"), "must not be negative");
    return absl::OkStatus();
  }));
  if (route.name.empty()) return ConfigError(JoinPath(map.path(), "name"), "is required");
  for (const RouteOptions& other : out.routes) {
    if (other.name == route.name) {
      return ConfigError(JoinPath(map.path(), "name"), absl::StrCat("\"", route.name, "\" is used twice"));
    }
  }
  if (!route.audience.empty()) {
    DEBRIEF_RETURN_IF_ERROR(OneOf(JoinPath(map.path(), "audience"), route.audience, *kTeams));
  }
  for (size_t i = 0; i < route.kinds.size(); ++i) {
    DEBRIEF_RETURN_IF_ERROR(OneOf(absl::StrCat(JoinPath(map.path(), "kinds"), "[", i, "]"),
                                  route.kinds[i], InsightKinds()));
  }
  for (size_t i = 0; i < route.extra_fields.size(); ++i) {
    DEBRIEF_RETURN_IF_ERROR(OneOf(absl::StrCat(JoinPath(map.path(), "extra_fields"), "[", i, "]"),
                                  route.extra_fields[i], *kExtraFields));
  }
  const auto destination = std::find_if(out.destinations.begin(), out.destinations.end(),
                                        [&](const DestinationOptions& d) { return d.name == route.destination; });
  if (destination == out.destinations.end()) {
    return ConfigError(JoinPath(map.path(), "destination"),
                       route.destination.empty()
                           ? std::string("is required")
                           : absl::StrCat("\"", route.destination, "\" is not a key of destinations"));
  }
  if (destination->kind == "jira") {
    // Jira keeps one issue per error fingerprint or feature theme: other kinds have no key.
    const auto jira_kind = [](const std::string& kind) {
      return kind == "error_reported" || kind == "feature_requested";
    };
    if (route.kinds.empty() || !std::all_of(route.kinds.begin(), route.kinds.end(), jira_kind)) {
      return ConfigError(JoinPath(map.path(), "kinds"),
                         absl::StrCat("destination \"", route.destination,
                                      "\" is jira, which takes only error_reported and feature_requested"));
    }
  }
  if (!route.template_text.empty()) {
    const std::string& k = destination->kind;
    if (k != "slack" && k != "hubspot" && k != "salesforce") {
      return ConfigError(JoinPath(map.path(), "template"),
                         absl::StrCat("destination \"", route.destination, "\" is ", k,
                                      "; templates apply to slack, hubspot and salesforce destinations only"));
    }
    destination->route_templates.push_back(
        {.route = route.name, .path = JoinPath(map.path(), "template"), .text = route.template_text});
  }
  out.routes.push_back(std::move(route));
  return absl::OkStatus();
}

}  // namespace debrief::config
