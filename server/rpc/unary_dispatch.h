// The one way a unary callback RPC runs its work: refuse invalid input at once, admit the
// call (RESOURCE_EXHAUSTED beyond the in-flight limit), and run `work` on the worker pool,
// answering with the status it returns (UNAVAILABLE when the pool shuts down first).
//
//   return DispatchUnary(context, admission_, workers_, "GetDigest", validation,
//                        [this, request, response] { return Fill(*request, *response); });
#ifndef DEBRIEF_SERVER_RPC_UNARY_DISPATCH_H_
#define DEBRIEF_SERVER_RPC_UNARY_DISPATCH_H_

#include <functional>

#include <grpcpp/grpcpp.h>

#include "absl/status/status.h"
#include "server/common/worker_pool.h"
#include "server/rpc/admission.h"

namespace debrief::rpc {

// `work` fills the response and returns the status to answer with; it runs on a pool
// thread, after this returns. `admission` and `workers` must outlive the call.
grpc::ServerUnaryReactor* DispatchUnary(grpc::CallbackServerContext* context, Admission& admission,
                                        common::WorkerPool& workers, const char* method,
                                        const absl::Status& validation, std::function<absl::Status()> work);

}  // namespace debrief::rpc

#endif  // DEBRIEF_SERVER_RPC_UNARY_DISPATCH_H_
