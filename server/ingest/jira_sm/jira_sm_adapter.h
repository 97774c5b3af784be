// Jira Service Management admin webhooks, `jira:issue_updated` (reference/helpdesk-webhooks.md
// §1.7). A close is an update whose changelog moves the status or resolution while the
// issue's status category is "done"; other updates of done issues are ignored. Automation
// rules may instead send the bare issue ("Issue data (Jira format)"), a close when done. Datetimes
// carry offsets without a colon ("+0100"); descriptions may be Atlassian Document Format.
// Signature: X-Hub-Signature: sha256=<hex HMAC-SHA256 of the body> (admin webhooks with a
// secret; Automation "Send web request" uses a token header instead). Delivery id:
// X-Atlassian-Webhook-Identifier.
#ifndef DEBRIEF_SERVER_INGEST_JIRA_SM_JIRA_SM_ADAPTER_H_
#define DEBRIEF_SERVER_INGEST_JIRA_SM_JIRA_SM_ADAPTER_H_

#include "server/ingest/adapter.h"

namespace debrief::ingest {

// Thread-safe (stateless).
class JiraSmAdapter final : public Adapter {
 public:
  core::Source source() const override { return core::Source::kJiraSm; }
  std::optional<SignatureScheme> signature_scheme(absl::string_view variant) const override;
  std::string DeliveryIdForLog(const HookRequest& request) const override;
  absl::StatusOr<HookEvent> Parse(const nlohmann::json& payload,
                                  const HookRequest& request) const override;
  bool IsCloseStatus(absl::string_view status) const override;
};

}  // namespace debrief::ingest

#endif  // DEBRIEF_SERVER_INGEST_JIRA_SM_JIRA_SM_ADAPTER_H_
