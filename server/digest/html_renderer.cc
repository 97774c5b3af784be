#include "server/digest/html_renderer.h"

#include <algorithm>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "server/digest/digest_format.h"
#include "server/digest/iso_week.h"
#include "server/digest/svg_chart.h"

namespace debrief::digest {
namespace {

constexpr int kTrendLines = 5;

constexpr char kStyle[] = R"css(
body{font-family:-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:0;background:#f5f6f8;color:#222}
main{max-width:900px;margin:0 auto;padding:24px}
header h1{margin:0 0 4px;font-size:26px}
.period{color:#555;margin:0 0 16px}
.kpis{display:flex;gap:12px;margin-bottom:20px}
.kpi{background:#fff;border-radius:8px;padding:12px 16px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
.kpi b{display:block;font-size:24px}
section{background:#fff;border-radius:8px;padding:16px 20px;margin-bottom:18px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
section h2{font-size:18px;margin:0 0 10px}
table{border-collapse:collapse;width:100%;font-size:13px;margin-top:8px}
th,td{text-align:left;padding:6px 8px;border-top:1px solid #eee;vertical-align:top}
th{color:#666;font-weight:600}
.up{color:#b00020}.down{color:#00796b}.same{color:#666}
blockquote{margin:4px 0;padding:2px 8px;border-left:3px solid #ccc;color:#444;font-style:italic}
.note{color:#555}.figures{color:#666;font-size:12px}
.empty{color:#888;font-style:italic}
svg{max-width:100%;height:auto}
)css";

std::string ChangeCell(int64_t count, int64_t previous) {
  const char* cls = count > previous ? "up" : count < previous ? "down" : "same";
  return absl::StrCat("<span class=\"", cls, "\">", EscapeHtml(ChangeText(count, previous)), "</span>");
}

std::string Link(const std::string& url, size_t index) {
  const bool linkable = url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0;
  if (!linkable) return absl::StrCat("<code>", EscapeHtml(url), "</code>");
  return absl::StrCat("<a href=\"", EscapeHtml(url), "\">#", index + 1, "</a>");
}

void AppendSection(const core::DigestSection& section, const std::vector<std::string>& weeks,
                   std::string& out) {
  absl::StrAppend(&out, "<section id=\"", EscapeHtml(section.id), "\"><h2>",
                  EscapeHtml(section.title), "</h2>");
  if (section.items.empty()) {
    out += "<p class=\"empty\">Nothing this week.</p></section>";
    return;
  }
  // Trend lines of the top items when the section counts tickets over weeks.
  std::vector<TrendSeries> trends;
  for (const core::DigestItem& item : section.items) {
    if (weeks.size() < 2 || item.weekly_counts.size() != weeks.size()) continue;
    trends.push_back({item.title, item.weekly_counts});
    if (static_cast<int>(trends.size()) >= kTrendLines) break;
  }
  if (!trends.empty()) {
    out += TrendChartSvg(absl::StrCat(section.title, ": weekly tickets, ", weeks.front(), " to ",
                                      weeks.back()),
                         weeks, trends);
  }
  const bool by_arr = section.id == "pain_points_by_arr";
  std::vector<Bar> bars;
  for (const core::DigestItem& item : section.items) {
    bars.push_back({item.title, by_arr ? static_cast<double>(item.arr_cents) : static_cast<double>(item.count),
                    by_arr ? FormatArr(item.arr_cents)
                           : absl::StrCat(item.count, " ", ChangeText(item.count, item.previous_count))});
  }
  out += BarChartSvg(absl::StrCat(section.title, ": ", by_arr ? "ARR affected" : "tickets this week"), bars);
  out += "<table><thead><tr><th>#</th><th>Item</th><th>Tickets</th><th>Week over week</th>"
         "<th>Trend</th><th>Accounts</th><th>ARR</th></tr></thead><tbody>";
  int rank = 0;
  for (const core::DigestItem& item : section.items) {
    absl::StrAppend(&out, "<tr><td>", ++rank, "</td><td><b>", EscapeHtml(item.title), "</b>");
    const std::string figures = FiguresText(item);
    if (!figures.empty()) absl::StrAppend(&out, "<div class=\"figures\">", EscapeHtml(figures), "</div>");
    for (const std::string& note : item.notes) {
      absl::StrAppend(&out, "<div class=\"note\">", EscapeHtml(OneLine(note)), "</div>");
    }
    for (const std::string& quote : item.quotes) {
      absl::StrAppend(&out, "<blockquote>", EscapeHtml(OneLine(quote)), "</blockquote>");
    }
    if (!item.ticket_urls.empty()) {
      std::vector<std::string> links;
      for (size_t i = 0; i < item.ticket_urls.size(); ++i) links.push_back(Link(item.ticket_urls[i], i));
      absl::StrAppend(&out, "<div class=\"tickets\">Tickets: ", absl::StrJoin(links, " "), "</div>");
    }
    absl::StrAppend(&out, "</td><td>", item.count, "</td><td>",
                    ChangeCell(item.count, item.previous_count), "</td><td>",
                    SparklineSvg(absl::StrCat(item.title, " weekly"), item.weekly_counts), "</td><td>",
                    item.accounts);
    if (!item.account_ids.empty()) {
      std::vector<std::string> ids;
      for (const std::string& id : item.account_ids) ids.push_back(EscapeHtml(id));
      absl::StrAppend(&out, "<div class=\"figures\">", absl::StrJoin(ids, ", "), "</div>");
    }
    absl::StrAppend(&out, "</td><td>", item.arr_cents > 0 ? FormatArr(item.arr_cents) : "–",
                    "</td></tr>");
  }
  out += "</tbody></table></section>";
}

}  // namespace

std::string RenderHtml(const core::Digest& digest, const absl::TimeZone& zone) {
  // Week labels of the trends: as many weeks as the longest trend, ending at the period.
  size_t trend_weeks = 0;
  for (const core::DigestSection& section : digest.sections) {
    for (const core::DigestItem& item : section.items) {
      trend_weeks = std::max(trend_weeks, item.weekly_counts.size());
    }
  }
  std::vector<std::string> weeks;
  const IsoWeek week = WeekContaining(digest.period_start, zone);
  for (size_t i = trend_weeks; i > 0; --i) {
    weeks.push_back(FormatIsoWeek(AddWeeks(week, -static_cast<int>(i - 1))).substr(5));
  }
  const std::string title = DigestTitle(digest);
  std::string out = absl::StrCat(
      "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>", EscapeHtml(title), "</title><style>", kStyle, "</style></head><body><main><header><h1>",
      EscapeHtml(title), "</h1><p class=\"period\">", EscapeHtml(PeriodText(digest, zone)),
      "</p></header><div class=\"kpis\"><div class=\"kpi\"><b>", digest.tickets,
      "</b>tickets closed</div><div class=\"kpi\"><b>",
      ChangeCell(digest.tickets, digest.previous_tickets), "</b>vs ", digest.previous_tickets,
      " the week before</div></div>");
  for (const core::DigestSection& section : digest.sections) AppendSection(section, weeks, out);
  absl::StrAppend(&out, "<footer class=\"figures\">Generated by Debrief at ",
                  EscapeHtml(absl::FormatTime("%Y-%m-%d %H:%M %Z", digest.generated_at, zone)),
                  ".</footer></main></body></html>\n");
  return out;
}

}  // namespace debrief::digest
