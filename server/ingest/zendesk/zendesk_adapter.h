// Zendesk webhooks, both shapes (reference/helpdesk-webhooks.md §1.1): event webhooks
// (`zen:event-type:ticket.status_changed`; thin: no comments or custom fields, so they are
// enriched from the API) and trigger webhooks with the JSON body documented in
// docs/HELPDESKS.md. A close is a change to SOLVED (or CLOSED); the automation's later
// SOLVED -> CLOSED is ignored because the ticket was debriefed when it was solved.
// Signature: base64 HMAC-SHA256 of timestamp + body (X-Zendesk-Webhook-Signature[-Timestamp]).
#ifndef DEBRIEF_SERVER_INGEST_ZENDESK_ZENDESK_ADAPTER_H_
#define DEBRIEF_SERVER_INGEST_ZENDESK_ZENDESK_ADAPTER_H_

#include "server/ingest/adapter.h"

namespace debrief::ingest {

// Thread-safe (stateless).
class ZendeskAdapter final : public Adapter {
 public:
  core::Source source() const override { return core::Source::kZendesk; }
  std::optional<SignatureScheme> signature_scheme(absl::string_view variant) const override;
  std::string DeliveryIdForLog(const HookRequest& request) const override;
  absl::StatusOr<HookEvent> Parse(const nlohmann::json& payload,
                                  const HookRequest& request) const override;
  bool IsCloseStatus(absl::string_view status) const override;
};

}  // namespace debrief::ingest

#endif  // DEBRIEF_SERVER_INGEST_ZENDESK_ZENDESK_ADAPTER_H_
