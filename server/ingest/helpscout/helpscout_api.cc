#include "server/ingest/helpscout/helpscout_api.h"

#include "absl/strings/str_cat.h"
#include "server/common/status_macros.h"
#include "server/ingest/helpscout/helpscout_adapter.h"
#include "server/ingest/payload.h"

namespace debrief::ingest {

HelpScoutApi::HelpScoutApi(const config::ApiOptions& api, std::string secret,
                           std::unique_ptr<HttpClient> http)
    : api_(api), secret_(std::move(secret)), http_(std::move(http)) {}

absl::Status HelpScoutApi::Fetch(core::Ticket& ticket) {
  const std::string what = absl::StrCat("Help Scout conversation ", ticket.ticket_id);
  DEBRIEF_ASSIGN_OR_RETURN(
      HttpReply reply,
      http_->Send({.method = "GET",
                   .url = absl::StrCat(api_.base_url, "/v2/conversations/",
                                       UrlEscape(ticket.ticket_id), "?embed=threads"),
                   .headers = {ApiAuthHeader(api_, secret_, ""), {"Accept", "application/json"}}}));
  DEBRIEF_RETURN_IF_ERROR(ReplyStatus(reply, what));
  absl::StatusOr<nlohmann::json> answer = ParsePayload(reply.body);
  if (!answer.ok()) return absl::UnavailableError(absl::StrCat(what, ": ", answer.status().message()));
  const PayloadReader in(*answer);
  core::Ticket fetched;
  ReadHelpScoutConversation(in, fetched);
  if (!in.status().ok()) {
    return absl::UnavailableError(absl::StrCat(what, ": ", in.status().message()));
  }
  MergeFetched(std::move(fetched), ticket);
  return absl::OkStatus();
}

}  // namespace debrief::ingest
