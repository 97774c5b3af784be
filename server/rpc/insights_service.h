// The debrief.v1.Insights gRPC service. Its RPCs are served as the modules behind them
// land (account memory, digests, the insight feed); until then they answer UNIMPLEMENTED.
#ifndef DEBRIEF_SERVER_RPC_INSIGHTS_SERVICE_H_
#define DEBRIEF_SERVER_RPC_INSIGHTS_SERVICE_H_

#include "debrief/v1/insights_service.grpc.pb.h"

namespace debrief::rpc {

// Thread-safe.
class InsightsService final : public v1::Insights::CallbackService {};

}  // namespace debrief::rpc

#endif  // DEBRIEF_SERVER_RPC_INSIGHTS_SERVICE_H_
