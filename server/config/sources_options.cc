#include "server/config/sources_options.h"

#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "server/common/status_macros.h"
#include "server/config/section_parsers.h"

namespace debrief::config {
namespace {

const std::set<std::string, std::less<>>& KnownVendors() {
  static const auto* vendors = new std::set<std::string, std::less<>>{
      "zendesk", "freshdesk", "zammad", "chatwoot", "intercom",
      "helpscout", "jira_sm", "front", "generic"};
  return *vendors;
}

// Source names appear in URLs: lowercase letters, digits, '-' and '_'.
bool IsSourceName(absl::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (const char c : name) {
    if (!absl::ascii_islower(c) && !absl::ascii_isdigit(c) && c != '-' && c != '_') return false;
  }
  return true;
}

absl::Status OneOf(const std::string& value, std::initializer_list<absl::string_view> allowed,
                   const std::string& path) {
  for (absl::string_view option : allowed) {
    if (value == option) return absl::OkStatus();
  }
  return ConfigError(path, absl::StrCat("must be one of ", absl::StrJoin(allowed, ", "), ", got \"",
                                        value, "\""));
}

absl::Status ParseRateLimit(YamlMap& map, RateLimitOptions& out) {
  DEBRIEF_RETURN_IF_ERROR(map.Read("requests_per_second", out.requests_per_second));
  DEBRIEF_RETURN_IF_ERROR(map.Read("burst", out.burst));
  if (!(out.requests_per_second > 0)) {
    return ConfigError(JoinPath(map.path(), "requests_per_second"), "must be above 0");
  }
  if (out.burst < 1) return ConfigError(JoinPath(map.path(), "burst"), "must be at least 1");
  return absl::OkStatus();
}

absl::Status ParseApi(YamlMap& map, ApiOptions& out) {
  const std::string& path = map.path();
  DEBRIEF_RETURN_IF_ERROR(map.Read("base_url", out.base_url));
  DEBRIEF_RETURN_IF_ERROR(map.Read("auth", out.auth));
  DEBRIEF_RETURN_IF_ERROR(map.Read("username", out.username));
  DEBRIEF_RETURN_IF_ERROR(map.Read("secret", out.secret));
  DEBRIEF_RETURN_IF_ERROR(map.Read("connect_timeout", out.connect_timeout));
  DEBRIEF_RETURN_IF_ERROR(map.Read("timeout", out.timeout));
  DEBRIEF_RETURN_IF_ERROR(map.Read("max_pages", out.max_pages));
  if (out.base_url.empty()) return absl::OkStatus();
  if (!absl::StartsWith(out.base_url, "https://") && !absl::StartsWith(out.base_url, "http://")) {
    return ConfigError(JoinPath(path, "base_url"), "must start with https:// (or http://)");
  }
  while (absl::EndsWith(out.base_url, "/")) out.base_url.pop_back();
  DEBRIEF_RETURN_IF_ERROR(OneOf(out.auth, {"basic", "bearer", "token"}, JoinPath(path, "auth")));
  if (out.secret.empty()) {
    return ConfigError(JoinPath(path, "secret"), "is required when base_url is set");
  }
  if (out.auth == "basic" && out.username.empty()) {
    return ConfigError(JoinPath(path, "username"), "is required with auth basic");
  }
  if (out.connect_timeout <= absl::ZeroDuration()) {
    return ConfigError(JoinPath(path, "connect_timeout"), "must be above 0");
  }
  if (out.timeout < out.connect_timeout) {
    return ConfigError(JoinPath(path, "timeout"), "must be at least connect_timeout");
  }
  if (out.max_pages < 1 || out.max_pages > 100) {
    return ConfigError(JoinPath(path, "max_pages"), "must be between 1 and 100");
  }
  return absl::OkStatus();
}

absl::Status ParseWriteBack(YamlMap& map, WriteBackOptions& out) {
  const std::string& path = map.path();
  DEBRIEF_RETURN_IF_ERROR(map.Read("enabled", out.enabled));
  DEBRIEF_RETURN_IF_ERROR(map.Read("mode", out.mode));
  DEBRIEF_RETURN_IF_ERROR(map.Read("tags_field", out.tags_field));
  DEBRIEF_RETURN_IF_ERROR(map.Read("escalation_field", out.escalation_field));
  DEBRIEF_RETURN_IF_ERROR(OneOf(out.mode, {"note", "field"}, JoinPath(path, "mode")));
  if (out.mode == "field" && out.tags_field.empty()) {
    return ConfigError(JoinPath(path, "tags_field"), "is required with mode field");
  }
  return absl::OkStatus();
}

absl::Status ParseSource(const std::string& name, YamlMap& map, SourceOptions& out) {
  const std::string& path = map.path();
  if (!IsSourceName(name)) {
    return ConfigError(path,
                       "source names are used in URLs: lowercase letters, digits, - and _ "
                       "(at most 64)");
  }
  out.name = name;
  out.vendor = name;
  DEBRIEF_RETURN_IF_ERROR(map.Read("vendor", out.vendor));
  if (!KnownVendors().contains(out.vendor)) {
    return ConfigError(map.Has("vendor") ? JoinPath(path, "vendor") : path,
                       absl::StrCat("unknown helpdesk vendor \"", out.vendor, "\"; one of ",
                                    absl::StrJoin(KnownVendors(), ", "),
                                    map.Has("vendor") ? "" : " (set vendor: explicitly)"));
  }
  out.auth = out.vendor == "freshdesk" ? "basic" : "signature";
  DEBRIEF_RETURN_IF_ERROR(map.Read("tenant", out.tenant));
  DEBRIEF_RETURN_IF_ERROR(map.Read("auth", out.auth));
  DEBRIEF_RETURN_IF_ERROR(map.Read("secrets", out.secrets));
  DEBRIEF_RETURN_IF_ERROR(map.Read("basic_username", out.basic_username));
  DEBRIEF_RETURN_IF_ERROR(map.Read("token_header", out.token_header));
  DEBRIEF_RETURN_IF_ERROR(map.Read("signature", out.signature));
  DEBRIEF_RETURN_IF_ERROR(map.Read("timestamp_tolerance", out.timestamp_tolerance));
  DEBRIEF_RETURN_IF_ERROR(map.Read("max_body_bytes", out.max_body_bytes));
  DEBRIEF_RETURN_IF_ERROR(map.Read("dedupe_horizon", out.dedupe_horizon));
  DEBRIEF_RETURN_IF_ERROR(map.ReadSection(
      "rate_limit", [&](YamlMap& section) { return ParseRateLimit(section, out.rate_limit); }));
  DEBRIEF_RETURN_IF_ERROR(map.Read("field_map", out.field_map));
  DEBRIEF_RETURN_IF_ERROR(map.Read("custom_field_labels", out.custom_field_labels));
  DEBRIEF_RETURN_IF_ERROR(
      map.ReadSection("api", [&](YamlMap& section) { return ParseApi(section, out.api); }));
  DEBRIEF_RETURN_IF_ERROR(map.ReadSection(
      "write_back", [&](YamlMap& section) { return ParseWriteBack(section, out.write_back); }));

  DEBRIEF_RETURN_IF_ERROR(OneOf(out.auth, {"signature", "basic", "token"}, JoinPath(path, "auth")));
  if (out.auth == "signature" && out.vendor == "freshdesk") {
    return ConfigError(JoinPath(path, "auth"),
                       "Freshdesk does not sign webhooks; use basic or token");
  }
  DEBRIEF_RETURN_IF_ERROR(OneOf(out.signature, {"app", "rule"}, JoinPath(path, "signature")));
  if (out.secrets.empty()) {
    return ConfigError(JoinPath(path, "secrets"),
                       "at least one secret is required (webhooks are never accepted "
                       "unauthenticated)");
  }
  if (out.auth == "basic" && out.basic_username.empty()) {
    return ConfigError(JoinPath(path, "basic_username"), "must not be empty");
  }
  if (out.auth == "token" && out.token_header.empty()) {
    return ConfigError(JoinPath(path, "token_header"), "must not be empty");
  }
  if (out.timestamp_tolerance <= absl::ZeroDuration()) {
    return ConfigError(JoinPath(path, "timestamp_tolerance"), "must be above 0");
  }
  if (out.max_body_bytes < 1024) {
    return ConfigError(JoinPath(path, "max_body_bytes"), "must be at least 1024");
  }
  if (out.dedupe_horizon < absl::Hours(1)) {
    return ConfigError(JoinPath(path, "dedupe_horizon"),
                       "must be at least 1h (cover the vendor's whole retry horizon)");
  }
  for (const auto& [target, pointer] : out.field_map) {
    if (pointer.empty() || pointer.front() != '/') {
      return ConfigError(JoinPath(JoinPath(path, "field_map"), target),
                         absl::StrCat("must be a JSON pointer starting with /, got \"", pointer,
                                      "\""));
    }
  }
  if (out.write_back.enabled && out.api.base_url.empty()) {
    return ConfigError(JoinPath(path, "write_back.enabled"), "needs api.base_url");
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ParseSourceOptions(const std::string& name, YamlMap& map, SourcesOptions& out) {
  SourceOptions source;
  DEBRIEF_RETURN_IF_ERROR(ParseSource(name, map, source));
  out.sources.push_back(std::move(source));
  return absl::OkStatus();
}

}  // namespace debrief::config
