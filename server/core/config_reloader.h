// The interface rpc/ calls for Admin/ReloadConfig; app/ implements it (it owns the
// configuration and every component built from it).
#ifndef DEBRIEF_SERVER_CORE_CONFIG_RELOADER_H_
#define DEBRIEF_SERVER_CORE_CONFIG_RELOADER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace debrief::core {

struct ReloadResult {
  // Content hash of the configuration now in force.
  std::string config_version;
  // Keys that changed but only take effect after a restart.
  std::vector<std::string> restart_required;
};

// Re-reads configuration. Thread-safe; reloads are serialized.
class ConfigReloader {
 public:
  virtual ~ConfigReloader() = default;
  // INVALID_ARGUMENT naming the key when the new file is bad; the running configuration
  // then stays in force.
  virtual absl::StatusOr<ReloadResult> Reload() = 0;
};

}  // namespace debrief::core

#endif  // DEBRIEF_SERVER_CORE_CONFIG_RELOADER_H_
