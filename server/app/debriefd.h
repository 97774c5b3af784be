// The composition root: builds every component from the configuration, wires the
// modules through core's interfaces, owns every thread, and shuts down in reverse
// order. main.cc only parses the command line and forwards signals here.
//
//   DEBRIEF_ASSIGN_OR_RETURN(auto server, Debriefd::Start({.config_path = "config/debrief.yaml"}));
//   ... SIGHUP -> server->Reload(); SIGTERM -> server->Shutdown();
#ifndef DEBRIEF_SERVER_APP_DEBRIEFD_H_
#define DEBRIEF_SERVER_APP_DEBRIEFD_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "server/config/debrief_config.h"
#include "server/core/config_reloader.h"

namespace debrief::app {

// Values that override the configuration file (command-line flags, then the
// DEBRIEF_* environment variables); empty means "use the file".
struct Overrides {
  std::string config_path = "config/debrief.yaml";
  // --grpc-listen / DEBRIEF_GRPC_LISTEN.
  std::string grpc_listen;
  // --http-listen / DEBRIEF_HTTP_LISTEN.
  std::string http_listen;
  // --data-dir / DEBRIEF_DATA_DIR.
  std::string data_dir;
};

// Loads the configuration file and applies the overrides. INVALID_ARGUMENT naming the key.
absl::StatusOr<config::DebriefConfig> LoadEffectiveConfig(const Overrides& overrides);

// LoadEffectiveConfig plus everything components check when they are built (rule
// fields and operators, pattern sets): what `debriefd check-config` reports.
absl::Status CheckConfig(const Overrides& overrides);

// A running Debrief. Thread-safe.
class Debriefd final : public core::ConfigReloader {
 public:
  // Loads the configuration, opens storage, builds the components and starts the gRPC and
  // HTTP listeners; health turns SERVING when all of that succeeded.
  static absl::StatusOr<std::unique_ptr<Debriefd>> Start(const Overrides& overrides);
  ~Debriefd() override;

  int grpc_port() const;
  int http_port() const;
  bool ready() const;

  // Re-reads the configuration file; a bad file is rejected with one log line naming the
  // key, and the running configuration stays.
  absl::StatusOr<core::ReloadResult> Reload() override;

  // Stops taking calls, drains in-flight ones for server.drain_timeout, stops workers and
  // closes storage. Idempotent.
  void Shutdown();

 private:
  struct Parts;
  explicit Debriefd(const Overrides& overrides);

  const Overrides overrides_;
  std::unique_ptr<Parts> parts_;
  absl::Mutex reload_mu_;
};

}  // namespace debrief::app

#endif  // DEBRIEF_SERVER_APP_DEBRIEFD_H_
