#include "server/digest/svg_chart.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace debrief::digest {
namespace {

// Colour-blind-safe palette (Okabe-Ito).
constexpr const char* kPalette[] = {"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9",
                                    "#D55E00", "#F0E442", "#000000"};

std::string Shorten(absl::string_view text, size_t max) {
  if (text.size() <= max) return std::string(text);
  size_t cut = max;
  // Do not cut a UTF-8 sequence in half.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return absl::StrCat(text.substr(0, cut), "…");
}

}  // namespace

std::string EscapeHtml(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string BarChartSvg(absl::string_view title, const std::vector<Bar>& bars) {
  if (bars.empty()) return "";
  constexpr int kWidth = 640;
  constexpr int kLabelWidth = 200;
  constexpr int kCaptionWidth = 110;
  constexpr int kRow = 26;
  const int height = static_cast<int>(bars.size()) * kRow + 8;
  double max = 0;
  for (const Bar& bar : bars) max = std::max(max, bar.value);
  const double span = kWidth - kLabelWidth - kCaptionWidth;
  std::string svg = absl::StrFormat(
      "<svg class=\"chart bar-chart\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" "
      "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\"><title>%s</title>",
      kWidth, height, kWidth, height, EscapeHtml(title));
  for (size_t i = 0; i < bars.size(); ++i) {
    const Bar& bar = bars[i];
    const int y = static_cast<int>(i) * kRow + 4;
    const double length = max <= 0 ? 0 : std::max(2.0, span * bar.value / max);
    absl::StrAppendFormat(
        &svg,
        "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" font-size=\"12\" fill=\"#333\">%s</text>"
        "<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" rx=\"3\" fill=\"%s\"/>"
        "<text x=\"%.1f\" y=\"%d\" font-size=\"12\" fill=\"#333\">%s</text>",
        kLabelWidth - 8, y + 15, EscapeHtml(Shorten(bar.label, 32)), kLabelWidth, y + 2, length,
        kRow - 8, kPalette[0], kLabelWidth + length + 6, y + 15, EscapeHtml(bar.caption));
  }
  svg += "</svg>";
  return svg;
}

std::string SparklineSvg(absl::string_view title, const std::vector<int64_t>& values) {
  constexpr int kWidth = 96;
  constexpr int kHeight = 24;
  if (values.size() < 2) return "";
  int64_t max = 1;
  for (int64_t value : values) max = std::max(max, value);
  std::string points;
  double last_x = 0;
  double last_y = 0;
  for (size_t i = 0; i < values.size(); ++i) {
    last_x = 2 + (kWidth - 4) * static_cast<double>(i) / static_cast<double>(values.size() - 1);
    last_y = kHeight - 2 - (kHeight - 4) * static_cast<double>(values[i]) / static_cast<double>(max);
    absl::StrAppendFormat(&points, "%s%.1f,%.1f", i == 0 ? "" : " ", last_x, last_y);
  }
  return absl::StrFormat(
      "<svg class=\"chart sparkline\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" "
      "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\"><title>%s</title>"
      "<polyline class=\"trend\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"%s\"/>"
      "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"/></svg>",
      kWidth, kHeight, kWidth, kHeight, EscapeHtml(title), kPalette[0], points, last_x, last_y,
      kPalette[5]);
}

std::string TrendChartSvg(absl::string_view title, const std::vector<std::string>& x_labels,
                          const std::vector<TrendSeries>& series) {
  if (series.empty() || x_labels.size() < 2) return "";
  constexpr int kWidth = 640;
  constexpr int kHeight = 220;
  constexpr int kLeft = 40;
  constexpr int kRight = 170;
  constexpr int kTop = 10;
  constexpr int kBottom = 30;
  int64_t max = 1;
  for (const TrendSeries& one : series) {
    for (int64_t value : one.values) max = std::max(max, value);
  }
  const double plot_w = kWidth - kLeft - kRight;
  const double plot_h = kHeight - kTop - kBottom;
  const size_t n = x_labels.size();
  const auto x_at = [&](size_t i) { return kLeft + plot_w * static_cast<double>(i) / static_cast<double>(n - 1); };
  const auto y_at = [&](double v) { return kTop + plot_h - plot_h * v / static_cast<double>(max); };
  std::string svg = absl::StrFormat(
      "<svg class=\"chart trend-chart\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" "
      "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\"><title>%s</title>",
      kWidth, kHeight, kWidth, kHeight, EscapeHtml(title));
  // Axes and gridlines at 0, max/2, max.
  for (int step = 0; step <= 2; ++step) {
    const double value = static_cast<double>(max) * step / 2.0;
    absl::StrAppendFormat(&svg,
                          "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                          "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" font-size=\"11\" "
                          "fill=\"#666\">%s</text>",
                          kLeft, y_at(value), kLeft + plot_w, y_at(value), kLeft - 6,
                          y_at(value) + 4, absl::StrFormat("%.0f", value));
  }
  for (size_t i = 0; i < n; ++i) {
    absl::StrAppendFormat(&svg,
                          "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" font-size=\"10\" "
                          "fill=\"#666\">%s</text>",
                          x_at(i), kHeight - 10, EscapeHtml(x_labels[i]));
  }
  for (size_t s = 0; s < series.size(); ++s) {
    const char* colour = kPalette[s % (sizeof(kPalette) / sizeof(kPalette[0]))];
    std::string points;
    for (size_t i = 0; i < n && i < series[s].values.size(); ++i) {
      absl::StrAppendFormat(&points, "%s%.1f,%.1f", i == 0 ? "" : " ", x_at(i),
                            y_at(static_cast<double>(series[s].values[i])));
    }
    absl::StrAppendFormat(&svg,
                          "<polyline class=\"trend\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\" "
                          "points=\"%s\"/>"
                          "<rect x=\"%.1f\" y=\"%zu\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                          "<text x=\"%.1f\" y=\"%zu\" font-size=\"11\" fill=\"#333\">%s</text>",
                          colour, points, kLeft + plot_w + 14, kTop + s * 18, colour,
                          kLeft + plot_w + 28, kTop + s * 18 + 9,
                          EscapeHtml(Shorten(series[s].label, 22)));
  }
  svg += "</svg>";
  return svg;
}

}  // namespace debrief::digest
