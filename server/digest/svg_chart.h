// Inline SVG charts for the HTML digest: horizontal bar charts, sparklines and trend
// lines. Each returns one self-contained <svg> element (no scripts, no external assets),
// with a <title> for screen readers. Labels are escaped here.
#ifndef DEBRIEF_SERVER_DIGEST_SVG_CHART_H_
#define DEBRIEF_SERVER_DIGEST_SVG_CHART_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace debrief::digest {

// `text` with &, <, >, " and ' escaped for HTML text and attribute values.
std::string EscapeHtml(absl::string_view text);

struct Bar {
  std::string label;
  double value = 0;
  // Shown right of the bar (e.g. "120 ▲ +20").
  std::string caption;
};

// One bar per entry, longest = the largest value. Empty string when `bars` is empty.
std::string BarChartSvg(absl::string_view title, const std::vector<Bar>& bars);

// A small line of `values` (oldest first), the last point marked.
std::string SparklineSvg(absl::string_view title, const std::vector<int64_t>& values);

struct TrendSeries {
  std::string label;
  std::vector<int64_t> values;
};

// Lines of `series` over `x_labels` (one per value), with a y axis and a legend. Empty
// string when there is nothing to draw.
std::string TrendChartSvg(absl::string_view title, const std::vector<std::string>& x_labels,
                          const std::vector<TrendSeries>& series);

}  // namespace debrief::digest

#endif  // DEBRIEF_SERVER_DIGEST_SVG_CHART_H_
