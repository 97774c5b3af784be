// Weekly digests and spike alerts (`digests:` section): how digests are cut and sized,
// when each route gets its weekly digest, and when a count is a spike.
//
//   digests:
//     time_zone: Europe/Paris
//     schedules:
//       - {route: product_weekly, audience: product, weekday: monday, at: "09:00"}
//     spikes: {sigma: 2, baseline_weeks: 6, min_count: 5}
#ifndef DEBRIEF_SERVER_CONFIG_DIGEST_OPTIONS_H_
#define DEBRIEF_SERVER_CONFIG_DIGEST_OPTIONS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace debrief::config {

// One weekly delivery: `audience`'s digest of the week that just ended, sent to the
// destination of `route` every `weekday` at `at` local time in `time_zone`.
struct DigestScheduleOptions {
  // A route name (`routes:`); its destination receives the digest. Required; unique per
  // audience.
  std::string route;
  // product, success or sales. Required.
  std::string audience;
  // monday ... sunday. Default monday.
  std::string weekday = "monday";
  // Local time of day, minutes after midnight (config: "HH:MM"). Default 09:00.
  int minute_of_day = 9 * 60;
  // IANA zone of `weekday`/`at`. Default: digests.time_zone.
  std::string time_zone;
  // Body format carried by the insight: markdown or html. Default markdown.
  std::string format = "markdown";

  bool operator==(const DigestScheduleOptions&) const = default;
};

// When a count is a spike: this week's count c of a key is compared with its counts in the
// `baseline_weeks` weeks before (mean m, standard deviation s) and alerts when
// c >= min_count and c > m + sigma * max(s, min_stddev).
struct SpikeOptions {
  // Default true.
  bool enabled = true;
  // Standard deviations above the baseline mean. Default 2.
  double sigma = 2.0;
  // Weeks of trailing baseline. Default 6 (Chattermill compares a week with 6 months;
  // Thematic with the recent average).
  int baseline_weeks = 6;
  // Counts below this never alert. Default 5.
  int64_t min_count = 5;
  // Floor of the standard deviation, so a flat baseline does not alert on +1. Default 1.
  double min_stddev = 1.0;
  // What is watched: tag, error, competitor, area. Default all four.
  std::vector<std::string> kinds = {"tag", "error", "competitor", "area"};
  // How often the trailing 7 days are checked. Default 1h.
  absl::Duration check_interval = absl::Hours(1);
  // One alert per key at most this often. Default 7 days.
  absl::Duration cooldown = absl::Hours(24 * 7);

  bool operator==(const SpikeOptions&) const = default;
};

struct DigestOptions {
  // IANA time zone that cuts ISO weeks (from the system tzdata). Default UTC.
  std::string time_zone = "UTC";
  // Items per section. Default 10.
  int top_items = 10;
  // Quotes and ticket links per item. Default 3.
  int samples_per_item = 3;
  // Account ids listed per item. Default 10.
  int accounts_per_item = 10;
  // Success digest: renewals within this many days after the period. Default 90.
  int renewal_horizon_days = 90;
  // Success digest: an escalation counts as open this long after its close (Debrief has
  // no feed of escalation outcomes). Default 14 days.
  absl::Duration open_escalation_window = absl::Hours(24 * 14);
  // Weekly deliveries. Default none.
  std::vector<DigestScheduleOptions> schedules;
  SpikeOptions spikes;

  bool operator==(const DigestOptions&) const = default;
};

}  // namespace debrief::config

#endif  // DEBRIEF_SERVER_CONFIG_DIGEST_OPTIONS_H_
