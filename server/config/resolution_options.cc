#include "server/config/resolution_options.h"

#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "server/common/status_macros.h"
#include "server/config/phrase_list.h"
#include "server/config/section_parsers.h"

namespace debrief::config {
namespace {

bool IsValidValue(absl::string_view value) {
  if (value.empty() || value.size() > 64) return false;
  for (const char c : value) {
    if (!(absl::ascii_islower(c) || absl::ascii_isdigit(c) || c == '-' || c == '_')) return false;
  }
  return true;
}

absl::Status ParseLabels(YamlMap& map, absl::string_view key,
                         std::vector<ResolutionLabelOptions>& out) {
  std::set<std::string> values;
  return map.ReadEach(key, [&](YamlMap& item) {
    ResolutionLabelOptions label;
    DEBRIEF_RETURN_IF_ERROR(item.Read("value", label.value));
    DEBRIEF_RETURN_IF_ERROR(item.Read("description", label.description));
    DEBRIEF_RETURN_IF_ERROR(ReadPhrases(item, "agent_phrases", label.agent_phrases));
    DEBRIEF_RETURN_IF_ERROR(ReadPhrases(item, "customer_phrases", label.customer_phrases));
    DEBRIEF_RETURN_IF_ERROR(ReadPatterns(item, "patterns", label.patterns));
    if (!IsValidValue(label.value)) {
      return ConfigError(JoinPath(item.path(), "value"),
                         "must be 1-64 characters of a-z, 0-9, '-' or '_'");
    }
    if (!values.insert(label.value).second) {
      return ConfigError(JoinPath(item.path(), "value"),
                         absl::StrCat("duplicate label \"", label.value, "\""));
    }
    if (label.agent_phrases.empty() && label.customer_phrases.empty() && label.patterns.empty()) {
      return ConfigError(item.path(),
                         absl::StrCat("label \"", label.value,
                                      "\" needs agent_phrases, customer_phrases or patterns"));
    }
    out.push_back(std::move(label));
    return absl::OkStatus();
  });
}

}  // namespace

absl::Status ParseResolutionOptions(YamlMap& map, ResolutionOptions& out) {
  DEBRIEF_RETURN_IF_ERROR(ParseLabels(map, "fix_category", out.fix_category));
  DEBRIEF_RETURN_IF_ERROR(ParseLabels(map, "root_cause", out.root_cause));
  DEBRIEF_RETURN_IF_ERROR(map.Read("min_confidence", out.min_confidence));
  DEBRIEF_RETURN_IF_ERROR(map.Read("min_margin", out.min_margin));
  if (out.min_confidence < 0 || out.min_confidence > 1) {
    return ConfigError(JoinPath(map.path(), "min_confidence"), "must be between 0 and 1");
  }
  if (out.min_margin < 0 || out.min_margin > 1) {
    return ConfigError(JoinPath(map.path(), "min_margin"), "must be between 0 and 1");
  }
  return absl::OkStatus();
}

}  // namespace debrief::config
