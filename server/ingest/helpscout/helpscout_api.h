// The Help Scout Mailbox API 2.0 as Debrief uses it: enrichment of notification-mode and
// thread-less webhooks with GET /v2/conversations/{id}?embed=threads (OAuth bearer token).
#ifndef DEBRIEF_SERVER_INGEST_HELPSCOUT_HELPSCOUT_API_H_
#define DEBRIEF_SERVER_INGEST_HELPSCOUT_HELPSCOUT_API_H_

#include <memory>
#include <string>

#include "server/config/sources_options.h"
#include "server/ingest/http_client.h"
#include "server/ingest/vendor_api.h"

namespace debrief::ingest {

// Thread-safe.
class HelpScoutApi final : public TicketFetcher {
 public:
  // `secret` is the resolved api.secret (an OAuth access token with auth bearer).
  HelpScoutApi(const config::ApiOptions& api, std::string secret, std::unique_ptr<HttpClient> http);

  absl::Status Fetch(core::Ticket& ticket) override;

 private:
  const config::ApiOptions api_;
  const std::string secret_;
  const std::unique_ptr<HttpClient> http_;
};

}  // namespace debrief::ingest

#endif  // DEBRIEF_SERVER_INGEST_HELPSCOUT_HELPSCOUT_API_H_
