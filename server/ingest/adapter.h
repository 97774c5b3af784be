// The one shape every helpdesk adapter has (server/ingest/<vendor>/): it names its
// signature scheme and turns an authenticated, parsed webhook payload into a HookEvent —
// whether the event closes a ticket, and the ticket in the normalized shape
// (reference/helpdesk-webhooks.md §4). Adapters are pure: no I/O, no clock, no config.
//
//   ZendeskAdapter adapter;
//   DEBRIEF_ASSIGN_OR_RETURN(nlohmann::json payload, ParsePayload(request.body));
//   DEBRIEF_ASSIGN_OR_RETURN(HookEvent event, adapter.Parse(payload, request));
//   if (!event.closes) return Ignored(event.ignore_reason);
#ifndef DEBRIEF_SERVER_INGEST_ADAPTER_H_
#define DEBRIEF_SERVER_INGEST_ADAPTER_H_

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "nlohmann/json.hpp"
#include "server/core/ticket.h"
#include "server/ingest/hook_request.h"
#include "server/ingest/signature.h"

namespace debrief::ingest {

// What one webhook delivery says. Value type.
struct HookEvent {
  // The vendor's event or topic, e.g. "zen:event-type:ticket.status_changed".
  std::string event_type;
  // True for an event Debrief debriefs (a close); others are acknowledged and ignored.
  bool closes = false;
  // Why a delivery that does not close is ignored, e.g. "status changed to OPEN".
  std::string ignore_reason;
  // False when the payload cannot tell whether the ticket closed (Help Scout notification
  // mode): the status fetched by enrichment decides (Adapter::IsCloseStatus).
  bool close_confirmed = true;
  // True when the vendor's API has what the payload leaves out (comments, fields, tags).
  bool enrich = false;
  // The normalized ticket: source, ticket id and delivery id (the vendor's, or the
  // documented fallback digest) are always set. `partial` is set when the payload's
  // conversation is incomplete; enrichment clears it.
  core::Ticket ticket;
};

// Implementations are immutable and thread-safe.
class Adapter {
 public:
  virtual ~Adapter() = default;

  virtual core::Source source() const = 0;

  // The vendor's signature scheme; `variant` selects among several ("app" or "rule" for
  // Front). nullopt for vendors that cannot sign (Freshdesk).
  virtual std::optional<SignatureScheme> signature_scheme(absl::string_view variant) const = 0;

  // The vendor's delivery id of `request` for logs, read from its header or, best effort,
  // from the body; "" when there is none. Never fails.
  virtual std::string DeliveryIdForLog(const HookRequest& request) const = 0;

  // Normalizes an authenticated payload (`request` supplies headers). INVALID_ARGUMENT
  // naming the field ("body.detail.id: is required") when the payload is not the
  // vendor's documented shape.
  virtual absl::StatusOr<HookEvent> Parse(const nlohmann::json& payload,
                                          const HookRequest& request) const = 0;

  // Whether `status` (a ticket's status as this adapter normalizes it) means closed.
  virtual bool IsCloseStatus(absl::string_view status) const = 0;
};

// ParsePayload(request.body) and then `adapter`.Parse: what a body becomes. The entry
// point of the fuzz targets.
absl::StatusOr<HookEvent> ParseHook(const Adapter& adapter, const HookRequest& request);

// The top-level string or number `key` of a JSON body, best effort ("" when the body is not
// a JSON object); for DeliveryIdForLog.
std::string TopLevelText(absl::string_view body, absl::string_view key);

}  // namespace debrief::ingest

#endif  // DEBRIEF_SERVER_INGEST_ADAPTER_H_
