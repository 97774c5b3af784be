// The gRPC listener: registered services, the standard grpc.health.v1 service (NOT_SERVING
// until the owner says ready, and again while draining), server reflection (per config),
// message size and stream limits, and graceful shutdown with a deadline.
#ifndef DEBRIEF_SERVER_RPC_GRPC_SERVER_H_
#define DEBRIEF_SERVER_RPC_GRPC_SERVER_H_

#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "grpcpp/server.h"
#include "grpcpp/impl/service_type.h"
#include "server/config/server_options.h"

namespace debrief::rpc {

// Thread-safe.
class GrpcServer {
 public:
  // Binds options.grpc_listen and starts serving `services` (which must outlive the
  // server). UNAVAILABLE when the address cannot be bound.
  static absl::StatusOr<std::unique_ptr<GrpcServer>> Start(const config::ServerOptions& options,
                                                           const std::vector<grpc::Service*>& services);
  ~GrpcServer();

  // The bound port (the chosen one when configured with port 0).
  int port() const { return port_; }
  // Whether reflection is being served.
  bool reflection_enabled() const { return reflection_enabled_; }

  // Sets the overall health status ("" and every debrief.v1 service).
  void SetServing(bool serving);

  // Marks NOT_SERVING, stops accepting calls, lets in-flight calls finish until `deadline`
  // from now, then cancels the rest. Idempotent.
  void Shutdown(absl::Duration deadline);

 private:
  GrpcServer() = default;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
  bool reflection_enabled_ = false;
  bool shut_down_ = false;
};

// True if the host part of HOST:PORT is a loopback address or "localhost".
bool IsLoopbackListen(const std::string& listen);

}  // namespace debrief::rpc

#endif  // DEBRIEF_SERVER_RPC_GRPC_SERVER_H_
