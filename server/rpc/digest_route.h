// Digests over HTTP and the request checks gRPC shares:
//   GET /v1/digests/{audience}?period=2026-W47&format=json|md|html
// audience is product, success or sales; period defaults to the last complete week; format
// defaults to json (debrief.v1.Digest in protobuf's JSON mapping), md is text/markdown and
// html the self-contained page. Bad input answers 400 with a JSON body naming the field.
#ifndef DEBRIEF_SERVER_RPC_DIGEST_ROUTE_H_
#define DEBRIEF_SERVER_RPC_DIGEST_ROUTE_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "debrief/v1/insights_service.pb.h"
#include "server/core/digest.h"
#include "server/rpc/admission.h"
#include "server/rpc/http_server.h"

namespace debrief::rpc {

// The audience of a GetDigest request; INVALID_ARGUMENT naming "audience" or "period".
absl::StatusOr<core::Team> ValidateDigestRequest(const v1::GetDigestRequest& request);

// Registers the route above. `digests`, `admission` and the server must outlive each other;
// `zone` is the zone digests are cut in (for the dates the md and html formats show).
void RegisterDigestRoutes(HttpServer& server, core::DigestSource& digests, Admission& admission,
                          const absl::TimeZone& zone);

}  // namespace debrief::rpc

#endif  // DEBRIEF_SERVER_RPC_DIGEST_ROUTE_H_
