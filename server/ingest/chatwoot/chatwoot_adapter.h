// Chatwoot account webhooks (reference/helpdesk-webhooks.md §1.4): the conversation's
// webhook data plus `event`. A close is `conversation_status_changed` with status
// "resolved" (or the deprecated `conversation_resolved`). The payload holds only the last
// message, so tickets are partial. Signature (Chatwoot 2026+): X-Chatwoot-Signature:
// sha256=<hex HMAC-SHA256 of "<X-Chatwoot-Timestamp>.<body>">, unix-second timestamp; older
// self-hosted versions cannot sign and use a token in the URL. Delivery id:
// X-Chatwoot-Delivery.
#ifndef DEBRIEF_SERVER_INGEST_CHATWOOT_CHATWOOT_ADAPTER_H_
#define DEBRIEF_SERVER_INGEST_CHATWOOT_CHATWOOT_ADAPTER_H_

#include "server/ingest/adapter.h"

namespace debrief::ingest {

// Thread-safe (stateless).
class ChatwootAdapter final : public Adapter {
 public:
  core::Source source() const override { return core::Source::kChatwoot; }
  std::optional<SignatureScheme> signature_scheme(absl::string_view variant) const override;
  std::string DeliveryIdForLog(const HookRequest& request) const override;
  absl::StatusOr<HookEvent> Parse(const nlohmann::json& payload,
                                  const HookRequest& request) const override;
  bool IsCloseStatus(absl::string_view status) const override;
};

}  // namespace debrief::ingest

#endif  // DEBRIEF_SERVER_INGEST_CHATWOOT_CHATWOOT_ADAPTER_H_
