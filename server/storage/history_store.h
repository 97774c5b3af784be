// The account support history: recorded closes with their debriefings, keyed for
// idempotency. RecordClose is the one durable commit of a close; everything that must
// not be lost or applied twice with it (account state, outbox rows) joins that commit.
#ifndef DEBRIEF_SERVER_STORAGE_HISTORY_STORE_H_
#define DEBRIEF_SERVER_STORAGE_HISTORY_STORE_H_

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "server/core/close_handler.h"
#include "server/core/debriefing.h"
#include "server/core/insight.h"
#include "server/core/ticket.h"
#include "server/storage/account_store.h"

namespace debrief::storage {

// One close to record.
struct CloseRecord {
  // core::CloseKey of the ticket as delivered.
  std::string close_key;
  // The prepared (normalized, redacted) ticket.
  core::Ticket ticket;
  // The debriefing returned to the caller; its decision_id is unique.
  core::Debriefing debriefing;
  core::CloseMode mode = core::CloseMode::kLive;
  absl::Time recorded_at;
  // The close's account update (account memory), when the ticket names an account; it
  // commits with the ticket or not at all.
  std::optional<AccountUpdate> account;
  // RequesterEmailKey / RequesterIdKey of the raw ticket, for ForgetCustomer.
  std::string requester_email_key;
  std::string requester_id_key;
  // The close's insights and their deliveries (the outbox rows); they commit with the
  // ticket or not at all.
  core::PlannedInsights insights;
};

// What RecordClose did.
struct RecordOutcome {
  // The recorded debriefing: `record.debriefing`, or the earlier one on a replay.
  core::Debriefing debriefing;
  // True when the key was already recorded (nothing was written).
  bool replayed = false;
};

// Implementations are thread-safe.
class HistoryStore {
 public:
  virtual ~HistoryStore() = default;

  // The recorded debriefing of `close_key` (with `replayed` set), or nullopt.
  virtual absl::StatusOr<std::optional<core::Debriefing>> FindClose(absl::string_view close_key) = 0;

  // Records `record` durably (the commit is on disk when this returns OK), or returns the
  // earlier debriefing if its key is already recorded (then nothing, the account update
  // included, is written). ABORTED when `record.account` was decided on a stale account
  // version; UNAVAILABLE on storage failure; either way nothing was written.
  virtual absl::StatusOr<RecordOutcome> RecordClose(const CloseRecord& record) = 0;
};

}  // namespace debrief::storage

#endif  // DEBRIEF_SERVER_STORAGE_HISTORY_STORE_H_
