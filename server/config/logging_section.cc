// The `logging:` section; its struct is common::LoggingOptions.
#include "server/common/status_macros.h"
#include "server/config/section_parsers.h"

namespace debrief::config {

absl::Status ParseLoggingOptions(YamlMap& map, common::LoggingOptions& out) {
  DEBRIEF_RETURN_IF_ERROR(map.Read("format", out.format));
  DEBRIEF_RETURN_IF_ERROR(map.Read("level", out.level));
  return common::ValidateLoggingOptions(out);
}

}  // namespace debrief::config
