// The generic webhook, for bridges and custom integrations: {"event": "ticket.closed",
// "ticket": <debrief.v1.Ticket in protobuf's JSON mapping>}. Events other than
// "ticket.closed" are acknowledged and ignored. Signature: Standard Webhooks v1 (the scheme
// Debrief itself sends): webhook-signature "v1,<base64 HMAC-SHA256 of
// '<webhook-id>.<webhook-timestamp>.<body>'>" (several, space-separated), unix-second
// timestamp, "whsec_<base64>" secrets. Delivery id: webhook-id, else ticket.deliveryId.
#ifndef DEBRIEF_SERVER_INGEST_GENERIC_GENERIC_ADAPTER_H_
#define DEBRIEF_SERVER_INGEST_GENERIC_GENERIC_ADAPTER_H_

#include "server/ingest/adapter.h"

namespace debrief::ingest {

// Thread-safe (stateless).
class GenericAdapter final : public Adapter {
 public:
  core::Source source() const override { return core::Source::kGeneric; }
  std::optional<SignatureScheme> signature_scheme(absl::string_view variant) const override;
  std::string DeliveryIdForLog(const HookRequest& request) const override;
  absl::StatusOr<HookEvent> Parse(const nlohmann::json& payload,
                                  const HookRequest& request) const override;
  bool IsCloseStatus(absl::string_view status) const override;
};

}  // namespace debrief::ingest

#endif  // DEBRIEF_SERVER_INGEST_GENERIC_GENERIC_ADAPTER_H_
