#include "server/digest/iso_week.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace debrief::digest {
namespace {

// Days since the Monday of `day`'s week (Monday 0 ... Sunday 6).
int DaysFromMonday(absl::CivilDay day) {
  switch (absl::GetWeekday(day)) {
    case absl::Weekday::monday: return 0;
    case absl::Weekday::tuesday: return 1;
    case absl::Weekday::wednesday: return 2;
    case absl::Weekday::thursday: return 3;
    case absl::Weekday::friday: return 4;
    case absl::Weekday::saturday: return 5;
    case absl::Weekday::sunday: return 6;
  }
  return 0;
}

// Monday of week 1 of ISO year `year` (the week holding January 4th).
absl::CivilDay FirstMonday(int year) {
  const absl::CivilDay january4(year, 1, 4);
  return january4 - DaysFromMonday(january4);
}

int WeeksInYear(int year) {
  return static_cast<int>((FirstMonday(year + 1) - FirstMonday(year)) / 7);
}

}  // namespace

absl::StatusOr<IsoWeek> ParseIsoWeek(absl::string_view text, absl::string_view field) {
  IsoWeek week;
  const auto invalid = [&](absl::string_view why) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": \"", text, "\" ", why, " (expected an ISO week like 2026-W47)"));
  };
  if (text.size() != 8 || text[4] != '-' || (text[5] != 'W' && text[5] != 'w') ||
      !absl::SimpleAtoi(text.substr(0, 4), &week.year) ||
      !absl::SimpleAtoi(text.substr(6, 2), &week.week) || text[0] == '-' || text[0] == '+' ||
      text[6] == '-' || text[6] == '+') {
    return invalid("is not a week");
  }
  if (week.year < 1970 || week.year > 9998) return invalid("is out of range");
  if (week.week < 1 || week.week > WeeksInYear(week.year)) {
    return invalid(absl::StrCat("has no such week (", week.year, " has ", WeeksInYear(week.year),
                                " weeks)"));
  }
  return week;
}

std::string FormatIsoWeek(const IsoWeek& week) {
  return absl::StrFormat("%04d-W%02d", week.year, week.week);
}

absl::CivilDay WeekMonday(const IsoWeek& week) {
  return FirstMonday(week.year) + 7 * (week.week - 1);
}

IsoWeek WeekOfDay(absl::CivilDay day) {
  const absl::CivilDay monday = day - DaysFromMonday(day);
  // The ISO year is the year of the week's Thursday.
  const int year = static_cast<int>((monday + 3).year());
  return {year, static_cast<int>((monday - FirstMonday(year)) / 7) + 1};
}

IsoWeek AddWeeks(const IsoWeek& week, int weeks) { return WeekOfDay(WeekMonday(week) + 7 * weeks); }

absl::Time WeekStart(const IsoWeek& week, const absl::TimeZone& zone) {
  return absl::FromCivil(absl::CivilSecond(WeekMonday(week)), zone);
}

IsoWeek WeekContaining(absl::Time time, const absl::TimeZone& zone) {
  return WeekOfDay(absl::ToCivilDay(time, zone));
}

IsoWeek LastCompleteWeek(absl::Time now, const absl::TimeZone& zone) {
  return AddWeeks(WeekContaining(now, zone), -1);
}

}  // namespace debrief::digest
