// Scheduled delivery of weekly digests and spike alerts. Each pass (every
// `poll_interval`) finds, per schedule, the last scheduled moment (weekday and local time
// in the schedule's zone) that has passed; if the week before it was not delivered to
// that route yet, the digest is built, enqueued in the routing outbox as a
// "digest_ready" insight for the route's destination, and recorded as delivered. Every
// `spikes.check_interval` the trailing 7 days are compared with the baseline weeks before
// them and each new spike is enqueued as a "spike_detected" insight for every route that
// takes it.
//
// Restart-safe: an insight's id is derived from what it reports (route, audience, period;
// spike kind, key, day), the outbox ignores an id it already holds, and the delivery and
// spike records are written after the enqueue, so a crash anywhere in a pass never sends
// a digest or an alert twice, and never skips one.
//
//   DEBRIEF_ASSIGN_OR_RETURN(auto scheduler, DigestScheduler::Create(
//       config.digests, config.routing, *builder, *digest_store, *outbox, clock));
//   scheduler->Start();  ...  scheduler->Shutdown(absl::Seconds(5));
#ifndef DEBRIEF_SERVER_DIGEST_DIGEST_SCHEDULER_H_
#define DEBRIEF_SERVER_DIGEST_DIGEST_SCHEDULER_H_

#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "server/common/clock.h"
#include "server/config/digest_options.h"
#include "server/config/routing_options.h"
#include "server/core/insight.h"
#include "server/digest/digest_builder.h"
#include "server/storage/digest_store.h"
#include "server/storage/outbox_store.h"

namespace debrief::digest {

struct DigestSchedulerOptions {
  // Time between passes of the worker thread. Default 1 minute.
  absl::Duration poll_interval = absl::Minutes(1);
};

// What one pass did.
struct SchedulerPass {
  // "route/audience/period" of each digest enqueued.
  std::vector<std::string> digests_sent;
  // "kind:key" of each spike alert enqueued.
  std::vector<std::string> spikes_sent;
};

// Thread-safe: RunOnce may be called from any thread (passes are serialized). Owned by
// app/, which calls Start() once and Shutdown() once; every reference must outlive it.
class DigestScheduler {
 public:
  // INVALID_ARGUMENT naming the schedule key when a schedule names an unknown route, a
  // route that does not take digest_ready, or a time zone that cannot be loaded.
  static absl::StatusOr<std::unique_ptr<DigestScheduler>> Create(
      const config::DigestOptions& digests, const config::RoutingOptions& routing,
      DigestBuilder& builder, storage::DigestStore& store, storage::OutboxStore& outbox,
      const common::Clock& clock, const DigestSchedulerOptions& options = {});

  // What Create checks of the configuration alone (for `debriefd check-config`).
  static absl::Status CheckSchedules(const config::DigestOptions& digests,
                                     const config::RoutingOptions& routing);

  ~DigestScheduler();

  // One pass at clock.Now(). Errors of one schedule or spike check are returned after the
  // others ran (the next pass retries them).
  absl::StatusOr<SchedulerPass> RunOnce();

  // Starts the worker thread (a first pass runs at once).
  void Start();
  // Stops the worker and joins it. A pass in progress is not interrupted (it is one
  // digest build and a few commits), so `deadline` only bounds the wait between passes.
  void Shutdown(absl::Duration deadline);

 private:
  struct Schedule {
    config::DigestScheduleOptions options;
    core::Team audience;
    absl::TimeZone zone;
    absl::Weekday weekday;
    std::string destination;
    // False when the destination has `enabled: false`: the schedule is kept (so the config
    // is still checked) but sends nothing, as routes to a disabled destination queue nothing.
    bool active = true;
  };

  static absl::StatusOr<std::vector<Schedule>> ResolveSchedules(
      const config::DigestOptions& digests, const config::RoutingOptions& routing);

  DigestScheduler(const config::DigestOptions& digests, const config::RoutingOptions& routing,
                  DigestBuilder& builder, storage::DigestStore& store,
                  storage::OutboxStore& outbox, const common::Clock& clock,
                  const DigestSchedulerOptions& options, std::vector<Schedule> schedules)
      : digests_(digests), routing_(routing), builder_(builder), store_(store), outbox_(outbox),
        clock_(clock), options_(options), schedules_(std::move(schedules)) {}

  absl::Status SendDue(const Schedule& schedule, absl::Time now, SchedulerPass& pass);
  absl::Status CheckSpikes(absl::Time now, SchedulerPass& pass);
  void Run();

  const config::DigestOptions digests_;
  const config::RoutingOptions routing_;
  DigestBuilder& builder_;
  storage::DigestStore& store_;
  storage::OutboxStore& outbox_;
  const common::Clock& clock_;
  const DigestSchedulerOptions options_;
  const std::vector<Schedule> schedules_;

  absl::Mutex pass_mu_;
  std::optional<absl::Time> last_spike_check_ ABSL_GUARDED_BY(pass_mu_);

  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

// The last moment at or before `now` that falls on `weekday` at `minute_of_day` local
// time in `zone`.
absl::Time LastScheduledMoment(absl::Time now, absl::Weekday weekday, int minute_of_day,
                               const absl::TimeZone& zone);

}  // namespace debrief::digest

#endif  // DEBRIEF_SERVER_DIGEST_DIGEST_SCHEDULER_H_
