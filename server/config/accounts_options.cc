#include "server/config/accounts_options.h"

#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "server/common/status_macros.h"
#include "server/config/section_parsers.h"

namespace debrief::config {
namespace {

constexpr absl::Duration kDay = absl::Hours(24);

// Named signals each score accepts besides "churn.<kind>" / "expansion.<kind>".
const std::set<std::string>& RiskSignals() {
  static const auto* names = new std::set<std::string>{
      "competitor.switching", "competitor.comparing", "competitor.pricing",
      "competitor.integration", "competitor.mention", "sentiment.negative",
      "sentiment.positive",   "confidence.drop",      "repeat_contact",
      "satisfaction.low"};
  return *names;
}

const std::set<std::string>& ExpansionSignals() {
  static const auto* names = new std::set<std::string>{"feature_request", "sentiment.positive"};
  return *names;
}

absl::Status ReadDuration(YamlMap& map, absl::string_view key, absl::Duration min,
                          absl::Duration max, absl::Duration& out) {
  DEBRIEF_RETURN_IF_ERROR(map.Read(key, out));
  if (out < min || out > max) {
    return ConfigError(JoinPath(map.path(), key),
                       absl::StrCat("must be between ", absl::FormatDuration(min), " and ",
                                    absl::FormatDuration(max)));
  }
  return absl::OkStatus();
}

absl::Status ReadThreshold(YamlMap& map, absl::string_view key, double min, double max,
                           double& out) {
  DEBRIEF_RETURN_IF_ERROR(map.Read(key, out));
  if (!(out >= min && out <= max)) {
    return ConfigError(JoinPath(map.path(), key),
                       absl::StrCat("must be between ", min, " and ", max));
  }
  return absl::OkStatus();
}

// Reads a list of {signal, points}; `prefix` is the open family ("churn." or
// "expansion.") and `named` the other signals the score knows.
absl::Status ReadPoints(YamlMap& map, absl::string_view key, absl::string_view prefix,
                        const std::set<std::string>& named, std::vector<SignalPoints>& out) {
  if (!map.Has(key)) return absl::OkStatus();
  std::vector<SignalPoints> points;
  std::set<std::string> seen;
  const absl::Status status = map.ReadEach(key, [&](YamlMap& item) {
    SignalPoints entry;
    DEBRIEF_RETURN_IF_ERROR(item.Read("signal", entry.signal));
    DEBRIEF_RETURN_IF_ERROR(item.Read("points", entry.points));
    const std::string signal_path = JoinPath(item.path(), "signal");
    const bool family = absl::StartsWith(entry.signal, prefix) && entry.signal.size() > prefix.size();
    if (!family && named.count(entry.signal) == 0) {
      return ConfigError(signal_path,
                         absl::StrCat("unknown signal \"", entry.signal, "\" (use ", prefix,
                                      "<kind>, ", prefix, "* or one of the documented names)"));
    }
    if (!seen.insert(entry.signal).second) {
      return ConfigError(signal_path, absl::StrCat("duplicate signal \"", entry.signal, "\""));
    }
    if (entry.points < -100 || entry.points > 100) {
      return ConfigError(JoinPath(item.path(), "points"), "must be between -100 and 100");
    }
    points.push_back(std::move(entry));
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  out = std::move(points);
  return absl::OkStatus();
}

absl::Status ParseRelationship(YamlMap& map, RelationshipOptions& out) {
  DEBRIEF_RETURN_IF_ERROR(ReadDuration(map, "score_window", kDay, 730 * kDay, out.score_window));
  DEBRIEF_RETURN_IF_ERROR(
      ReadDuration(map, "half_life", absl::ZeroDuration(), 730 * kDay, out.half_life));
  DEBRIEF_RETURN_IF_ERROR(
      ReadThreshold(map, "negative_sentiment_at", -1, 1, out.negative_sentiment_at));
  DEBRIEF_RETURN_IF_ERROR(
      ReadThreshold(map, "positive_sentiment_at", -1, 1, out.positive_sentiment_at));
  DEBRIEF_RETURN_IF_ERROR(ReadThreshold(map, "confidence_drop_at", -2, 0, out.confidence_drop_at));
  DEBRIEF_RETURN_IF_ERROR(ReadThreshold(map, "low_satisfaction_at", 0, 1, out.low_satisfaction_at));
  DEBRIEF_RETURN_IF_ERROR(ReadPoints(map, "renewal_risk", "churn.", RiskSignals(), out.renewal_risk));
  DEBRIEF_RETURN_IF_ERROR(
      ReadPoints(map, "expansion", "expansion.", ExpansionSignals(), out.expansion));
  if (out.negative_sentiment_at >= out.positive_sentiment_at) {
    return ConfigError(JoinPath(map.path(), "negative_sentiment_at"),
                       "must be below positive_sentiment_at");
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ParseAccountsOptions(YamlMap& map, AccountsOptions& out) {
  if (map.Has("windows")) {
    std::vector<std::string> texts;
    DEBRIEF_RETURN_IF_ERROR(map.Read("windows", texts));
    const std::string path = JoinPath(map.path(), "windows");
    if (texts.empty() || texts.size() > 8) return ConfigError(path, "needs 1 to 8 windows");
    std::vector<absl::Duration> windows;
    for (size_t i = 0; i < texts.size(); ++i) {
      const std::string item = absl::StrCat(path, "[", i, "]");
      absl::Duration window;
      DEBRIEF_RETURN_IF_ERROR(ParseDurationText(texts[i], item, window));
      if (window < absl::Hours(1) || window > 730 * kDay) {
        return ConfigError(item, "must be between 1h and 730d");
      }
      if (!windows.empty() && window <= windows.back()) {
        return ConfigError(item, "windows must be listed shortest first, without repeats");
      }
      windows.push_back(window);
    }
    out.windows = std::move(windows);
  }
  DEBRIEF_RETURN_IF_ERROR(ReadDuration(map, "trend_window", absl::Hours(1), 365 * kDay,
                                       out.trend_window));
  DEBRIEF_RETURN_IF_ERROR(ReadDuration(map, "repeat_window", absl::Hours(1), 365 * kDay,
                                       out.repeat_window));
  DEBRIEF_RETURN_IF_ERROR(ReadDuration(map, "error_spread_window", absl::Minutes(1), 30 * kDay,
                                       out.error_spread_window));
  return map.ReadSection("relationship",
                         [&](YamlMap& section) { return ParseRelationship(section, out.relationship); });
}

}  // namespace debrief::config
