// The outbox dispatcher: delivers pending outbox rows to their destinations. Per
// destination it runs `concurrency` workers, keeps one account's insights in order (only
// the oldest pending row of an account is ever attempted, and never twice at once),
// paces to `max_per_second`, retries by the RetryPolicy, stops sending while the
// destination's circuit breaker is open, dead-letters what is refused or too old, and
// disables a destination that answers 410. Delivery is at least once: a row is marked
// delivered only after the destination accepted it, so a crash in between re-sends it
// under the same insight id.
//
//   Dispatcher dispatcher(outbox, clock, random, metrics);
//   DEBRIEF_RETURN_IF_ERROR(dispatcher.AddDestination(options, std::move(webhook)));
//   dispatcher.Start();
//   ...
//   dispatcher.Shutdown(absl::Seconds(5));
#ifndef DEBRIEF_SERVER_ROUTING_DISPATCHER_H_
#define DEBRIEF_SERVER_ROUTING_DISPATCHER_H_

#include <deque>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "server/common/clock.h"
#include "server/common/metrics.h"
#include "server/config/routing_options.h"
#include "server/routing/circuit_breaker.h"
#include "server/routing/destination.h"
#include "server/routing/retry_policy.h"
#include "server/storage/outbox_store.h"

namespace debrief::routing {

struct DispatcherOptions {
  // Longest an idle worker waits before reading the outbox again (Notify wakes it
  // sooner). Default 200ms.
  absl::Duration poll_interval = absl::Milliseconds(200);
  // Due rows read from the outbox per query and destination. Default 64.
  int batch = 64;
};

// Thread-safe. Every reference must outlive it. AddDestination before Start; app/ owns
// the threads through Start() and Shutdown().
class Dispatcher {
 public:
  Dispatcher(storage::OutboxStore& outbox, const common::Clock& clock, common::Random& random,
             common::MetricsRegistry& metrics, DispatcherOptions options = {});
  ~Dispatcher();
  Dispatcher(const Dispatcher&) = delete;
  Dispatcher& operator=(const Dispatcher&) = delete;

  // Registers `destination` under `options.name`. ALREADY_EXISTS for a name given twice;
  // FAILED_PRECONDITION once started.
  absl::Status AddDestination(const config::DestinationOptions& options,
                              std::unique_ptr<Destination> destination);

  // Starts the workers of every enabled destination not disabled in the store.
  absl::Status Start();
  // Stops the workers: attempts in flight finish (up to `deadline`, then the threads are
  // still joined: a destination's own timeout bounds the wait). Idempotent.
  void Shutdown(absl::Duration deadline);
  // Wakes idle workers: something was enqueued.
  void Notify();

  // Delivers on the calling thread, one at a time, everything due now at every
  // destination, until nothing is due (or a breaker or pacing holds); returns the
  // attempts made. For tools and clock-driven runs; not while started.
  int DeliverDue();

  // True when `destination` was disabled (410) since Start or found disabled at Start.
  bool IsDisabled(absl::string_view destination) const;
  // True when a destination named `destination` was added.
  bool HasDestination(absl::string_view destination) const;
  // Re-enables `destination` after a 410 (in the store and in its lane) and wakes its
  // workers; returns whether it was disabled. NOT_FOUND for a name never added.
  absl::StatusOr<bool> EnableDestination(absl::string_view destination);
  // Attempts made to `destination` so far (any outcome).
  int64_t attempts(absl::string_view destination) const;

 private:
  struct Lane;

  // The next row of `lane` to attempt, marked in flight; nullopt when none is due, the
  // destination is disabled, its breaker is open, or pacing holds.
  std::optional<storage::OutboxEntry> Claim(Lane& lane);
  // Attempts `entry`, records the outcome and releases its order key.
  void Attempt(Lane& lane, const storage::OutboxEntry& entry);
  void Work(Lane& lane);
  Lane* FindLane(absl::string_view name) const;

  storage::OutboxStore& outbox_;
  const common::Clock& clock_;
  common::Random& random_;
  common::CounterFamily& deliveries_;
  const DispatcherOptions options_;
  std::vector<std::unique_ptr<Lane>> lanes_;

  absl::Mutex wake_mu_;
  absl::CondVar wake_;
  int64_t wake_generation_ ABSL_GUARDED_BY(wake_mu_) = 0;
  bool stopping_ ABSL_GUARDED_BY(wake_mu_) = false;
  bool started_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace debrief::routing

#endif  // DEBRIEF_SERVER_ROUTING_DISPATCHER_H_
