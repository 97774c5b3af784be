// The durable inbox of helpdesk webhook deliveries: the webhook route accepts a close into
// it (durably, before answering the vendor) and the inbox worker drains it (enrich,
// debrief, write back). Deliveries are keyed by (source, delivery id), so a vendor's
// re-delivery is answered from the first one's record. rpc/ and ingest/ use this
// interface; storage/ implements it.
#ifndef DEBRIEF_SERVER_CORE_WEBHOOK_INBOX_H_
#define DEBRIEF_SERVER_CORE_WEBHOOK_INBOX_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "server/core/ticket.h"

namespace debrief::core {

// Where a delivery stands.
enum class DeliveryState {
  // Accepted, not yet debriefed (or waiting for a retry).
  kPending,
  // Debriefed and recorded; the ticket payload is gone, the result stays for dedupe.
  kDone,
  // Given up on (the reason is in `error`); the ticket payload is gone.
  kFailed,
};

// "pending", "done", "failed".
inline absl::string_view DeliveryStateName(DeliveryState state) {
  switch (state) {
    case DeliveryState::kDone: return "done";
    case DeliveryState::kFailed: return "failed";
    case DeliveryState::kPending: break;
  }
  return "pending";
}

// One accepted close delivery.
struct InboxDelivery {
  // The source name from the configuration (the {source} of the URL).
  std::string source;
  // The vendor's delivery id, or the documented fallback digest; unique per source.
  std::string delivery_key;
  // The normalized ticket as delivered (before redaction; deleted once processed).
  Ticket ticket;
  // True when the vendor's API has what the payload left out (fetched when an API is
  // configured). The ticket's `partial` says whether the conversation is incomplete
  // without it.
  bool enrich = false;
  // True when the payload itself confirmed the close (false: enrichment must confirm it).
  bool close_confirmed = true;
  absl::Time received_at;
};

// A pending delivery as the worker sees it.
struct InboxEntry {
  int64_t id = 0;
  InboxDelivery delivery;
  // Processing attempts so far.
  int attempts = 0;
};

// What the inbox holds for a delivery key.
struct DeliveryRecord {
  int64_t id = 0;
  DeliveryState state = DeliveryState::kPending;
  // JSON object describing the outcome (decision id, tags, escalation); empty while pending.
  std::string result_json;
  // Why it failed, or the last retryable error while pending.
  std::string error;
};

// What Accept did.
struct AcceptOutcome {
  DeliveryRecord record;
  // True when the key was already in the inbox (nothing was written).
  bool duplicate = false;
};

// Implementations are thread-safe.
class WebhookInbox {
 public:
  virtual ~WebhookInbox() = default;

  // Stores `delivery` as pending, durably (on disk when this returns OK), or returns the
  // existing record of its (source, delivery_key). UNAVAILABLE when it cannot commit
  // (nothing was written; the vendor should retry).
  virtual absl::StatusOr<AcceptOutcome> Accept(const InboxDelivery& delivery) = 0;

  // Pending deliveries due at `now` (never attempted, or their retry time has come), oldest
  // first, at most `limit`, excluding the ids in `skip` (being processed).
  virtual absl::StatusOr<std::vector<InboxEntry>> Due(absl::Time now, int limit,
                                                      const std::vector<int64_t>& skip) = 0;

  // Marks `id` done with `result_json` and deletes its ticket payload.
  virtual absl::Status Complete(int64_t id, absl::string_view result_json, absl::Time now) = 0;

  // Counts a failed attempt of `id` and makes it due again at `next_attempt`.
  virtual absl::Status Retry(int64_t id, absl::Time next_attempt, absl::string_view error) = 0;

  // Marks `id` failed with `error` and deletes its ticket payload.
  virtual absl::Status Fail(int64_t id, absl::string_view error, absl::Time now) = 0;

  // Forgets finished deliveries of `source` processed before `before` (their delivery ids
  // are outside the vendor's retry horizon); returns how many.
  virtual absl::StatusOr<int64_t> Purge(absl::string_view source, absl::Time before) = 0;

  // Deliveries still pending.
  virtual absl::StatusOr<int64_t> PendingCount() = 0;
};

}  // namespace debrief::core

#endif  // DEBRIEF_SERVER_CORE_WEBHOOK_INBOX_H_
