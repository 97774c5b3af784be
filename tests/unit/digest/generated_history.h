// A digest store over a real SQLite database filled with a generated history: accounts
// with known ARR, closes with chosen tags, errors, competitors and feature requests at
// chosen times, and account timeline entries. Tests state the trends they expect.
#ifndef DEBRIEF_TESTS_UNIT_DIGEST_GENERATED_HISTORY_H_
#define DEBRIEF_TESTS_UNIT_DIGEST_GENERATED_HISTORY_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "server/core/debriefing.h"
#include "server/storage/sqlite_database.h"
#include "server/storage/sqlite_digest_store.h"
#include "server/storage/sqlite_history_store.h"

namespace debrief::testing {

// One close to generate.
struct GeneratedClose {
  absl::Time at;
  std::string account_id;
  std::vector<std::string> tags;
  std::string root_cause;
  // Fingerprint and its verbatim text.
  std::vector<std::pair<std::string, std::string>> errors;
  // Competitor, context and quote.
  struct Mention {
    std::string competitor;
    core::CompetitorContext context = core::CompetitorContext::kMention;
    std::string quote;
  };
  std::vector<Mention> competitors;
  // Feature request theme, area and quote.
  struct Request {
    std::string theme;
    std::string area;
    std::string quote;
  };
  std::vector<Request> feature_requests;
  core::EscalationLevel escalation = core::EscalationLevel::kNone;
  std::string escalation_reason;
  double sentiment_delta = 0;
  core::SentimentLabel sentiment = core::SentimentLabel::kNeutral;
};

// Thread-compatible.
class GeneratedHistory {
 public:
  // Opens a fresh database in a new temp dir; aborts the test on failure.
  GeneratedHistory();

  void AddAccount(const std::string& id, const std::string& name, int64_t arr_cents,
                  const std::string& renewal_date = "", int renewal_risk = 0);
  // Records the close through the history store (as the close pipeline does).
  void AddClose(const GeneratedClose& close);
  // `count` closes of `account_id` at `at` + i minutes, each tagged `tag`.
  void AddTagged(absl::Time at, const std::string& account_id, const std::string& tag, int count);
  void AddTimeline(const std::string& account_id, absl::Time at, const std::string& summary,
                   int renewal_risk_delta, int expansion_delta);

  storage::SqliteDatabase& database() { return *database_; }
  storage::SqliteDigestStore& store() { return *store_; }
  const std::string& dir() const { return dir_; }

 private:
  std::string dir_;
  std::unique_ptr<storage::SqliteDatabase> database_;
  std::unique_ptr<storage::SqliteHistoryStore> history_;
  std::unique_ptr<storage::SqliteDigestStore> store_;
  int next_ticket_ = 1;
};

}  // namespace debrief::testing

#endif  // DEBRIEF_TESTS_UNIT_DIGEST_GENERATED_HISTORY_H_
