// The queries digests and spike alerts are built from, over the per-ticket facts that
// migration 6 keeps beside every recorded close (kinds: "ticket", "tag", "root_cause",
// "error", "competitor", "area", "feature"), account memory, and the records that make
// scheduled delivery and spike alerts happen once.
//
//   DEBRIEF_ASSIGN_OR_RETURN(auto series, store.CountFacts({.kinds = {"error"},
//                                                          .edges = week_starts}));
#ifndef DEBRIEF_SERVER_STORAGE_DIGEST_STORE_H_
#define DEBRIEF_SERVER_STORAGE_DIGEST_STORE_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace debrief::storage {

// Consecutive time buckets [edges[i], edges[i+1]) (weeks cut in a time zone need not be
// of equal length).
struct FactCountQuery {
  std::vector<std::string> kinds;
  // Increasing; at least two.
  std::vector<absl::Time> edges;
};

// Tickets per bucket of one (kind, key); only keys seen in some bucket are returned.
struct FactSeries {
  std::string kind;
  std::string key;
  // One count per bucket, oldest first.
  std::vector<int64_t> counts;
};

// Samples and breakdowns of one (kind, key) over [start, end).
struct FactDetail {
  std::string kind;
  std::string key;
  int64_t tickets = 0;
  // Every distinct non-empty account id involved, sorted.
  std::vector<std::string> account_ids;
  // Tickets per detail value (competitor context, feedback kind, normalized error).
  std::map<std::string, int64_t> by_detail;
  // Up to `samples` non-empty quotes and ticket links, newest first.
  std::vector<std::string> quotes;
  std::vector<std::string> ticket_urls;
};

// The distinct accounts of one key over a period and the sum of their ARR.
struct KeyReach {
  int64_t accounts = 0;
  int64_t arr_cents = 0;
};

// An account's stored fields and scores.
struct DigestAccount {
  std::string account_id;
  std::string name;
  int64_t arr_cents = 0;
  // "YYYY-MM-DD" or "".
  std::string renewal_date;
  int renewal_risk = 0;
  int expansion_score = 0;
};

// What happened to one account over [start, end).
struct AccountActivity {
  std::string account_id;
  // Closes, and those recommended for escalation (escalate or urgent) or ending negative.
  int64_t tickets = 0;
  int64_t escalated = 0;
  int64_t negative = 0;
  // Sum of the closes' sentiment deltas (the confidence change).
  double confidence_change = 0;
  // Sums of the account timeline's score deltas, and the summaries of the entries that
  // moved a score, newest first.
  int64_t renewal_risk_delta = 0;
  int64_t expansion_delta = 0;
  std::vector<std::string> risk_reasons;
  std::vector<std::string> expansion_reasons;
};

// One close recommended for escalation.
struct EscalatedClose {
  std::string account_id;
  std::string ticket_id;
  std::string ticket_url;
  // "escalate" or "urgent".
  std::string level;
  // The first escalation reason.
  std::string reason;
  absl::Time at;
};

// Implementations are thread-safe.
class DigestStore {
 public:
  virtual ~DigestStore() = default;

  // Ticket counts per (kind, key) and bucket. UNAVAILABLE on storage failure.
  virtual absl::StatusOr<std::vector<FactSeries>> CountFacts(const FactCountQuery& query) = 0;

  // Details of the given keys of `kind` over [start, end), in the order of `keys`.
  virtual absl::StatusOr<std::vector<FactDetail>> DescribeFacts(absl::string_view kind,
                                                               const std::vector<std::string>& keys,
                                                               absl::Time start, absl::Time end,
                                                               int samples) = 0;

  // Per key of `kind` over [start, end): distinct accounts and their summed stored ARR
  // (accounts not stored count with ARR 0).
  virtual absl::StatusOr<std::map<std::string, KeyReach>> ReachByKey(absl::string_view kind,
                                                                     absl::Time start,
                                                                     absl::Time end) = 0;

  // The stored accounts among `account_ids` (unknown ids are left out).
  virtual absl::StatusOr<std::map<std::string, DigestAccount>> LoadAccounts(
      const std::vector<std::string>& account_ids) = 0;

  // Accounts whose renewal_date is within [first_day, last_day] ("YYYY-MM-DD").
  virtual absl::StatusOr<std::vector<DigestAccount>> AccountsRenewingBetween(
      absl::string_view first_day, absl::string_view last_day) = 0;

  // Activity of every account with a close or a scored timeline entry in [start, end).
  virtual absl::StatusOr<std::vector<AccountActivity>> AccountActivities(absl::Time start,
                                                                        absl::Time end) = 0;

  // Up to `limit` closes in [start, end) recommended for escalation, newest first.
  virtual absl::StatusOr<std::vector<EscalatedClose>> EscalatedCloses(absl::Time start,
                                                                     absl::Time end, int limit) = 0;

  // Whether `route` got `audience`'s digest of `period`.
  virtual absl::StatusOr<bool> HasDelivery(absl::string_view route, absl::string_view audience,
                                           absl::string_view period) = 0;

  // Records that `route` got `audience`'s digest of `period`. False (and nothing written)
  // when it was already recorded.
  virtual absl::StatusOr<bool> ClaimDelivery(absl::string_view route, absl::string_view audience,
                                             absl::string_view period, absl::Time at) = 0;

  // Whether a spike alert of (kind, key) was recorded in (at - cooldown, at].
  virtual absl::StatusOr<bool> RecentSpike(absl::string_view kind, absl::string_view key,
                                           absl::Time at, absl::Duration cooldown) = 0;

  // Records a spike alert of (kind, key) at `at` unless one was recorded in
  // (at - cooldown, at]; false when one was (nothing written).
  virtual absl::StatusOr<bool> ClaimSpike(absl::string_view kind, absl::string_view key,
                                          absl::Time at, absl::Duration cooldown, int64_t count,
                                          double baseline_mean, double baseline_stddev) = 0;
};

}  // namespace debrief::storage

#endif  // DEBRIEF_SERVER_STORAGE_DIGEST_STORE_H_
