// Loading and validating config/debrief.yaml. Validation is strict: unknown keys, wrong
// types, out-of-range values and inconsistent sections all fail with INVALID_ARGUMENT
// whose message starts with the key path, e.g.
// "taxonomy.tags[4].patterns[0]: invalid RE2 pattern: missing ): (a".
//
//   absl::StatusOr<DebriefConfig> config = LoadConfigFile("config/debrief.yaml");
#ifndef DEBRIEF_SERVER_CONFIG_CONFIG_LOADER_H_
#define DEBRIEF_SERVER_CONFIG_CONFIG_LOADER_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/config/debrief_config.h"

namespace debrief::config {

// Parses and validates YAML text. `path` is recorded in the result, for messages only.
absl::StatusOr<DebriefConfig> LoadConfigText(absl::string_view yaml, absl::string_view path = "");

// Reads and validates a file. NOT_FOUND when it cannot be read.
absl::StatusOr<DebriefConfig> LoadConfigFile(const std::string& path);

}  // namespace debrief::config

#endif  // DEBRIEF_SERVER_CONFIG_CONFIG_LOADER_H_
