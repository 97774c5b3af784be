#include "server/routing/dispatcher.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "server/common/logging.h"

namespace debrief::routing {

struct Dispatcher::Lane {
  Lane(const config::DestinationOptions& o, std::unique_ptr<Destination> d, common::Random& random,
       const common::Clock& clock)
      : options(o), destination(std::move(d)), retry(o.retry, random), breaker(o.circuit_breaker, clock) {}

  const config::DestinationOptions options;
  const std::unique_ptr<Destination> destination;
  const RetryPolicy retry;
  CircuitBreaker breaker;

  mutable absl::Mutex mu;
  // Order keys with an attempt in flight.
  std::set<std::string> in_flight ABSL_GUARDED_BY(mu);
  // Due heads read but not yet attempted, oldest first.
  std::deque<storage::OutboxEntry> ready ABSL_GUARDED_BY(mu);
  // Order keys whose attempt finished since the running refill began: what that refill
  // read of them may already be stale.
  std::set<std::string> finished_during_refill ABSL_GUARDED_BY(mu);
  // Pacing: no attempt starts before it.
  absl::Time next_slot ABSL_GUARDED_BY(mu) = absl::InfinitePast();
  bool disabled ABSL_GUARDED_BY(mu) = false;
  int64_t attempts ABSL_GUARDED_BY(mu) = 0;
  // Serializes outbox reads of this lane, so two workers do not refill at once.
  absl::Mutex refill_mu;
};

Dispatcher::Dispatcher(storage::OutboxStore& outbox, const common::Clock& clock, common::Random& random,
                       common::MetricsRegistry& metrics, DispatcherOptions options)
    : outbox_(outbox),
      clock_(clock),
      random_(random),
      deliveries_(metrics.AddCounter("debrief_insight_deliveries_total",
                                     "Insight delivery attempts by destination and outcome "
                                     "(delivered, retry, dead_letter, disabled).",
                                     {"destination", "outcome"})),
      options_(options) {}

Dispatcher::~Dispatcher() { Shutdown(absl::ZeroDuration()); }

absl::Status Dispatcher::AddDestination(const config::DestinationOptions& options,
                                        std::unique_ptr<Destination> destination) {
  if (started_) return absl::FailedPreconditionError("the dispatcher is already started");
  if (FindLane(options.name) != nullptr) {
    return absl::AlreadyExistsError(absl::StrCat("destination ", options.name, " is registered twice"));
  }
  lanes_.push_back(std::make_unique<Lane>(options, std::move(destination), random_, clock_));
  return absl::OkStatus();
}

Dispatcher::Lane* Dispatcher::FindLane(absl::string_view name) const {
  for (const auto& lane : lanes_) {
    if (lane->options.name == name) return lane.get();
  }
  return nullptr;
}

absl::Status Dispatcher::Start() {
  if (started_) return absl::OkStatus();
  auto log = common::ModuleLogger("routing");
  for (const auto& lane : lanes_) {
    absl::StatusOr<std::optional<std::string>> reason = outbox_.DisabledReason(lane->options.name);
    if (!reason.ok()) return reason.status();
    if (reason->has_value()) {
      absl::MutexLock lock(&lane->mu);
      lane->disabled = true;
      log->warn("destination {} is disabled ({}); its insights stay queued", lane->options.name, **reason);
    }
  }
  started_ = true;
  for (const auto& lane : lanes_) {
    if (!lane->options.enabled) {
      log->info("destination {} is not enabled in config; its insights stay queued", lane->options.name);
      continue;
    }
    for (int i = 0; i < lane->options.concurrency; ++i) {
      threads_.emplace_back([this, l = lane.get()] { Work(*l); });
    }
  }
  return absl::OkStatus();
}

void Dispatcher::Shutdown(absl::Duration /*deadline*/) {
  {
    absl::MutexLock lock(&wake_mu_);
    if (stopping_ && threads_.empty()) return;
    stopping_ = true;
    wake_.SignalAll();
  }
  // Workers check `stopping_` between attempts; an attempt in flight is bounded by its
  // destination's timeout.
  for (std::thread& thread : threads_) thread.join();
  threads_.clear();
}

void Dispatcher::Notify() {
  absl::MutexLock lock(&wake_mu_);
  ++wake_generation_;
  wake_.SignalAll();
}

std::optional<storage::OutboxEntry> Dispatcher::Claim(Lane& lane) {
  const absl::Time now = clock_.Now();
  {
    absl::MutexLock lock(&lane.mu);
    if (lane.disabled || now < lane.next_slot) return std::nullopt;
  }
  if (lane.breaker.probe_at() > now) return std::nullopt;
  absl::MutexLock refill(&lane.refill_mu);
  bool refilled = false;
  while (true) {
    {
      absl::MutexLock lock(&lane.mu);
      while (!lane.ready.empty()) {
        storage::OutboxEntry entry = std::move(lane.ready.front());
        lane.ready.pop_front();
        if (lane.in_flight.count(entry.order_key) > 0) continue;
        if (!lane.breaker.Allow()) {
          lane.ready.push_front(std::move(entry));
          return std::nullopt;
        }
        lane.in_flight.insert(entry.order_key);
        if (lane.options.max_per_second > 0) {
          lane.next_slot = now + absl::Seconds(1) / lane.options.max_per_second;
        }
        ++lane.attempts;
        return entry;
      }
    }
    if (refilled) return std::nullopt;
    {
      absl::MutexLock lock(&lane.mu);
      lane.finished_during_refill.clear();
    }
    absl::StatusOr<std::vector<storage::OutboxEntry>> due =
        outbox_.DueHeads(lane.options.name, now, options_.batch);
    if (!due.ok()) {
      common::ModuleLogger("routing")->error("reading the outbox of {}: {}", lane.options.name,
                                             due.status().ToString());
      return std::nullopt;
    }
    absl::MutexLock lock(&lane.mu);
    lane.ready.clear();
    for (storage::OutboxEntry& entry : *due) {
      // Its account has an attempt in flight or just finished one: this read may be stale.
      if (lane.in_flight.count(entry.order_key) > 0) continue;
      if (lane.finished_during_refill.count(entry.order_key) > 0) continue;
      lane.ready.push_back(std::move(entry));
    }
    refilled = true;
  }
}

void Dispatcher::Attempt(Lane& lane, const storage::OutboxEntry& entry) {
  const int attempts = entry.attempts + 1;
  const DeliveryResult result = lane.destination->Deliver(entry.insight, entry.delivery, attempts);
  lane.breaker.Record(result.outcome != DeliveryResult::Outcome::kRetry);
  const absl::Time now = clock_.Now();
  const NextStep step = lane.retry.After(result, attempts, entry.enqueued_at, now);
  auto log = common::ModuleLogger("routing");
  absl::Status recorded;
  std::string outcome;
  switch (step.action) {
    case NextStep::Action::kDone:
      recorded = outbox_.MarkDelivered(entry.id, attempts, now);
      outcome = "delivered";
      break;
    case NextStep::Action::kRetry:
      recorded = outbox_.ScheduleRetry(entry.id, attempts, step.retry_at, result.error);
      outcome = "retry";
      log->debug("insight {} to {}: attempt {} failed ({}), retry at {}", entry.insight.insight_id,
                 lane.options.name, attempts, result.error, absl::FormatTime(step.retry_at));
      break;
    case NextStep::Action::kDeadLetter:
      recorded = outbox_.MarkDead(entry.id, attempts, step.reason, now);
      outcome = "dead_letter";
      log->warn("insight {} to {} dead-lettered: {}", entry.insight.insight_id, lane.options.name,
                step.reason);
      break;
    case NextStep::Action::kDisableDestination:
      // The row stays pending: re-enabling the destination delivers it.
      recorded = outbox_.ScheduleRetry(entry.id, attempts, now, result.error);
      if (recorded.ok()) recorded = outbox_.DisableDestination(lane.options.name, step.reason, now);
      {
        absl::MutexLock lock(&lane.mu);
        lane.disabled = true;
      }
      outcome = "disabled";
      log->error("destination {} disabled: {}", lane.options.name, step.reason);
      break;
  }
  if (!recorded.ok()) {
    // The row stays as it was: it is attempted again (at least once, same insight id).
    log->error("recording the outcome of insight {} to {}: {}", entry.insight.insight_id,
               lane.options.name, recorded.ToString());
  }
  deliveries_.WithLabels({lane.options.name, outcome}).Increment();
  absl::MutexLock lock(&lane.mu);
  lane.in_flight.erase(entry.order_key);
  lane.finished_during_refill.insert(entry.order_key);
}

void Dispatcher::Work(Lane& lane) {
  while (true) {
    int64_t generation;
    {
      absl::MutexLock lock(&wake_mu_);
      if (stopping_) return;
      generation = wake_generation_;
    }
    if (std::optional<storage::OutboxEntry> entry = Claim(lane)) {
      Attempt(lane, *entry);
      continue;
    }
    absl::Duration wait = options_.poll_interval;
    {
      absl::MutexLock lock(&lane.mu);
      if (lane.next_slot > clock_.Now()) wait = std::min(wait, lane.next_slot - clock_.Now());
    }
    absl::MutexLock lock(&wake_mu_);
    const absl::Time until = absl::Now() + wait;
    while (!stopping_ && wake_generation_ == generation) {
      if (wake_.WaitWithDeadline(&wake_mu_, until)) break;
    }
  }
}

int Dispatcher::DeliverDue() {
  int made = 0;
  for (const auto& lane : lanes_) {
    if (!lane->options.enabled) continue;
    while (std::optional<storage::OutboxEntry> entry = Claim(*lane)) {
      Attempt(*lane, *entry);
      ++made;
    }
  }
  return made;
}

bool Dispatcher::IsDisabled(absl::string_view destination) const {
  Lane* lane = FindLane(destination);
  if (lane == nullptr) return false;
  absl::MutexLock lock(&lane->mu);
  return lane->disabled;
}

bool Dispatcher::HasDestination(absl::string_view destination) const {
  return FindLane(destination) != nullptr;
}

absl::StatusOr<bool> Dispatcher::EnableDestination(absl::string_view destination) {
  Lane* lane = FindLane(destination);
  if (lane == nullptr) {
    return absl::NotFoundError(absl::StrCat("no destination named \"", destination, "\""));
  }
  absl::StatusOr<std::optional<std::string>> reason = outbox_.DisabledReason(destination);
  if (!reason.ok()) return reason.status();
  bool was_disabled = reason->has_value();
  if (was_disabled) {
    if (absl::Status enabled = outbox_.EnableDestination(destination); !enabled.ok()) return enabled;
    common::ModuleLogger("routing")->info("destination {} re-enabled (was disabled: {})",
                                          lane->options.name, **reason);
  }
  {
    absl::MutexLock lock(&lane->mu);
    was_disabled = was_disabled || lane->disabled;
    lane->disabled = false;
  }
  Notify();
  return was_disabled;
}

int64_t Dispatcher::attempts(absl::string_view destination) const {
  Lane* lane = FindLane(destination);
  if (lane == nullptr) return 0;
  absl::MutexLock lock(&lane->mu);
  return lane->attempts;
}

}  // namespace debrief::routing
