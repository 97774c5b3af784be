// Freshdesk automation-rule webhooks ("Trigger Webhook", reference/helpdesk-webhooks.md
// §1.2) with the JSON body documented in docs/HELPDESKS.md: `ticket_*` keys, optionally
// wrapped in `freshdesk_webhook`. Status and priority arrive as labels ("Resolved", "Low")
// or API codes. A close is Resolved (4) or Closed (5). Freshdesk cannot sign: sources use
// basic auth or a shared token. There is no delivery id; the fallback digest covers
// (ticket id, status, updated-at) or the body.
#ifndef DEBRIEF_SERVER_INGEST_FRESHDESK_FRESHDESK_ADAPTER_H_
#define DEBRIEF_SERVER_INGEST_FRESHDESK_FRESHDESK_ADAPTER_H_

#include "server/ingest/adapter.h"

namespace debrief::ingest {

// Thread-safe (stateless).
class FreshdeskAdapter final : public Adapter {
 public:
  core::Source source() const override { return core::Source::kFreshdesk; }
  std::optional<SignatureScheme> signature_scheme(absl::string_view variant) const override;
  std::string DeliveryIdForLog(const HookRequest& request) const override;
  absl::StatusOr<HookEvent> Parse(const nlohmann::json& payload,
                                  const HookRequest& request) const override;
  bool IsCloseStatus(absl::string_view status) const override;
};

}  // namespace debrief::ingest

#endif  // DEBRIEF_SERVER_INGEST_FRESHDESK_FRESHDESK_ADAPTER_H_
