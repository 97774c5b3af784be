// DigestStore over the embedded SQLite database (tables of migration 6, accounts and
// account_timeline of migration 3).
#ifndef DEBRIEF_SERVER_STORAGE_SQLITE_DIGEST_STORE_H_
#define DEBRIEF_SERVER_STORAGE_SQLITE_DIGEST_STORE_H_

#include "server/storage/digest_store.h"
#include "server/storage/sqlite_database.h"

namespace debrief::storage {

// Thread-safe (SqliteDatabase serializes access). `database` must outlive it.
class SqliteDigestStore final : public DigestStore {
 public:
  explicit SqliteDigestStore(SqliteDatabase& database) : database_(database) {}

  absl::StatusOr<std::vector<FactSeries>> CountFacts(const FactCountQuery& query) override;
  absl::StatusOr<std::vector<FactDetail>> DescribeFacts(absl::string_view kind,
                                                       const std::vector<std::string>& keys,
                                                       absl::Time start, absl::Time end,
                                                       int samples) override;
  absl::StatusOr<std::map<std::string, KeyReach>> ReachByKey(absl::string_view kind,
                                                             absl::Time start,
                                                             absl::Time end) override;
  absl::StatusOr<std::map<std::string, DigestAccount>> LoadAccounts(
      const std::vector<std::string>& account_ids) override;
  absl::StatusOr<std::vector<DigestAccount>> AccountsRenewingBetween(
      absl::string_view first_day, absl::string_view last_day) override;
  absl::StatusOr<std::vector<AccountActivity>> AccountActivities(absl::Time start,
                                                                absl::Time end) override;
  absl::StatusOr<std::vector<EscalatedClose>> EscalatedCloses(absl::Time start, absl::Time end,
                                                             int limit) override;
  absl::StatusOr<bool> HasDelivery(absl::string_view route, absl::string_view audience,
                                   absl::string_view period) override;
  absl::StatusOr<bool> RecentSpike(absl::string_view kind, absl::string_view key, absl::Time at,
                                   absl::Duration cooldown) override;
  absl::StatusOr<bool> ClaimDelivery(absl::string_view route, absl::string_view audience,
                                     absl::string_view period, absl::Time at) override;
  absl::StatusOr<bool> ClaimSpike(absl::string_view kind, absl::string_view key, absl::Time at,
                                  absl::Duration cooldown, int64_t count, double baseline_mean,
                                  double baseline_stddev) override;

 private:
  SqliteDatabase& database_;
};

}  // namespace debrief::storage

#endif  // DEBRIEF_SERVER_STORAGE_SQLITE_DIGEST_STORE_H_
