// The transactional outbox: insights and their pending deliveries. Close-time insights
// commit inside HistoryStore::RecordClose (CloseRecord::insights), so a recorded close
// always has its deliveries and a failed one has none; other producers (digests, spike
// alerts) commit theirs with Enqueue. Dispatchers read the head of each account's queue
// per destination, and record each attempt's outcome. The insights table's sequence is
// the StreamInsights cursor.
//
//   DEBRIEF_ASSIGN_OR_RETURN(auto due, outbox.DueHeads("crm", clock.Now(), 16));
//   ... deliver due[0] ...
//   outbox.MarkDelivered(due[0].id, clock.Now());
#ifndef DEBRIEF_SERVER_STORAGE_OUTBOX_STORE_H_
#define DEBRIEF_SERVER_STORAGE_OUTBOX_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "server/core/insight.h"

namespace debrief::storage {

// One outbox row with its insight.
struct OutboxEntry {
  // Row id; increases with enqueue order.
  int64_t id = 0;
  core::Insight insight;
  core::Delivery delivery;
  // The account id, or the insight id when the insight has no account.
  std::string order_key;
  // Attempts made so far.
  int attempts = 0;
  absl::Time next_attempt_at;
  std::string last_error;
  absl::Time enqueued_at;
  // When it was delivered or dead-lettered; unset while pending.
  std::optional<absl::Time> finished_at;
};

// Which dead letters an admin call applies to; empty/unset fields match everything.
struct DeadLetterQuery {
  std::string destination;
  std::string kind;
  // Dead-lettered in [from, to).
  absl::Time from = absl::InfinitePast();
  absl::Time to = absl::InfiniteFuture();
  // Only rows with id > after_id (paging), at most `limit` of them, oldest first.
  int64_t after_id = 0;
  int limit = 100;
};

// Which insights a feed read returns.
struct InsightQuery {
  // Only insights with sequence > after_sequence.
  int64_t after_sequence = 0;
  // Empty: every audience / every kind.
  std::vector<core::Team> audiences;
  std::vector<std::string> kinds;
  int limit = 100;
};

// Implementations are thread-safe.
class OutboxStore {
 public:
  virtual ~OutboxStore() = default;

  // Stores `planned` durably in one commit, due at `now`. An insight id already stored
  // (and a delivery already queued for it) is left as it is, so enqueueing twice is
  // harmless.
  virtual absl::Status Enqueue(const core::PlannedInsights& planned, absl::Time now) = 0;

  // Up to `limit` pending rows of `destination` that are due at `now` and are the oldest
  // pending row of their order key (so one account's insights go out in order), oldest
  // first.
  virtual absl::StatusOr<std::vector<OutboxEntry>> DueHeads(absl::string_view destination,
                                                            absl::Time now, int limit) = 0;
  // The earliest next_attempt_at of a pending row of `destination`; nullopt when none.
  virtual absl::StatusOr<std::optional<absl::Time>> NextDue(absl::string_view destination) = 0;

  // Outcomes of an attempt on pending row `id` (`attempts` counts it).
  virtual absl::Status MarkDelivered(int64_t id, int attempts, absl::Time at) = 0;
  virtual absl::Status ScheduleRetry(int64_t id, int attempts, absl::Time next_attempt_at,
                                     absl::string_view error) = 0;
  virtual absl::Status MarkDead(int64_t id, int attempts, absl::string_view error, absl::Time at) = 0;
  // Counts pending rows of `destination`.
  virtual absl::StatusOr<int64_t> CountPending(absl::string_view destination) = 0;

  virtual absl::StatusOr<std::vector<OutboxEntry>> ListDead(const DeadLetterQuery& query) = 0;
  // Puts every dead letter matching `query` (paging fields ignored) back to pending, due
  // at `now` with its attempts reset; returns how many.
  virtual absl::StatusOr<int64_t> ReplayDead(const DeadLetterQuery& query, absl::Time now) = 0;

  // Destinations disabled (HTTP 410): name → reason.
  virtual absl::Status DisableDestination(absl::string_view destination, absl::string_view reason,
                                          absl::Time at) = 0;
  virtual absl::Status EnableDestination(absl::string_view destination) = 0;
  virtual absl::StatusOr<std::optional<std::string>> DisabledReason(absl::string_view destination) = 0;

  // Stored insights in sequence order.
  virtual absl::StatusOr<std::vector<core::Insight>> ReadInsights(const InsightQuery& query) = 0;
  // The highest insight sequence stored; 0 when none.
  virtual absl::StatusOr<int64_t> LastSequence() = 0;
};

}  // namespace debrief::storage

#endif  // DEBRIEF_SERVER_STORAGE_OUTBOX_STORE_H_
