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
