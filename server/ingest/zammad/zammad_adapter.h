// Zammad trigger webhooks with the default payload {ticket, article}
// (reference/helpdesk-webhooks.md §1.3). A close is state "closed". The payload carries the
// triggering article only and no tags, so tickets with more articles are enriched from the
// API. Signature (optional in Zammad, required here): X-Hub-Signature: sha1=<hex HMAC-SHA1
// of the body>. The delivery id is X-Zammad-Delivery.
#ifndef DEBRIEF_SERVER_INGEST_ZAMMAD_ZAMMAD_ADAPTER_H_
#define DEBRIEF_SERVER_INGEST_ZAMMAD_ZAMMAD_ADAPTER_H_

#include "server/ingest/adapter.h"
#include "server/ingest/payload.h"

namespace debrief::ingest {

// Thread-safe (stateless).
class ZammadAdapter final : public Adapter {
 public:
  core::Source source() const override { return core::Source::kZammad; }
  std::optional<SignatureScheme> signature_scheme(absl::string_view variant) const override;
  std::string DeliveryIdForLog(const HookRequest& request) const override;
  absl::StatusOr<HookEvent> Parse(const nlohmann::json& payload,
                                  const HookRequest& request) const override;
  bool IsCloseStatus(absl::string_view status) const override;
};

// The author role of a Zammad article sender ("Customer", "Agent", "System").
core::AuthorRole ZammadSenderRole(absl::string_view sender);

// One Zammad article (webhook `article` or an element of the articles API) as a message.
core::Message ZammadArticle(const PayloadReader& article);

}  // namespace debrief::ingest

#endif  // DEBRIEF_SERVER_INGEST_ZAMMAD_ZAMMAD_ADAPTER_H_
