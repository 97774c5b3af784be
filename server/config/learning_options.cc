#include "server/config/learning_options.h"

#include "server/common/status_macros.h"
#include "server/config/section_parsers.h"

namespace debrief::config {

absl::Status ParseLearningOptions(YamlMap& map, LearningOptions& out) {
  DEBRIEF_RETURN_IF_ERROR(map.Read("threshold", out.threshold));
  DEBRIEF_RETURN_IF_ERROR(map.Read("max_tags", out.max_tags));
  if (out.threshold < 0 || out.threshold > 1) {
    return ConfigError(JoinPath(map.path(), "threshold"), "must be between 0 and 1");
  }
  if (out.max_tags < 1 || out.max_tags > 100) {
    return ConfigError(JoinPath(map.path(), "max_tags"), "must be between 1 and 100");
  }
  return absl::OkStatus();
}

}  // namespace debrief::config
