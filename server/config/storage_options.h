// Options of the history store (`storage:` section).
#ifndef DEBRIEF_SERVER_CONFIG_STORAGE_OPTIONS_H_
#define DEBRIEF_SERVER_CONFIG_STORAGE_OPTIONS_H_

#include <string>

#include "absl/time/time.h"

namespace debrief::config {

struct StorageOptions {
  // Directory holding the database and model snapshots; created if missing. Overridden by
  // --data-dir and DEBRIEF_DATA_DIR. Default "./data".
  std::string data_dir = "./data";
  // SQLite file name inside data_dir. Default "debrief.db".
  std::string sqlite_file = "debrief.db";
  // How long a writer waits for the database lock before failing. Default 5s.
  absl::Duration busy_timeout = absl::Seconds(5);
};

}  // namespace debrief::config

#endif  // DEBRIEF_SERVER_CONFIG_STORAGE_OPTIONS_H_
