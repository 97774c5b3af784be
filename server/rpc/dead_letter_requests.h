// Validation and conversion of the Admin dead-letter calls (ListDeadLetters,
// ReplayDeadLetters) into storage::DeadLetterQuery, and of outbox rows into the wire
// DeadLetter. Errors are INVALID_ARGUMENT starting with the request's field path
// ("filter.kind: ...", "page_token: ...").
#ifndef DEBRIEF_SERVER_RPC_DEAD_LETTER_REQUESTS_H_
#define DEBRIEF_SERVER_RPC_DEAD_LETTER_REQUESTS_H_

#include "absl/status/statusor.h"
#include "debrief/v1/admin_service.pb.h"
#include "server/storage/outbox_store.h"

namespace debrief::rpc {

// Largest ListDeadLetters page, and the page size when none is asked for.
inline constexpr int kMaxDeadLetterPageSize = 1000;
inline constexpr int kDefaultDeadLetterPageSize = 100;

// The query of a list call: filter, page size and page token (the last row id of the
// previous page).
absl::StatusOr<storage::DeadLetterQuery> DeadLetterQueryFrom(const v1::ListDeadLettersRequest& request);
// The query of a replay call (no paging). enable_destination needs filter.destination.
absl::StatusOr<storage::DeadLetterQuery> DeadLetterQueryFrom(const v1::ReplayDeadLettersRequest& request);

// Fills `response` with `page` (as read for `query`): a next page token when the page is
// full.
void DeadLetterPageToProto(const std::vector<storage::OutboxEntry>& page,
                           const storage::DeadLetterQuery& query, v1::ListDeadLettersResponse& response);

}  // namespace debrief::rpc

#endif  // DEBRIEF_SERVER_RPC_DEAD_LETTER_REQUESTS_H_
