#include "server/rpc/insight_feed.h"

#include <utility>
#include <vector>

#include "server/common/logging.h"

namespace debrief::rpc {

InsightFeed::InsightFeed(storage::OutboxStore& outbox, InsightFeedOptions options)
    : outbox_(outbox), options_(options) {}

InsightFeed::~InsightFeed() { Shutdown(); }

void InsightFeed::Start() {
  absl::MutexLock lock(&mu_);
  if (thread_.joinable() || stopping_) return;
  thread_ = std::thread([this] { Run(); });
}

void InsightFeed::Shutdown() {
  std::map<int64_t, Waiter> waiting;
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
    waiting.swap(waiters_);
  }
  if (thread_.joinable()) thread_.join();
  for (auto& [id, waiter] : waiting) waiter.stop();
}

void InsightFeed::Notify() {
  absl::MutexLock lock(&mu_);
  notified_ = true;
}

bool InsightFeed::TryOpenStream() {
  absl::MutexLock lock(&mu_);
  if (stopping_ || open_streams_ >= options_.max_streams) return false;
  ++open_streams_;
  return true;
}

void InsightFeed::CloseStream() {
  absl::MutexLock lock(&mu_);
  --open_streams_;
}

bool InsightFeed::stopping() const {
  absl::MutexLock lock(&mu_);
  return stopping_;
}

std::optional<int64_t> InsightFeed::Wait(int64_t after, std::function<void()> wake,
                                         std::function<void()> stop) {
  absl::MutexLock lock(&mu_);
  if (stopping_) return std::nullopt;
  const int64_t id = next_id_++;
  waiters_.emplace(id, Waiter{after, std::move(wake), std::move(stop)});
  notified_ = true;  // Look once at once: an insight may have landed since the caller read.
  return id;
}

bool InsightFeed::Cancel(int64_t id) {
  absl::MutexLock lock(&mu_);
  return waiters_.erase(id) > 0;
}

void InsightFeed::Run() {
  auto log = common::ModuleLogger("rpc");
  while (true) {
    {
      absl::MutexLock lock(&mu_);
      auto ready = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
        return stopping_ || (notified_ && !waiters_.empty());
      };
      mu_.AwaitWithTimeout(absl::Condition(&ready), options_.poll_interval);
      if (stopping_) return;
      notified_ = false;
      if (waiters_.empty()) continue;
    }
    absl::StatusOr<int64_t> last = outbox_.LastSequence();
    if (!last.ok()) {
      log->warn("insight feed: reading the last sequence: {}", last.status().ToString());
      continue;
    }
    std::vector<std::function<void()>> woken;
    {
      absl::MutexLock lock(&mu_);
      if (stopping_) return;
      for (auto it = waiters_.begin(); it != waiters_.end();) {
        if (it->second.after < *last) {
          woken.push_back(std::move(it->second.wake));
          it = waiters_.erase(it);
        } else {
          ++it;
        }
      }
    }
    for (auto& wake : woken) wake();
  }
}

}  // namespace debrief::rpc
