#include "server/common/worker_pool.h"

#include <pthread.h>

#include <utility>

namespace debrief::common {

absl::StatusOr<std::unique_ptr<WorkerPool>> WorkerPool::Create(const WorkerPoolOptions& options) {
  if (options.threads < 1) {
    return absl::InvalidArgumentError("worker pool: threads must be at least 1");
  }
  if (options.queue_capacity < 1) {
    return absl::InvalidArgumentError("worker pool: queue_capacity must be at least 1");
  }
  return std::unique_ptr<WorkerPool>(new WorkerPool(options));
}

WorkerPool::~WorkerPool() { Shutdown(absl::ZeroDuration()); }

void WorkerPool::Start() {
  for (int i = 0; i < options_.threads; ++i) {
    threads_.emplace_back([this, i] {
      const std::string name = (options_.name + "-" + std::to_string(i)).substr(0, 15);
      pthread_setname_np(pthread_self(), name.c_str());
      Loop();
    });
  }
}

bool WorkerPool::TrySubmit(WorkerTask task) {
  absl::MutexLock lock(&mu_);
  if (!accepting_ || static_cast<int>(queue_.size()) >= options_.queue_capacity) return false;
  queue_.push_back(std::move(task));
  return true;
}

void WorkerPool::Loop() {
  while (true) {
    WorkerTask task;
    {
      absl::MutexLock lock(&mu_);
      mu_.Await(absl::Condition(
          +[](WorkerPool* pool) ABSL_EXCLUSIVE_LOCKS_REQUIRED(pool->mu_) {
            return !pool->queue_.empty() || pool->stopping_;
          },
          this));
      if (queue_.empty()) return;  // stopping and drained
      task = std::move(queue_.front());
      queue_.pop_front();
      ++running_;
    }
    task.run();
    absl::MutexLock lock(&mu_);
    --running_;
  }
}

void WorkerPool::Shutdown(absl::Duration deadline) {
  std::deque<WorkerTask> abandoned;
  {
    absl::MutexLock lock(&mu_);
    accepting_ = false;
    mu_.AwaitWithTimeout(absl::Condition(
                             +[](WorkerPool* pool) ABSL_EXCLUSIVE_LOCKS_REQUIRED(pool->mu_) {
                               return pool->queue_.empty() && pool->running_ == 0;
                             },
                             this),
                         deadline);
    abandoned.swap(queue_);
    stopping_ = true;
  }
  for (WorkerTask& task : abandoned) {
    if (task.cancel) task.cancel();
  }
  for (std::thread& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
  threads_.clear();
}

int WorkerPool::pending() const {
  absl::MutexLock lock(&mu_);
  return static_cast<int>(queue_.size()) + running_;
}

}  // namespace debrief::common
