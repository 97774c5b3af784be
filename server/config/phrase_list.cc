#include "server/config/phrase_list.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "re2/re2.h"
#include "server/common/status_macros.h"

namespace debrief::config {

absl::Status ReadPhrases(YamlMap& map, absl::string_view key, std::vector<std::string>& out) {
  DEBRIEF_RETURN_IF_ERROR(map.Read(key, out));
  for (size_t i = 0; i < out.size(); ++i) {
    if (std::none_of(out[i].begin(), out[i].end(),
                     [](char c) { return absl::ascii_isalnum(c) || (c & 0x80) != 0; })) {
      return ConfigError(absl::StrCat(JoinPath(map.path(), key), "[", i, "]"),
                         "needs at least one letter or digit");
    }
  }
  return absl::OkStatus();
}

absl::Status ReadPatterns(YamlMap& map, absl::string_view key, std::vector<std::string>& out) {
  DEBRIEF_RETURN_IF_ERROR(map.Read(key, out));
  for (size_t i = 0; i < out.size(); ++i) {
    RE2 re(out[i], RE2::Quiet);
    if (!re.ok()) {
      return ConfigError(absl::StrCat(JoinPath(map.path(), key), "[", i, "]"),
                         absl::StrCat("invalid RE2 pattern: ", re.error()));
    }
    if (RE2::FullMatch("", re)) {
      return ConfigError(absl::StrCat(JoinPath(map.path(), key), "[", i, "]"),
                         "matches the empty string");
    }
  }
  return absl::OkStatus();
}

}  // namespace debrief::config
