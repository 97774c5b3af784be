// The Zammad REST API as Debrief uses it: enrichment (GET /api/v1/tickets/{id}?expand=true,
// /api/v1/ticket_articles/by_ticket/{id}, /api/v1/tags) and write-back (POST
// /api/v1/ticket_articles as an internal note, or PUT /api/v1/tickets/{id} with only the
// configured attributes). Tags are separate objects in Zammad and are never written.
#ifndef DEBRIEF_SERVER_INGEST_ZAMMAD_ZAMMAD_API_H_
#define DEBRIEF_SERVER_INGEST_ZAMMAD_ZAMMAD_API_H_

#include <memory>
#include <string>

#include "nlohmann/json.hpp"
#include "server/config/sources_options.h"
#include "server/ingest/http_client.h"
#include "server/ingest/vendor_api.h"

namespace debrief::ingest {

// Thread-safe.
class ZammadApi final : public TicketFetcher, public SuggestionWriter {
 public:
  // `secret` is the resolved api.secret (token with auth token, password with basic).
  ZammadApi(const config::ApiOptions& api, const config::WriteBackOptions& write_back,
            std::string secret, std::unique_ptr<HttpClient> http);

  absl::Status Fetch(core::Ticket& ticket) override;
  absl::StatusOr<WriteBackResult> Write(const core::Ticket& ticket,
                                        const core::Debriefing& debriefing) override;

 private:
  absl::StatusOr<nlohmann::json> Call(const std::string& method, const std::string& path,
                                      const std::string& what, const nlohmann::json* body);

  const config::ApiOptions api_;
  const config::WriteBackOptions write_back_;
  const std::string secret_;
  const std::unique_ptr<HttpClient> http_;
};

}  // namespace debrief::ingest

#endif  // DEBRIEF_SERVER_INGEST_ZAMMAD_ZAMMAD_API_H_
