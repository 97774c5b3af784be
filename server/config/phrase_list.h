// Reading the cue lists the analysis sections share: phrases (words matched on word
// boundaries, case-insensitively) and RE2 patterns, each checked where it is read so an
// error names its index ("competitors[2].aliases[0]: is empty"). Internal to server/config.
#ifndef DEBRIEF_SERVER_CONFIG_PHRASE_LIST_H_
#define DEBRIEF_SERVER_CONFIG_PHRASE_LIST_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "server/config/yaml_reader.h"

namespace debrief::config {

// Reads the list at `key` (absent: unchanged); every entry must have a letter or digit.
absl::Status ReadPhrases(YamlMap& map, absl::string_view key, std::vector<std::string>& out);

// Reads the list at `key` (absent: unchanged); every entry must compile with RE2.
absl::Status ReadPatterns(YamlMap& map, absl::string_view key, std::vector<std::string>& out);

}  // namespace debrief::config

#endif  // DEBRIEF_SERVER_CONFIG_PHRASE_LIST_H_
