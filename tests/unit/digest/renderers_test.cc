#include "gtest/gtest.h"
#include "server/digest/digest_format.h"
#include "server/digest/html_renderer.h"
#include "server/digest/markdown_renderer.h"
#include "server/digest/svg_chart.h"

namespace debrief::digest {
namespace {

core::Digest SampleDigest() {
  core::Digest digest;
  digest.audience = core::Team::kProduct;
  digest.period = "2026-W47";
  digest.period_start = absl::FromCivil(absl::CivilSecond(2026, 11, 16, 0, 0, 0), absl::UTCTimeZone());
  digest.period_end = digest.period_start + absl::Hours(24 * 7);
  digest.generated_at = digest.period_end + absl::Hours(9);
  digest.tickets = 120;
  digest.previous_tickets = 100;
  core::DigestItem item;
  item.key = "fp-db";
  item.title = "ERROR <n>: lock wait timeout";
  item.count = 12;
  item.previous_count = 2;
  item.accounts = 2;
  item.account_ids = {"acme", "umbrella"};
  item.arr_cents = 110'000'000;
  item.quotes = {"it says <script>alert(1)</script> & fails"};
  item.ticket_urls = {"https://help.example.com/tickets/7", "generic/test/8"};
  item.weekly_counts = {0, 0, 1, 1, 2, 2, 12};
  item.figures["share_percent"] = 80;
  digest.sections.push_back({"rising_errors", "New and rising errors", {item}});
  digest.sections.push_back({"feature_requests", "Feature requests", {}});
  return digest;
}

TEST(MarkdownRendererTest, ShowsCountsChangeArrQuotesAndTicketLinks) {
  const std::string markdown = RenderMarkdown(SampleDigest(), absl::UTCTimeZone());
  EXPECT_NE(markdown.find("# Product digest — 2026-W47"), std::string::npos) << markdown;
  EXPECT_NE(markdown.find("## New and rising errors"), std::string::npos);
  EXPECT_NE(markdown.find("12 tickets (▲ +10 vs 2 the week before)"), std::string::npos) << markdown;
  EXPECT_NE(markdown.find("ARR 1,100,000"), std::string::npos);
  EXPECT_NE(markdown.find("[#1](https://help.example.com/tickets/7)"), std::string::npos);
  EXPECT_NE(markdown.find("`generic/test/8`"), std::string::npos);
  EXPECT_NE(markdown.find("share 80%"), std::string::npos) << markdown;
  // Customer text cannot inject markup.
  EXPECT_EQ(markdown.find("<script>"), std::string::npos);
  EXPECT_NE(markdown.find("Nothing this week."), std::string::npos);
}

TEST(HtmlRendererTest, IsOneSelfContainedPageWithCharts) {
  const std::string html = RenderHtml(SampleDigest(), absl::UTCTimeZone());
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("class=\"chart trend-chart\""), std::string::npos);
  EXPECT_NE(html.find("class=\"chart bar-chart\""), std::string::npos);
  EXPECT_NE(html.find("class=\"chart sparkline\""), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("url("), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; fails"), std::string::npos);
  EXPECT_NE(html.find("<a href=\"https://help.example.com/tickets/7\">#1</a>"), std::string::npos);
  EXPECT_NE(html.find("W41"), std::string::npos);  // trend axis labels
}

TEST(HtmlRendererTest, RendersSectionsWithoutWeeklyTrends) {
  core::Digest digest = SampleDigest();
  digest.audience = core::Team::kSuccess;
  for (core::DigestSection& section : digest.sections) {
    for (core::DigestItem& item : section.items) item.weekly_counts.clear();
  }
  const std::string html = RenderHtml(digest, absl::UTCTimeZone());
  EXPECT_EQ(html.find("trend-chart"), std::string::npos);
  EXPECT_NE(html.find("class=\"chart bar-chart\""), std::string::npos);
}

TEST(SvgChartTest, ScalesBarsToTheLargestValue) {
  const std::string svg = BarChartSvg("t", {{"a", 10, "10"}, {"b", 5, "5"}});
  EXPECT_NE(svg.find("width=\"330.0\""), std::string::npos) << svg;
  EXPECT_NE(svg.find("width=\"165.0\""), std::string::npos) << svg;
  EXPECT_EQ(BarChartSvg("t", {}), "");
}

TEST(DigestFormatTest, FormatsArrInMajorUnitsWithSeparators) {
  EXPECT_EQ(FormatArr(0), "0");
  EXPECT_EQ(FormatArr(123456789), "1,234,567");
  EXPECT_EQ(ChangeText(5, 7), "▼ -2");
  EXPECT_EQ(OneLine("  a \n\t b  "), "a b");
}

}  // namespace
}  // namespace debrief::digest
