// The single mapping from absl::Status to the two wire protocols: gRPC status (codes map
// 1:1) and HTTP (status code plus a JSON error body in the style of Google APIs:
// {"error": {"code": 400, "status": "INVALID_ARGUMENT", "message": "ticket.ticket_id: is required"}}).
#ifndef DEBRIEF_SERVER_RPC_STATUS_CONVERSION_H_
#define DEBRIEF_SERVER_RPC_STATUS_CONVERSION_H_

#include <string>

#include "absl/status/status.h"
#include "grpcpp/support/status.h"

namespace debrief::rpc {

grpc::Status ToGrpcStatus(const absl::Status& status);

// HTTP status for `code` (INVALID_ARGUMENT 400, NOT_FOUND 404, RESOURCE_EXHAUSTED 429,
// UNAVAILABLE 503, UNIMPLEMENTED 501, ...).
int HttpStatusFor(absl::StatusCode code);

// The JSON error body for `status` and HTTP status `http_status`.
std::string ErrorJson(const absl::Status& status, int http_status);

// Canonical upper-case name ("INVALID_ARGUMENT").
std::string CodeName(absl::StatusCode code);

}  // namespace debrief::rpc

#endif  // DEBRIEF_SERVER_RPC_STATUS_CONVERSION_H_
