#include "server/config/storage_options.h"

#include "server/common/status_macros.h"
#include "server/config/section_parsers.h"

namespace debrief::config {

absl::Status ParseStorageOptions(YamlMap& map, StorageOptions& out) {
  DEBRIEF_RETURN_IF_ERROR(map.Read("data_dir", out.data_dir));
  DEBRIEF_RETURN_IF_ERROR(map.Read("sqlite_file", out.sqlite_file));
  DEBRIEF_RETURN_IF_ERROR(map.Read("busy_timeout", out.busy_timeout));
  if (out.data_dir.empty()) return ConfigError(JoinPath(map.path(), "data_dir"), "must not be empty");
  if (out.sqlite_file.empty() || out.sqlite_file.find('/') != std::string::npos) {
    return ConfigError(JoinPath(map.path(), "sqlite_file"), "must be a plain file name");
  }
  return absl::OkStatus();
}

}  // namespace debrief::config
