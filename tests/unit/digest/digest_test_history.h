// The history the digest tests share: seven ISO weeks (2026-W41 to 2026-W47, UTC) with
// known trends. In 2026-W47: "login" spikes (3/week → 20) while "billing" stays in its
// noise; error fp-db rises from 2 to 12, fp-new appears, fp-timeout creeps up by one and
// fp-falling falls; "csv export" is asked by three accounts and "sso" by one large one;
// Zendesk is mentioned three times (switching twice); acme's renewal risk rises, renews
// within 90 days and has an open urgent escalation.
#ifndef DEBRIEF_TESTS_UNIT_DIGEST_DIGEST_TEST_HISTORY_H_
#define DEBRIEF_TESTS_UNIT_DIGEST_DIGEST_TEST_HISTORY_H_

#include "server/digest/iso_week.h"
#include "tests/unit/digest/generated_history.h"

namespace debrief::testing {

inline constexpr int64_t kAcmeArr = 10'000'000;
inline constexpr int64_t kGlobexArr = 5'000'000;
inline constexpr int64_t kInitechArr = 2'500'000;
inline constexpr int64_t kUmbrellaArr = 100'000'000;

// Start of week `index` (0 = 2026-W41 ... 6 = 2026-W47) in UTC.
inline absl::Time TestWeek(int index) {
  return digest::WeekStart(digest::AddWeeks({2026, 41}, index), absl::UTCTimeZone());
}

// Fills `history` as described above; returns the closes recorded in 2026-W47.
int FillTestHistory(GeneratedHistory& history);

}  // namespace debrief::testing

#endif  // DEBRIEF_TESTS_UNIT_DIGEST_DIGEST_TEST_HISTORY_H_
