// The Zendesk Support API as Debrief uses it: enrichment of event and trigger webhooks
// (GET /api/v2/tickets/{id}.json and /comments.json?include=users, paginated) and
// write-back (PUT /api/v2/tickets/{id}.json with an internal `comment`, or `custom_fields`
// guarded by safe_update). A write never sends `tags`, which would replace the ticket's tags.
#ifndef DEBRIEF_SERVER_INGEST_ZENDESK_ZENDESK_API_H_
#define DEBRIEF_SERVER_INGEST_ZENDESK_ZENDESK_API_H_

#include <memory>
#include <string>

#include "nlohmann/json.hpp"
#include "server/config/sources_options.h"
#include "server/ingest/http_client.h"
#include "server/ingest/vendor_api.h"

namespace debrief::ingest {

// Thread-safe.
class ZendeskApi final : public TicketFetcher, public SuggestionWriter {
 public:
  // `secret` is the resolved api.secret (API token, or OAuth token with auth bearer).
  ZendeskApi(const config::ApiOptions& api, const config::WriteBackOptions& write_back,
             std::string secret, std::unique_ptr<HttpClient> http);

  absl::Status Fetch(core::Ticket& ticket) override;
  absl::StatusOr<WriteBackResult> Write(const core::Ticket& ticket,
                                        const core::Debriefing& debriefing) override;

 private:
  absl::StatusOr<nlohmann::json> GetJson(const std::string& url, const std::string& what);
  absl::Status PutTicket(const std::string& ticket_id, const nlohmann::json& body);
  std::string TicketUrl(const std::string& ticket_id) const;

  const config::ApiOptions api_;
  const config::WriteBackOptions write_back_;
  const std::string secret_;
  const std::unique_ptr<HttpClient> http_;
};

}  // namespace debrief::ingest

#endif  // DEBRIEF_SERVER_INGEST_ZENDESK_ZENDESK_API_H_
