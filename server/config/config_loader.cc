#include "server/config/config_loader.h"

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "server/common/ids.h"
#include "server/common/status_macros.h"
#include "server/config/section_parsers.h"

namespace debrief::config {

absl::StatusOr<DebriefConfig> LoadConfigText(absl::string_view yaml, absl::string_view path) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    return absl::InvalidArgumentError(
        absl::StrCat("(yaml): line ", e.mark.line + 1, ": ", e.msg));
  }
  DebriefConfig config;
  YamlMap top(root, "");
  // Sections in dependency order; each parser owns its section's keys.
  DEBRIEF_RETURN_IF_ERROR(top.ReadSection(
      "server", [&](YamlMap& map) { return ParseServerOptions(map, config.server); }));
  DEBRIEF_RETURN_IF_ERROR(top.ReadSection(
      "storage", [&](YamlMap& map) { return ParseStorageOptions(map, config.storage); }));
  DEBRIEF_RETURN_IF_ERROR(top.ReadSection(
      "logging", [&](YamlMap& map) { return ParseLoggingOptions(map, config.logging); }));
  DEBRIEF_RETURN_IF_ERROR(top.ReadSection(
      "taxonomy", [&](YamlMap& map) { return ParseTaxonomyOptions(map, config.taxonomy); }));
  DEBRIEF_RETURN_IF_ERROR(top.ReadSection(
      "learning", [&](YamlMap& map) { return ParseLearningOptions(map, config.learning); }));
  DEBRIEF_RETURN_IF_ERROR(top.ReadSection(
      "escalation", [&](YamlMap& map) { return ParseEscalationOptions(map, config.escalation); }));
  DEBRIEF_RETURN_IF_ERROR(top.ReadSection(
      "redaction", [&](YamlMap& map) { return ParseRedactionOptions(map, config.redaction); }));
  DEBRIEF_RETURN_IF_ERROR(top.ReadSection(
      "competitors", [&](YamlMap& map) { return ParseCompetitorsOptions(map, config.competitors); }));
  DEBRIEF_RETURN_IF_ERROR(top.ReadSection("feedback_kinds", [&](YamlMap& map) {
    return ParseFeedbackOptions(map, config.feedback_kinds);
  }));
  DEBRIEF_RETURN_IF_ERROR(top.ReadSection(
      "resolution", [&](YamlMap& map) { return ParseResolutionOptions(map, config.resolution); }));
  DEBRIEF_RETURN_IF_ERROR(top.ReadSection("relationship_signals", [&](YamlMap& map) {
    return ParseRelationshipSignalOptions(map, config.relationship_signals);
  }));
  DEBRIEF_RETURN_IF_ERROR(top.ReadSection(
      "accounts", [&](YamlMap& map) { return ParseAccountsOptions(map, config.accounts); }));
  DEBRIEF_RETURN_IF_ERROR(top.ReadSection(
      "digests", [&](YamlMap& map) { return ParseDigestOptions(map, config.digests); }));
  DEBRIEF_RETURN_IF_ERROR(top.ReadEntries("sources", [&](const std::string& name, YamlMap& map) {
    return ParseSourceOptions(name, map, config.sources);
  }));
  DEBRIEF_RETURN_IF_ERROR(top.ReadEntries("destinations", [&](const std::string& name, YamlMap& map) {
    return ParseDestinationOptions(name, map, config.routing);
  }));
  DEBRIEF_RETURN_IF_ERROR(
      top.ReadEach("routes", [&](YamlMap& map) { return ParseRouteOptions(map, config.routing); }));
  DEBRIEF_RETURN_IF_ERROR(top.Finish());
  config.version = common::Sha256Hex(yaml);
  config.path = std::string(path);
  return config;
}

absl::StatusOr<DebriefConfig> LoadConfigFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot read the config file"));
  std::ostringstream contents;
  contents << in.rdbuf();
  return LoadConfigText(contents.str(), path);
}

}  // namespace debrief::config
