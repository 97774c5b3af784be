// Validation of every v1 request before anything is recorded. Errors are
// INVALID_ARGUMENT whose message starts with the field path in the request
// ("ticket.messages[3].body_text: is not valid UTF-8").
#ifndef DEBRIEF_SERVER_RPC_REQUEST_VALIDATION_H_
#define DEBRIEF_SERVER_RPC_REQUEST_VALIDATION_H_

#include <string>

#include "absl/status/status.h"
#include "debrief/v1/debrief_service.pb.h"
#include "debrief/v1/insights_service.pb.h"
#include "server/config/server_options.h"

namespace debrief::rpc {

// What a ticket is validated for.
enum class TicketUse {
  // A close (OnTicketClosed, Backfill): source, ticket id and message text required.
  kClose,
  // A suggestion (SuggestTags): ticket id and some text (subject or message) required.
  kSuggest,
  // A close from a thin webhook whose conversation is fetched from the helpdesk's API
  // later: like kClose, but no text is required yet.
  kThinClose,
};

// Validates `ticket`, whose field path in the request is `path` (e.g. "ticket").
absl::Status ValidateTicket(const v1::Ticket& ticket, TicketUse use,
                            const config::LimitsOptions& limits, const std::string& path);

absl::Status ValidateRequest(const v1::OnTicketClosedRequest& request,
                             const config::LimitsOptions& limits);
absl::Status ValidateRequest(const v1::SuggestTagsRequest& request,
                             const config::LimitsOptions& limits);
absl::Status ValidateRequest(const v1::RecordFeedbackRequest& request,
                             const config::LimitsOptions& limits);

// Largest GetAccountHealth page and UpsertAccounts batch.
inline constexpr int kMaxTimelinePageSize = 500;
inline constexpr int kMaxUpsertAccounts = 1000;

// Validates `account` at field path `path`; the id is required when `id_required`.
absl::Status ValidateAccount(const v1::Account& account, const config::LimitsOptions& limits,
                             const std::string& path, bool id_required);

absl::Status ValidateRequest(const v1::GetAccountHealthRequest& request,
                             const config::LimitsOptions& limits);
// Exactly one subject; a reason that repeats the subject is refused.
absl::Status ValidateRequest(const v1::ForgetCustomerRequest& request,
                             const config::LimitsOptions& limits);
// 1..kMaxUpsertAccounts accounts, each with a unique id.
absl::Status ValidateRequest(const v1::UpsertAccountsRequest& request,
                             const config::LimitsOptions& limits);

}  // namespace debrief::rpc

#endif  // DEBRIEF_SERVER_RPC_REQUEST_VALIDATION_H_
