// Account memory in the store: each account's CRM and ticket fields and current scores,
// the anonymous summary of every close (core::AccountClose), error sightings across
// accounts, the account timeline, and erasure (ForgetCustomer) with its audit record.
//
// A close's effect on its account is not written here: it rides in
// CloseRecord::account and commits in HistoryStore::RecordClose with the ticket record,
// so a close and its account update are durable together or not at all. Updates are
// optimistic: LoadState returns the account's version and the commit fails ABORTED when
// another writer moved it since (the caller re-reads and decides again), so concurrent
// closes of one account never lose an update.
//
//   DEBRIEF_ASSIGN_OR_RETURN(AccountState state, store.LoadState({.account_id = "acme", ...}));
//   record.account = AccountUpdate{.expected_version = state.version, ...};
//   history.RecordClose(record);  // ABORTED: load again and retry
#ifndef DEBRIEF_SERVER_STORAGE_ACCOUNT_STORE_H_
#define DEBRIEF_SERVER_STORAGE_ACCOUNT_STORE_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "server/core/account.h"
#include "server/core/account_memory.h"
#include "server/core/ticket.h"

namespace debrief::storage {

// What to load for one decision (or one health report).
struct AccountStateQuery {
  std::string account_id;
  // Closes with closed_at in (as_of - lookback, as_of] are loaded.
  absl::Time as_of;
  absl::Duration lookback;
  // Fingerprints to count other accounts for, over (as_of - error_spread_window, as_of].
  std::vector<std::string> error_fingerprints;
  absl::Duration error_spread_window;
};

// An account as stored, with the closes a decision rolls over.
struct AccountState {
  // Stored fields; only the id is set for an account never stored.
  core::Account account;
  // Optimistic-concurrency version; 0 when the account was never stored.
  int64_t version = 0;
  // Scores as of the last close.
  int renewal_risk = 0;
  int expansion_score = 0;
  // Closes on record.
  int64_t total_tickets = 0;
  // Last change (close, upsert); unset when never stored.
  absl::Time updated_at = absl::InfinitePast();
  // The queried closes, oldest first.
  std::vector<core::AccountClose> closes;
  // Other accounts that reported each queried fingerprint (absent when none).
  std::map<std::string, int> other_accounts_by_fingerprint;
};

// The account half of a close, committed by HistoryStore::RecordClose.
struct AccountUpdate {
  // The fields to store (stored fields overlaid with the ticket's non-empty ones).
  core::Account account;
  // AccountState::version the decision was made on; the commit is ABORTED (and writes
  // nothing) when the stored version differs.
  int64_t expected_version = 0;
  // Scores after this close.
  int renewal_risk = 0;
  int expansion_score = 0;
  // This close's summary (its escalation decided).
  core::AccountClose close;
  // Timeline entries this close adds.
  std::vector<core::TimelineEntry> timeline;
};

// One page of an account's timeline.
struct TimelinePage {
  // Newest first (by time, then by insertion).
  std::vector<core::TimelineEntry> entries;
  // Where the next page starts; nullopt on the last page.
  std::optional<std::pair<absl::Time, int64_t>> next;
};

// One erasure to carry out.
struct ForgetOrder {
  core::ForgetSubject subject = core::ForgetSubject::kRequesterEmail;
  // E-mail, requester id or account id as requested.
  std::string value;
  std::string reason;
  // Id of the audit record to write.
  std::string audit_id;
  absl::Time at;
};

// The lookup keys ForgetCustomer finds a requester's tickets by, computed from the raw
// ticket before redaction: SHA-256 of the lower-cased, trimmed e-mail address and of the
// requester id, each with a domain prefix. Empty when the field is empty. The raw
// values are never stored.
std::string RequesterEmailKey(absl::string_view email);
std::string RequesterIdKey(absl::string_view requester_id);

// `stored` overlaid with the non-empty fields of `incoming` (an ARR of 0 keeps the stored
// one); the id is `stored`'s when set.
core::Account MergeAccount(const core::Account& stored, const core::Account& incoming);

// Implementations are thread-safe.
class AccountStore {
 public:
  virtual ~AccountStore() = default;

  // The account's state for `query`; version 0 (and only the id set) when never stored.
  virtual absl::StatusOr<AccountState> LoadState(const AccountStateQuery& query) = 0;

  // Up to `limit` timeline entries of `account_id`, newest first, starting after
  // `after` (a previous page's `next`; nullopt for the first page).
  virtual absl::StatusOr<TimelinePage> ReadTimeline(
      absl::string_view account_id, int limit,
      std::optional<std::pair<absl::Time, int64_t>> after) = 0;

  // Creates or updates `accounts` in one durable commit (see MergeAccount), adding an
  // "account_update" timeline entry to each account that changed. Unchanged accounts
  // count as neither created nor updated.
  virtual absl::StatusOr<core::UpsertResult> UpsertAccounts(const std::vector<core::Account>& accounts,
                                                            absl::Time at) = 0;

  // Erases the subject's tickets' text and personal data, keeping their labels and the
  // account aggregates (for an account subject: the account row and timeline are deleted
  // and its aggregates re-keyed to an anonymous id), writes the audit record, and leaves
  // no erased byte in the database file or its write-ahead log. UNAVAILABLE when the log
  // could not be truncated (the erasure itself committed; retrying completes it).
  virtual absl::StatusOr<core::ForgetResult> Forget(const ForgetOrder& order) = 0;
};

}  // namespace debrief::storage

#endif  // DEBRIEF_SERVER_STORAGE_ACCOUNT_STORE_H_
