#include "server/digest/iso_week.h"

#include "gtest/gtest.h"

namespace debrief::digest {
namespace {

TEST(IsoWeekTest, ParsesAndFormatsWeeks) {
  auto week = ParseIsoWeek("2026-W47");
  ASSERT_TRUE(week.ok()) << week.status();
  EXPECT_EQ(week->year, 2026);
  EXPECT_EQ(week->week, 47);
  EXPECT_EQ(FormatIsoWeek(*week), "2026-W47");
  EXPECT_EQ(WeekMonday(*week), absl::CivilDay(2026, 11, 16));
}

TEST(IsoWeekTest, RejectsMalformedPeriodsNamingTheField) {
  for (const char* text : {"2026-47", "2026-W4", "2026-W00", "2026-W54", "W47-2026", "", "2026-W+1"}) {
    auto week = ParseIsoWeek(text, "period");
    ASSERT_FALSE(week.ok()) << text;
    EXPECT_EQ(week.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_NE(week.status().message().find("period"), absl::string_view::npos);
  }
}

TEST(IsoWeekTest, KnowsWhichYearsHaveWeek53) {
  EXPECT_TRUE(ParseIsoWeek("2026-W53").ok());   // 2026 starts on a Thursday
  EXPECT_FALSE(ParseIsoWeek("2025-W53").ok());
}

TEST(IsoWeekTest, AssignsYearBoundaryDaysToTheWeekOfTheirThursday) {
  EXPECT_EQ(FormatIsoWeek(WeekOfDay(absl::CivilDay(2027, 1, 1))), "2026-W53");
  EXPECT_EQ(FormatIsoWeek(WeekOfDay(absl::CivilDay(2025, 12, 29))), "2026-W01");
  EXPECT_EQ(FormatIsoWeek(AddWeeks({2026, 53}, 1)), "2027-W01");
}

TEST(IsoWeekTest, CutsWeeksAtLocalMidnightOfTheTimeZone) {
  absl::TimeZone paris;
  ASSERT_TRUE(absl::LoadTimeZone("Europe/Paris", &paris));
  // Monday 16 Nov 2026 00:00 in Paris is Sunday 23:00 UTC.
  EXPECT_EQ(WeekStart({2026, 47}, paris), absl::FromCivil(absl::CivilSecond(2026, 11, 15, 23, 0, 0),
                                                          absl::UTCTimeZone()));
  const absl::Time sunday_late_utc =
      absl::FromCivil(absl::CivilSecond(2026, 11, 22, 23, 30, 0), absl::UTCTimeZone());
  EXPECT_EQ(FormatIsoWeek(WeekContaining(sunday_late_utc, absl::UTCTimeZone())), "2026-W47");
  EXPECT_EQ(FormatIsoWeek(WeekContaining(sunday_late_utc, paris)), "2026-W48");
  EXPECT_EQ(FormatIsoWeek(LastCompleteWeek(sunday_late_utc, paris)), "2026-W47");
}

}  // namespace
}  // namespace debrief::digest
