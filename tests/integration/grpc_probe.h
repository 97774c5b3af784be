// Raw gRPC probes for the standard services the server exposes, without their client
// libraries (not packaged in Debian): health Check over the generic stub, and the
// reflection service's list_services over a bidi stream, decoded through the
// reflection descriptors linked into the binary.
#ifndef DEBRIEF_TESTS_INTEGRATION_GRPC_PROBE_H_
#define DEBRIEF_TESTS_INTEGRATION_GRPC_PROBE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "grpcpp/channel.h"

namespace debrief::testing {

// grpc.health.v1.Health/Check for `service`: "SERVING", "NOT_SERVING", "UNKNOWN",
// "SERVICE_UNKNOWN", or the RPC's error.
absl::StatusOr<std::string> HealthCheck(const std::shared_ptr<grpc::Channel>& channel,
                                        const std::string& service);

// The service names reflection lists.
absl::StatusOr<std::vector<std::string>> ReflectionServices(
    const std::shared_ptr<grpc::Channel>& channel);

}  // namespace debrief::testing

#endif  // DEBRIEF_TESTS_INTEGRATION_GRPC_PROBE_H_
