// ISO 8601 weeks ("2026-W47": Monday to Sunday, week 1 holds the year's first Thursday),
// cut in a time zone, so a digest's period starts at local Monday midnight.
//
//   DEBRIEF_ASSIGN_OR_RETURN(IsoWeek week, ParseIsoWeek("2026-W47"));
//   absl::Time start = WeekStart(week, zone), end = WeekStart(NextWeek(week), zone);
#ifndef DEBRIEF_SERVER_DIGEST_ISO_WEEK_H_
#define DEBRIEF_SERVER_DIGEST_ISO_WEEK_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace debrief::digest {

struct IsoWeek {
  int year = 0;
  // 1..52 or 53.
  int week = 0;

  friend bool operator==(const IsoWeek& a, const IsoWeek& b) {
    return a.year == b.year && a.week == b.week;
  }
};

// "YYYY-Www" (e.g. "2026-W47"). INVALID_ARGUMENT naming `field` when malformed or when
// the year has no such week.
absl::StatusOr<IsoWeek> ParseIsoWeek(absl::string_view text, absl::string_view field = "period");
std::string FormatIsoWeek(const IsoWeek& week);

// The Monday the week starts on.
absl::CivilDay WeekMonday(const IsoWeek& week);
// The week holding `day`.
IsoWeek WeekOfDay(absl::CivilDay day);
IsoWeek AddWeeks(const IsoWeek& week, int weeks);

// Local Monday 00:00 of `week` in `zone`.
absl::Time WeekStart(const IsoWeek& week, const absl::TimeZone& zone);
// The week holding `time` in `zone`.
IsoWeek WeekContaining(absl::Time time, const absl::TimeZone& zone);
// The last week that ended at or before `now` in `zone`.
IsoWeek LastCompleteWeek(absl::Time now, const absl::TimeZone& zone);

}  // namespace debrief::digest

#endif  // DEBRIEF_SERVER_DIGEST_ISO_WEEK_H_
