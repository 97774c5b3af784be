// The interface rpc/ and app/ call to read and manage account memory: an account's
// health and timeline, CRM upserts, and erasure of a customer. pipeline/ implements it.
#ifndef DEBRIEF_SERVER_CORE_ACCOUNT_MEMORY_H_
#define DEBRIEF_SERVER_CORE_ACCOUNT_MEMORY_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/core/account.h"
#include "server/core/ticket.h"

namespace debrief::core {

// An account's health with one page of its timeline.
struct AccountHealthPage {
  AccountHealth health;
  // Newest first.
  std::vector<TimelineEntry> timeline;
  // Pass back for the next page; empty on the last page.
  std::string next_page_token;
};

// Who ForgetCustomer erases.
enum class ForgetSubject {
  // Every ticket whose requester had this e-mail address (compared case-insensitively).
  kRequesterEmail,
  // Every ticket whose requester had this helpdesk id.
  kRequesterId,
  // Every ticket of this account, and the account's own data.
  kAccount,
};

struct ForgetRequest {
  ForgetSubject subject = ForgetSubject::kRequesterEmail;
  // The e-mail address, requester id or account id.
  std::string value;
  // Why, for the audit record (e.g. a GDPR request reference).
  std::string reason;
};

struct ForgetResult {
  // Tickets whose text and personal data this call erased.
  int64_t tickets_erased = 0;
  // The audit record written for this call.
  std::string audit_id;
  // True when there was nothing left to erase.
  bool already_forgotten = false;
};

struct UpsertResult {
  int created = 0;
  int updated = 0;
};

// Implementations are thread-safe and may block on storage; gRPC callers hand calls to
// a worker pool.
class AccountMemory {
 public:
  virtual ~AccountMemory() = default;

  // The account's health now and the timeline page after `page_token` ("" for the
  // first), at most `page_size` entries (1..500). NOT_FOUND for an account never seen;
  // INVALID_ARGUMENT when `page_token` did not come from a previous response.
  virtual absl::StatusOr<AccountHealthPage> Health(absl::string_view account_id, int page_size,
                                                   absl::string_view page_token) = 0;

  // Creates or updates `accounts` (validated, ids unique) in one commit; empty fields
  // (and an ARR of 0) keep their stored value.
  virtual absl::StatusOr<UpsertResult> UpsertAccounts(const std::vector<Account>& accounts) = 0;

  // Erases the subject's personal data and ticket text from the store, keeping the
  // anonymous aggregates, and writes an audit record. Idempotent: a repeat erases nothing
  // and reports already_forgotten. The erased bytes are gone from the database file and
  // its write-ahead log when this returns OK.
  virtual absl::StatusOr<ForgetResult> Forget(const ForgetRequest& request) = 0;
};

}  // namespace debrief::core

#endif  // DEBRIEF_SERVER_CORE_ACCOUNT_MEMORY_H_
