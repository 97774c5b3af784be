// Front webhooks (reference/helpdesk-webhooks.md §1.9): application webhooks and rule
// webhooks, both sending the event object. A close is an `archive` event. The conversation
// carries its last message only (rule "preview" payloads carry none), so tickets are
// partial. Signatures: application webhooks base64 HMAC-SHA256 of
// "<X-Front-Request-Timestamp>:<body>" with a millisecond timestamp (variant "app");
// rule webhooks base64 HMAC-SHA1 of the body (variant "rule"). The application
// validation request (x-front-challenge, event type "sync") is answered by the route.
#ifndef DEBRIEF_SERVER_INGEST_FRONT_FRONT_ADAPTER_H_
#define DEBRIEF_SERVER_INGEST_FRONT_FRONT_ADAPTER_H_

#include "server/ingest/adapter.h"

namespace debrief::ingest {

// Thread-safe (stateless).
class FrontAdapter final : public Adapter {
 public:
  core::Source source() const override { return core::Source::kFront; }
  std::optional<SignatureScheme> signature_scheme(absl::string_view variant) const override;
  std::string DeliveryIdForLog(const HookRequest& request) const override;
  absl::StatusOr<HookEvent> Parse(const nlohmann::json& payload,
                                  const HookRequest& request) const override;
  bool IsCloseStatus(absl::string_view status) const override;
};

}  // namespace debrief::ingest

#endif  // DEBRIEF_SERVER_INGEST_FRONT_FRONT_ADAPTER_H_
