// Digests as the server's modules see them: the core mirror of debrief.v1 digest.proto
// and the interface rpc/ and app/ call to build one (digest/ implements it).
#ifndef DEBRIEF_SERVER_CORE_DIGEST_H_
#define DEBRIEF_SERVER_CORE_DIGEST_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "server/core/debriefing.h"

namespace debrief::core {

// One ranked item of a digest section. Values match debrief.v1.DigestItem.
struct DigestItem {
  // Tag, fingerprint, theme, account id or competitor.
  std::string key;
  std::string title;
  // This period and the one before.
  int64_t count = 0;
  int64_t previous_count = 0;
  // Sum of the ARR of the distinct accounts involved, in minor units.
  int64_t arr_cents = 0;
  // Distinct accounts involved, and their ids (at most DigestOptions::accounts_per_item).
  int accounts = 0;
  std::vector<std::string> account_ids;
  // Redacted customer words.
  std::vector<std::string> quotes;
  std::vector<std::string> ticket_urls;
  // Weekly counts ending with this period, oldest first (for trend lines).
  std::vector<int64_t> weekly_counts;
  // Extra figures by name ("renewal_risk", "share_percent", "context.switching").
  std::map<std::string, double> figures;
  // Reasons or notes, one line each (never ticket text other than quotes).
  std::vector<std::string> notes;
};

// A titled ranked list. Values match debrief.v1.DigestSection.
struct DigestSection {
  // Stable id ("pain_points", "rising_errors", ...).
  std::string id;
  std::string title;
  // Most important first.
  std::vector<DigestItem> items;
};

// A digest for one audience and ISO week. Value type; thread-compatible.
struct Digest {
  Team audience = Team::kUnspecified;
  // "2026-W47".
  std::string period;
  // [period_start, period_end) in the digest time zone.
  absl::Time period_start;
  absl::Time period_end;
  absl::Time generated_at;
  // Tickets closed in the period, and in the period before.
  int64_t tickets = 0;
  int64_t previous_tickets = 0;
  std::vector<DigestSection> sections;
};

// Builds digests. Implementations are thread-safe.
class DigestSource {
 public:
  virtual ~DigestSource() = default;

  // The digest of `audience` (product, success or sales) for ISO week `period`
  // ("2026-W47"; empty means the last complete week). INVALID_ARGUMENT naming
  // "audience" or "period" when either is not accepted; UNAVAILABLE on storage failure.
  virtual absl::StatusOr<Digest> BuildDigest(Team audience, absl::string_view period) = 0;
};

}  // namespace debrief::core

#endif  // DEBRIEF_SERVER_CORE_DIGEST_H_
