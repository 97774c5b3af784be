#include "server/config/escalation_options.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "server/common/status_macros.h"
#include "server/config/section_parsers.h"

namespace debrief::config {
namespace {

absl::Status ParseCondition(YamlMap& map, ConditionOptions& out) {
  DEBRIEF_RETURN_IF_ERROR(map.Read("field", out.field));
  DEBRIEF_RETURN_IF_ERROR(map.Read("op", out.op));
  DEBRIEF_RETURN_IF_ERROR(map.Read("value", out.value));
  if (out.field.empty()) return ConfigError(JoinPath(map.path(), "field"), "is required");
  if (out.op.empty()) return ConfigError(JoinPath(map.path(), "op"), "is required");
  return absl::OkStatus();
}

absl::Status ParseRule(YamlMap& map, EscalationRuleOptions& out) {
  DEBRIEF_RETURN_IF_ERROR(map.Read("name", out.name));
  DEBRIEF_RETURN_IF_ERROR(map.ReadEach("when", [&](YamlMap& item) {
    ConditionOptions condition;
    DEBRIEF_RETURN_IF_ERROR(ParseCondition(item, condition));
    out.when.push_back(std::move(condition));
    return absl::OkStatus();
  }));
  DEBRIEF_RETURN_IF_ERROR(map.ReadEach("any", [&](YamlMap& item) {
    ConditionOptions condition;
    DEBRIEF_RETURN_IF_ERROR(ParseCondition(item, condition));
    out.any.push_back(std::move(condition));
    return absl::OkStatus();
  }));
  DEBRIEF_RETURN_IF_ERROR(map.Read("level", out.level));
  DEBRIEF_RETURN_IF_ERROR(map.Read("team", out.team));
  DEBRIEF_RETURN_IF_ERROR(map.Read("due_within", out.due_within));
  DEBRIEF_RETURN_IF_ERROR(map.Read("reason", out.reason));
  if (out.name.empty()) return ConfigError(JoinPath(map.path(), "name"), "is required");
  if (out.when.empty() && out.any.empty()) {
    return ConfigError(map.path(), absl::StrCat("rule \"", out.name,
                                                "\" needs at least one condition in when or any"));
  }
  if (out.level.empty()) return ConfigError(JoinPath(map.path(), "level"), "is required");
  if (out.team.empty()) return ConfigError(JoinPath(map.path(), "team"), "is required");
  return absl::OkStatus();
}

}  // namespace

absl::Status ParseEscalationOptions(YamlMap& map, EscalationOptions& out) {
  std::set<std::string> names;
  return map.ReadEach("rules", [&](YamlMap& item) {
    EscalationRuleOptions rule;
    DEBRIEF_RETURN_IF_ERROR(ParseRule(item, rule));
    if (!names.insert(rule.name).second) {
      return ConfigError(JoinPath(item.path(), "name"),
                         absl::StrCat("duplicate rule name \"", rule.name, "\""));
    }
    out.rules.push_back(std::move(rule));
    return absl::OkStatus();
  });
}

}  // namespace debrief::config
