#include "server/digest/digest_scheduler.h"

#include <algorithm>
#include <map>
#include <utility>

#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"
#include "server/common/logging.h"
#include "server/common/status_macros.h"
#include "server/digest/html_renderer.h"
#include "server/digest/markdown_renderer.h"
#include "server/digest/spike_detector.h"

namespace debrief::digest {
namespace {

constexpr absl::Duration kDay = absl::Hours(24);

std::optional<absl::Weekday> WeekdayFromName(absl::string_view name) {
  static const std::map<std::string, absl::Weekday, std::less<>> kDays = {
      {"monday", absl::Weekday::monday},       {"tuesday", absl::Weekday::tuesday},
      {"wednesday", absl::Weekday::wednesday}, {"thursday", absl::Weekday::thursday},
      {"friday", absl::Weekday::friday},       {"saturday", absl::Weekday::saturday},
      {"sunday", absl::Weekday::sunday}};
  auto it = kDays.find(name);
  if (it == kDays.end()) return std::nullopt;
  return it->second;
}

bool RouteTakes(const config::RouteOptions& route, absl::string_view kind) {
  return route.kinds.empty() ||
         std::find(route.kinds.begin(), route.kinds.end(), kind) != route.kinds.end();
}

// The audience a spike of `kind` concerns.
core::Team SpikeAudience(absl::string_view kind) {
  return kind == "competitor" ? core::Team::kSales : core::Team::kProduct;
}

// Whether `route` takes the spike of (kind, key): kind and audience match, and its tag or
// competitor filter (when set) names the key. Filters about tickets and accounts
// (min_level, segments, min_arr) do not apply to a spike and let it through.
// Whether `destination` is configured and enabled: nothing is queued for a disabled one.
bool DestinationEnabled(const config::RoutingOptions& routing, absl::string_view destination) {
  return std::any_of(routing.destinations.begin(), routing.destinations.end(),
                     [&](const config::DestinationOptions& d) { return d.name == destination && d.enabled; });
}

bool RouteTakesSpike(const config::RouteOptions& route, const Spike& spike) {
  if (!RouteTakes(route, core::kSpikeDetected)) return false;
  const core::Team audience = SpikeAudience(spike.kind);
  if (!route.audience.empty() && route.audience != core::TeamName(audience)) return false;
  const auto names = [&](const std::vector<std::string>& list) {
    return list.empty() || std::find(list.begin(), list.end(), spike.key) != list.end();
  };
  if (spike.kind == "tag" && !names(route.filters.tags)) return false;
  if (spike.kind == "competitor" && !names(route.filters.competitors)) return false;
  return true;
}

}  // namespace

absl::Time LastScheduledMoment(absl::Time now, absl::Weekday weekday, int minute_of_day,
                               const absl::TimeZone& zone) {
  const absl::CivilDay today = absl::ToCivilDay(now, zone);
  for (int back = 0; back <= 7; ++back) {
    const absl::CivilDay day = today - back;
    if (absl::GetWeekday(day) != weekday) continue;
    const absl::Time moment = absl::FromCivil(
        absl::CivilMinute(day.year(), day.month(), day.day(), minute_of_day / 60, minute_of_day % 60),
        zone);
    if (moment <= now) return moment;
  }
  return absl::InfinitePast();
}

absl::StatusOr<std::unique_ptr<DigestScheduler>> DigestScheduler::Create(
    const config::DigestOptions& digests, const config::RoutingOptions& routing,
    DigestBuilder& builder, storage::DigestStore& store, storage::OutboxStore& outbox,
    const common::Clock& clock, const DigestSchedulerOptions& options) {
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<Schedule> schedules, ResolveSchedules(digests, routing));
  return std::unique_ptr<DigestScheduler>(new DigestScheduler(
      digests, routing, builder, store, outbox, clock, options, std::move(schedules)));
}

absl::Status DigestScheduler::CheckSchedules(const config::DigestOptions& digests,
                                             const config::RoutingOptions& routing) {
  return ResolveSchedules(digests, routing).status();
}

absl::StatusOr<std::vector<DigestScheduler::Schedule>> DigestScheduler::ResolveSchedules(
    const config::DigestOptions& digests, const config::RoutingOptions& routing) {
  std::vector<Schedule> schedules;
  for (size_t i = 0; i < digests.schedules.size(); ++i) {
    const config::DigestScheduleOptions& entry = digests.schedules[i];
    const std::string path = absl::StrCat("digests.schedules[", i, "]");
    Schedule schedule{.options = entry};
    std::optional<core::Team> audience = core::TeamFromName(entry.audience);
    std::optional<absl::Weekday> weekday = WeekdayFromName(entry.weekday);
    if (!audience.has_value()) {
      return absl::InvalidArgumentError(absl::StrCat(path, ".audience: unknown audience"));
    }
    if (!weekday.has_value()) {
      return absl::InvalidArgumentError(absl::StrCat(path, ".weekday: unknown weekday"));
    }
    schedule.audience = *audience;
    schedule.weekday = *weekday;
    if (!absl::LoadTimeZone(entry.time_zone, &schedule.zone)) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ".time_zone: unknown time zone \"", entry.time_zone, "\""));
    }
    auto route = std::find_if(routing.routes.begin(), routing.routes.end(),
                              [&](const config::RouteOptions& r) { return r.name == entry.route; });
    if (route == routing.routes.end()) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ".route: no route named \"", entry.route, "\" in routes"));
    }
    if (!RouteTakes(*route, core::kDigestReady)) {
      return absl::InvalidArgumentError(absl::StrCat(
          path, ".route: route \"", entry.route, "\" does not take digest_ready insights (add it to its kinds)"));
    }
    schedule.destination = route->destination;
    schedule.active = DestinationEnabled(routing, route->destination);
    schedules.push_back(std::move(schedule));
  }
  return schedules;
}

DigestScheduler::~DigestScheduler() { Shutdown(absl::ZeroDuration()); }

absl::StatusOr<SchedulerPass> DigestScheduler::RunOnce() {
  absl::MutexLock pass_lock(&pass_mu_);
  const absl::Time now = clock_.Now();
  SchedulerPass pass;
  absl::Status first_error;
  for (const Schedule& schedule : schedules_) {
    absl::Status status = SendDue(schedule, now, pass);
    if (!status.ok() && first_error.ok()) first_error = std::move(status);
  }
  if (digests_.spikes.enabled &&
      (!last_spike_check_.has_value() || now - *last_spike_check_ >= digests_.spikes.check_interval)) {
    absl::Status status = CheckSpikes(now, pass);
    if (status.ok()) {
      last_spike_check_ = now;
    } else if (first_error.ok()) {
      first_error = std::move(status);
    }
  }
  if (!first_error.ok()) return first_error;
  return pass;
}

absl::Status DigestScheduler::SendDue(const Schedule& schedule, absl::Time now, SchedulerPass& pass) {
  if (!schedule.active) return absl::OkStatus();
  const absl::Time moment =
      LastScheduledMoment(now, schedule.weekday, schedule.options.minute_of_day, schedule.zone);
  if (moment == absl::InfinitePast()) return absl::OkStatus();
  const IsoWeek week = LastCompleteWeek(moment, builder_.zone());
  const std::string period = FormatIsoWeek(week);
  const std::string audience(core::TeamName(schedule.audience));
  DEBRIEF_ASSIGN_OR_RETURN(bool delivered,
                           store_.HasDelivery(schedule.options.route, audience, period));
  if (delivered) return absl::OkStatus();

  DEBRIEF_ASSIGN_OR_RETURN(core::Digest digest, builder_.BuildWeek(schedule.audience, week));
  const bool html = schedule.options.format == "html";
  const std::string body =
      html ? RenderHtml(digest, builder_.zone()) : RenderMarkdown(digest, builder_.zone());
  core::Insight insight;
  insight.insight_id = core::InsightId(absl::StrCat("digest|", schedule.options.route, "|", period),
                                       core::kDigestReady, audience);
  insight.kind = std::string(core::kDigestReady);
  insight.audience = schedule.audience;
  insight.created_at = now;
  insight.body_json = nlohmann::json{{"period", period},
                                     {"audience", audience},
                                     {"tickets", digest.tickets},
                                     {"previous_tickets", digest.previous_tickets},
                                     {"format", schedule.options.format},
                                     {"content_type", html ? "text/html" : "text/markdown"},
                                     {"body", body}}
                          .dump();
  core::PlannedInsights planned;
  planned.deliveries.push_back({insight.insight_id, schedule.destination, schedule.options.route, "{}"});
  planned.insights.push_back(std::move(insight));
  DEBRIEF_RETURN_IF_ERROR(outbox_.Enqueue(planned, now));
  DEBRIEF_RETURN_IF_ERROR(store_.ClaimDelivery(schedule.options.route, audience, period, now).status());
  pass.digests_sent.push_back(absl::StrCat(schedule.options.route, "/", audience, "/", period));
  common::ModuleLogger("digest")
      ->info("{} digest {} enqueued for route {}", audience, period, schedule.options.route);
  return absl::OkStatus();
}

absl::Status DigestScheduler::CheckSpikes(absl::Time now, SchedulerPass& pass) {
  // Trailing 7 days and the baseline weeks before them.
  const int weeks = digests_.spikes.baseline_weeks + 1;
  std::vector<absl::Time> edges;
  for (int i = weeks; i >= 0; --i) edges.push_back(now - i * 7 * kDay);
  DEBRIEF_ASSIGN_OR_RETURN(std::vector<storage::FactSeries> series,
                           store_.CountFacts({.kinds = digests_.spikes.kinds, .edges = edges}));
  const std::string day = absl::FormatTime("%Y-%m-%d", now, builder_.zone());
  for (const Spike& spike : DetectSpikes(series, digests_.spikes)) {
    core::PlannedInsights planned;
    core::Insight insight;
    insight.insight_id = core::InsightId(absl::StrCat("spike|", day), core::kSpikeDetected,
                                         absl::StrCat(spike.kind, ":", spike.key));
    insight.kind = std::string(core::kSpikeDetected);
    insight.audience = SpikeAudience(spike.kind);
    insight.created_at = now;
    insight.body_json =
        nlohmann::json{{"kind", spike.kind},
                       {"key", spike.key},
                       {"count", spike.count},
                       {"baseline_mean", spike.verdict.mean},
                       {"baseline_stddev", spike.verdict.stddev},
                       {"threshold", spike.verdict.threshold},
                       {"baseline_weeks", digests_.spikes.baseline_weeks},
                       {"window_start_unix_micros", absl::ToUnixMicros(edges[edges.size() - 2])},
                       {"window_end_unix_micros", absl::ToUnixMicros(now)}}
            .dump();
    for (const config::RouteOptions& route : routing_.routes) {
      if (RouteTakesSpike(route, spike) && DestinationEnabled(routing_, route.destination)) {
        planned.deliveries.push_back({insight.insight_id, route.destination, route.name, "{}"});
      }
    }
    planned.insights.push_back(std::move(insight));
    // Already alerted within the cooldown: nothing to send.
    DEBRIEF_ASSIGN_OR_RETURN(bool recent,
                             store_.RecentSpike(spike.kind, spike.key, now, digests_.spikes.cooldown));
    if (recent) continue;
    DEBRIEF_RETURN_IF_ERROR(outbox_.Enqueue(planned, now));
    DEBRIEF_RETURN_IF_ERROR(store_
                                .ClaimSpike(spike.kind, spike.key, now, digests_.spikes.cooldown,
                                            spike.count, spike.verdict.mean, spike.verdict.stddev)
                                .status());
    pass.spikes_sent.push_back(absl::StrCat(spike.kind, ":", spike.key));
    common::ModuleLogger("digest")
        ->info("spike: {} {} at {} (baseline {:.1f} ± {:.1f})", spike.kind, spike.key, spike.count,
               spike.verdict.mean, spike.verdict.stddev);
  }
  return absl::OkStatus();
}

void DigestScheduler::Start() {
  thread_ = std::thread([this] { Run(); });
}

void DigestScheduler::Run() {
  while (true) {
    absl::StatusOr<SchedulerPass> pass = RunOnce();
    if (!pass.ok()) {
      common::ModuleLogger("digest")->warn("digest pass failed (retried next pass): {}",
                                            pass.status().ToString());
    }
    absl::MutexLock lock(&mu_);
    const auto stopping = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return stopping_; };
    if (mu_.AwaitWithTimeout(absl::Condition(&stopping), options_.poll_interval)) return;
  }
}

void DigestScheduler::Shutdown(absl::Duration deadline) {
  (void)deadline;
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
}

}  // namespace debrief::digest
