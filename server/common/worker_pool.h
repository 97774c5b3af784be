// A fixed set of threads draining a bounded queue of tasks. RPC reactors hand their
// blocking work (analysis, durable commits) to a pool and return at once; when the
// queue is full, the caller answers RESOURCE_EXHAUSTED instead of queueing without bound.
//
//   auto pool = WorkerPool::Create({.name = "pipeline", .threads = 4, .queue_capacity = 256});
//   (*pool)->Start();
//   if (!(*pool)->TrySubmit({.run = [] { Work(); }, .cancel = [] { Abandon(); }})) Reject();
//   (*pool)->Shutdown(absl::Seconds(10));
#ifndef DEBRIEF_SERVER_COMMON_WORKER_POOL_H_
#define DEBRIEF_SERVER_COMMON_WORKER_POOL_H_

#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace debrief::common {

struct WorkerPoolOptions {
  // Thread name prefix, for logs and debuggers. Default "worker".
  std::string name = "worker";
  // Number of threads; must be at least 1. Default 4.
  int threads = 4;
  // Tasks that may wait beyond those running; must be at least 1. Default 256.
  int queue_capacity = 256;
};

// One unit of work.
struct WorkerTask {
  // Runs on a pool thread.
  std::function<void()> run;
  // Runs instead of `run` if the task is still queued when Shutdown's deadline passes.
  // Optional.
  std::function<void()> cancel;
};

// Thread-safe. Owned by app/, which calls Start() once and Shutdown() once.
class WorkerPool {
 public:
  // INVALID_ARGUMENT for a non-positive thread count or capacity.
  static absl::StatusOr<std::unique_ptr<WorkerPool>> Create(const WorkerPoolOptions& options);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Starts the threads.
  void Start();

  // Queues `task`. Returns false (and does not run or cancel it) when the queue is full
  // or the pool is shutting down.
  bool TrySubmit(WorkerTask task);

  // Stops accepting tasks and lets queued ones finish until `deadline` from now; tasks
  // still queued then are cancelled. Joins the threads (a running task is never
  // interrupted). Idempotent.
  void Shutdown(absl::Duration deadline);

  // Tasks queued or running.
  int pending() const;

 private:
  explicit WorkerPool(const WorkerPoolOptions& options) : options_(options) {}
  void Loop();

  const WorkerPoolOptions options_;
  mutable absl::Mutex mu_;
  std::deque<WorkerTask> queue_ ABSL_GUARDED_BY(mu_);
  int running_ ABSL_GUARDED_BY(mu_) = 0;
  bool accepting_ ABSL_GUARDED_BY(mu_) = true;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<std::thread> threads_;
};

}  // namespace debrief::common

#endif  // DEBRIEF_SERVER_COMMON_WORKER_POOL_H_
