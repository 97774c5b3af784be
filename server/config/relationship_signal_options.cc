#include "server/config/relationship_signal_options.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "server/common/status_macros.h"
#include "server/config/phrase_list.h"
#include "server/config/section_parsers.h"

namespace debrief::config {
namespace {

bool IsValidKind(absl::string_view kind) {
  absl::string_view name;
  if (absl::StartsWith(kind, "expansion.")) {
    name = kind.substr(10);
  } else if (absl::StartsWith(kind, "churn.")) {
    name = kind.substr(6);
  } else {
    return false;
  }
  if (name.empty() || name.size() > 48) return false;
  for (const char c : name) {
    if (!(absl::ascii_islower(c) || absl::ascii_isdigit(c) || c == '_' || c == '-')) return false;
  }
  return true;
}

}  // namespace

absl::Status ParseRelationshipSignalOptions(YamlMap& map, RelationshipSignalOptions& out) {
  return map.ReadEach("signals", [&](YamlMap& item) {
    SignalOptions signal;
    DEBRIEF_RETURN_IF_ERROR(item.Read("kind", signal.kind));
    DEBRIEF_RETURN_IF_ERROR(ReadPhrases(item, "phrases", signal.phrases));
    DEBRIEF_RETURN_IF_ERROR(ReadPatterns(item, "patterns", signal.patterns));
    DEBRIEF_RETURN_IF_ERROR(item.Read("weight", signal.weight));
    if (!IsValidKind(signal.kind)) {
      return ConfigError(JoinPath(item.path(), "kind"),
                         "must be expansion.<name> or churn.<name> (a-z, 0-9, '_', '-')");
    }
    if (signal.phrases.empty() && signal.patterns.empty()) {
      return ConfigError(item.path(), "needs phrases or patterns");
    }
    if (!(signal.weight > 0 && signal.weight <= 10)) {
      return ConfigError(JoinPath(item.path(), "weight"), "must be in (0, 10]");
    }
    out.signals.push_back(std::move(signal));
    return absl::OkStatus();
  });
}

}  // namespace debrief::config
