// The interface rpc/ and ingest/ call when a ticket closes; pipeline/ implements it.
#ifndef DEBRIEF_SERVER_CORE_CLOSE_HANDLER_H_
#define DEBRIEF_SERVER_CORE_CLOSE_HANDLER_H_

#include "absl/status/statusor.h"
#include "server/core/debriefing.h"
#include "server/core/ticket.h"

namespace debrief::core {

// How a close entered Debrief.
enum class CloseMode {
  // A live close from a helpdesk or bridge: recorded, trained on and routed.
  kLive,
  // A historical close from Backfill: recorded and trained on, never routed.
  kBackfill,
};

// Debriefs closed tickets. Implementations are thread-safe and may block (analysis and a
// durable commit); callers on a gRPC reactor hand the call to a worker pool.
class CloseHandler {
 public:
  virtual ~CloseHandler() = default;

  // Debriefs `ticket` (already validated), records it and its insights durably, and
  // returns the debriefing. A close whose key (core::CloseKey) was recorded before
  // returns the recorded debriefing with `replayed` set and changes nothing.
  // UNAVAILABLE when storage fails (the caller may retry; nothing was half-written).
  virtual absl::StatusOr<Debriefing> Close(const Ticket& ticket, CloseMode mode) = 0;
};

}  // namespace debrief::core

#endif  // DEBRIEF_SERVER_CORE_CLOSE_HANDLER_H_
