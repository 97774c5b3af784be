// Help Scout mailbox webhooks (reference/helpdesk-webhooks.md §1.6): the body is the v2
// Conversation object, the event is the X-HelpScout-Event header. A close is `convo.status`
// with status "closed". In notification mode the body holds only the conversation's id or
// URI: the close is confirmed, and the conversation fetched, by enrichment. Signature:
// X-HelpScout-Signature = base64 HMAC-SHA1 of the body. There is no delivery id; the
// fallback digest covers (conversation id, status, userUpdatedAt/closedAt or the body).
#ifndef DEBRIEF_SERVER_INGEST_HELPSCOUT_HELPSCOUT_ADAPTER_H_
#define DEBRIEF_SERVER_INGEST_HELPSCOUT_HELPSCOUT_ADAPTER_H_

#include "server/ingest/adapter.h"
#include "server/ingest/payload.h"

namespace debrief::ingest {

// Thread-safe (stateless).
class HelpScoutAdapter final : public Adapter {
 public:
  core::Source source() const override { return core::Source::kHelpScout; }
  std::optional<SignatureScheme> signature_scheme(absl::string_view variant) const override;
  std::string DeliveryIdForLog(const HookRequest& request) const override;
  absl::StatusOr<HookEvent> Parse(const nlohmann::json& payload,
                                  const HookRequest& request) const override;
  bool IsCloseStatus(absl::string_view status) const override;
};

// Fills `ticket` from a v2 Conversation object (webhook body or API answer): everything but
// source, tenant and delivery id. Threads come from `_embedded.threads`; without them the
// preview stands in and the ticket is partial.
void ReadHelpScoutConversation(const PayloadReader& conversation, core::Ticket& ticket);

}  // namespace debrief::ingest

#endif  // DEBRIEF_SERVER_INGEST_HELPSCOUT_HELPSCOUT_ADAPTER_H_
