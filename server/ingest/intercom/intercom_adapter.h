// Intercom webhook notifications (reference/helpdesk-webhooks.md §1.5), API 1.x and 2.x
// conversation shapes and tickets. A close is topic `conversation.admin.closed` or
// `ticket.closed`. Signature: X-Hub-Signature: sha1=<hex HMAC-SHA1 of the body> with the
// app's client secret; no timestamp (the notification id `notif_...` dedupes).
#ifndef DEBRIEF_SERVER_INGEST_INTERCOM_INTERCOM_ADAPTER_H_
#define DEBRIEF_SERVER_INGEST_INTERCOM_INTERCOM_ADAPTER_H_

#include "server/ingest/adapter.h"

namespace debrief::ingest {

// Thread-safe (stateless).
class IntercomAdapter final : public Adapter {
 public:
  core::Source source() const override { return core::Source::kIntercom; }
  std::optional<SignatureScheme> signature_scheme(absl::string_view variant) const override;
  std::string DeliveryIdForLog(const HookRequest& request) const override;
  absl::StatusOr<HookEvent> Parse(const nlohmann::json& payload,
                                  const HookRequest& request) const override;
  bool IsCloseStatus(absl::string_view status) const override;
};

}  // namespace debrief::ingest

#endif  // DEBRIEF_SERVER_INGEST_INTERCOM_INTERCOM_ADAPTER_H_
