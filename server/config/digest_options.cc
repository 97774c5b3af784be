#include "server/config/digest_options.h"

#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "server/common/status_macros.h"
#include "server/config/section_parsers.h"

namespace debrief::config {
namespace {

absl::Status CheckTimeZone(const std::string& name, const std::string& path) {
  absl::TimeZone zone;
  if (!absl::LoadTimeZone(name, &zone)) {
    return ConfigError(path, absl::StrCat("unknown time zone \"", name,
                                          "\" (an IANA name such as Europe/Paris; is tzdata installed?)"));
  }
  return absl::OkStatus();
}

absl::Status CheckRange(YamlMap& map, absl::string_view key, double value, double min, double max) {
  if (!(value >= min && value <= max)) {
    return ConfigError(JoinPath(map.path(), key), absl::StrCat("must be between ", min, " and ", max));
  }
  return absl::OkStatus();
}

// "HH:MM" → minutes after midnight.
absl::Status ReadTimeOfDay(YamlMap& map, absl::string_view key, int& out) {
  if (!map.Has(key)) return absl::OkStatus();
  std::string text;
  DEBRIEF_RETURN_IF_ERROR(map.Read(key, text));
  std::vector<std::string> parts = absl::StrSplit(text, ':');
  int hours = 0;
  int minutes = 0;
  if (parts.size() != 2 || parts[0].empty() || parts[1].size() != 2 ||
      !absl::SimpleAtoi(parts[0], &hours) || !absl::SimpleAtoi(parts[1], &minutes) || hours < 0 ||
      hours > 23 || minutes < 0 || minutes > 59) {
    return ConfigError(JoinPath(map.path(), key), "must be a time of day \"HH:MM\" (00:00 to 23:59)");
  }
  out = hours * 60 + minutes;
  return absl::OkStatus();
}

absl::Status ParseSchedule(YamlMap& item, const DigestOptions& digests, DigestScheduleOptions& out) {
  static const auto* kWeekdays = new std::set<std::string>{
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  DEBRIEF_RETURN_IF_ERROR(item.Read("route", out.route));
  DEBRIEF_RETURN_IF_ERROR(item.Read("audience", out.audience));
  DEBRIEF_RETURN_IF_ERROR(item.Read("weekday", out.weekday));
  DEBRIEF_RETURN_IF_ERROR(ReadTimeOfDay(item, "at", out.minute_of_day));
  out.time_zone = digests.time_zone;
  DEBRIEF_RETURN_IF_ERROR(item.Read("time_zone", out.time_zone));
  DEBRIEF_RETURN_IF_ERROR(item.Read("format", out.format));
  if (out.route.empty()) return ConfigError(JoinPath(item.path(), "route"), "is required");
  if (out.audience != "product" && out.audience != "success" && out.audience != "sales") {
    return ConfigError(JoinPath(item.path(), "audience"), "must be product, success or sales");
  }
  out.weekday = absl::AsciiStrToLower(out.weekday);
  if (kWeekdays->count(out.weekday) == 0) {
    return ConfigError(JoinPath(item.path(), "weekday"), "must be a day name, monday to sunday");
  }
  if (out.format != "markdown" && out.format != "html") {
    return ConfigError(JoinPath(item.path(), "format"), "must be markdown or html");
  }
  return CheckTimeZone(out.time_zone, JoinPath(item.path(), "time_zone"));
}

absl::Status ParseSpikes(YamlMap& map, SpikeOptions& out) {
  static const auto* kKinds = new std::set<std::string>{"tag", "error", "competitor", "area"};
  DEBRIEF_RETURN_IF_ERROR(map.Read("enabled", out.enabled));
  DEBRIEF_RETURN_IF_ERROR(map.Read("sigma", out.sigma));
  DEBRIEF_RETURN_IF_ERROR(CheckRange(map, "sigma", out.sigma, 0.5, 10));
  DEBRIEF_RETURN_IF_ERROR(map.Read("baseline_weeks", out.baseline_weeks));
  DEBRIEF_RETURN_IF_ERROR(CheckRange(map, "baseline_weeks", out.baseline_weeks, 2, 52));
  DEBRIEF_RETURN_IF_ERROR(map.Read("min_count", out.min_count));
  DEBRIEF_RETURN_IF_ERROR(CheckRange(map, "min_count", static_cast<double>(out.min_count), 1, 1e9));
  DEBRIEF_RETURN_IF_ERROR(map.Read("min_stddev", out.min_stddev));
  DEBRIEF_RETURN_IF_ERROR(CheckRange(map, "min_stddev", out.min_stddev, 0, 1e6));
  if (map.Has("kinds")) {
    DEBRIEF_RETURN_IF_ERROR(map.Read("kinds", out.kinds));
    for (const std::string& kind : out.kinds) {
      if (kKinds->count(kind) == 0) {
        return ConfigError(JoinPath(map.path(), "kinds"),
                           absl::StrCat("unknown kind \"", kind, "\" (tag, error, competitor, area)"));
      }
    }
  }
  DEBRIEF_RETURN_IF_ERROR(map.Read("check_interval", out.check_interval));
  if (out.check_interval < absl::Minutes(1)) {
    return ConfigError(JoinPath(map.path(), "check_interval"), "must be at least 1m");
  }
  DEBRIEF_RETURN_IF_ERROR(map.Read("cooldown", out.cooldown));
  if (out.cooldown < absl::ZeroDuration()) {
    return ConfigError(JoinPath(map.path(), "cooldown"), "must not be negative");
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ParseDigestOptions(YamlMap& map, DigestOptions& out) {
  DEBRIEF_RETURN_IF_ERROR(map.Read("time_zone", out.time_zone));
  DEBRIEF_RETURN_IF_ERROR(CheckTimeZone(out.time_zone, JoinPath(map.path(), "time_zone")));
  DEBRIEF_RETURN_IF_ERROR(map.Read("top_items", out.top_items));
  DEBRIEF_RETURN_IF_ERROR(CheckRange(map, "top_items", out.top_items, 1, 100));
  DEBRIEF_RETURN_IF_ERROR(map.Read("samples_per_item", out.samples_per_item));
  DEBRIEF_RETURN_IF_ERROR(CheckRange(map, "samples_per_item", out.samples_per_item, 0, 20));
  DEBRIEF_RETURN_IF_ERROR(map.Read("accounts_per_item", out.accounts_per_item));
  DEBRIEF_RETURN_IF_ERROR(CheckRange(map, "accounts_per_item", out.accounts_per_item, 0, 100));
  DEBRIEF_RETURN_IF_ERROR(map.Read("renewal_horizon_days", out.renewal_horizon_days));
  DEBRIEF_RETURN_IF_ERROR(
      CheckRange(map, "renewal_horizon_days", out.renewal_horizon_days, 1, 366));
  DEBRIEF_RETURN_IF_ERROR(map.Read("open_escalation_window", out.open_escalation_window));
  if (out.open_escalation_window < absl::Hours(24)) {
    return ConfigError(JoinPath(map.path(), "open_escalation_window"), "must be at least 1 day");
  }
  std::set<std::pair<std::string, std::string>> seen;
  if (map.Has("schedules")) {
    DEBRIEF_RETURN_IF_ERROR(map.ReadEach("schedules", [&](YamlMap& item) {
      DigestScheduleOptions schedule;
      DEBRIEF_RETURN_IF_ERROR(ParseSchedule(item, out, schedule));
      if (!seen.emplace(schedule.route, schedule.audience).second) {
        return ConfigError(item.path(), absl::StrCat("route \"", schedule.route,
                                                     "\" already has a ", schedule.audience,
                                                     " digest schedule"));
      }
      out.schedules.push_back(std::move(schedule));
      return absl::OkStatus();
    }));
  }
  if (map.Has("spikes")) {
    DEBRIEF_RETURN_IF_ERROR(
        map.ReadSection("spikes", [&](YamlMap& spikes) { return ParseSpikes(spikes, out.spikes); }));
  }
  return absl::OkStatus();
}

}  // namespace debrief::config
