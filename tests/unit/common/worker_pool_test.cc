#include "server/common/worker_pool.h"

#include <atomic>

#include "absl/synchronization/notification.h"
#include "gtest/gtest.h"

namespace debrief::common {
namespace {

TEST(WorkerPoolTest, RejectsInvalidOptions) {
  EXPECT_FALSE(WorkerPool::Create({.threads = 0}).ok());
  EXPECT_FALSE(WorkerPool::Create({.queue_capacity = 0}).ok());
}

TEST(WorkerPoolTest, RunsSubmittedTasks) {
  auto pool = WorkerPool::Create({.threads = 2, .queue_capacity = 100});
  ASSERT_TRUE(pool.ok());
  (*pool)->Start();
  std::atomic<int> done{0};
  for (int i = 0; i < 50; ++i) {
    ASSERT_TRUE((*pool)->TrySubmit({.run = [&] { done.fetch_add(1); }}));
  }
  (*pool)->Shutdown(absl::Seconds(30));
  EXPECT_EQ(done.load(), 50);
}

TEST(WorkerPoolTest, RefusesWhenQueueIsFull) {
  auto pool = WorkerPool::Create({.threads = 1, .queue_capacity = 2});
  ASSERT_TRUE(pool.ok());
  (*pool)->Start();
  absl::Notification release;
  absl::Notification started;
  ASSERT_TRUE((*pool)->TrySubmit({.run = [&] {
    started.Notify();
    release.WaitForNotification();
  }}));
  started.WaitForNotification();
  EXPECT_TRUE((*pool)->TrySubmit({.run = [] {}}));
  EXPECT_TRUE((*pool)->TrySubmit({.run = [] {}}));
  EXPECT_FALSE((*pool)->TrySubmit({.run = [] {}}));
  release.Notify();
  (*pool)->Shutdown(absl::Seconds(30));
}

TEST(WorkerPoolTest, CancelsTasksStillQueuedAtTheDeadline) {
  auto pool = WorkerPool::Create({.threads = 1, .queue_capacity = 10});
  ASSERT_TRUE(pool.ok());
  (*pool)->Start();
  absl::Notification release;
  absl::Notification started;
  std::atomic<int> ran{0};
  std::atomic<int> cancelled{0};
  ASSERT_TRUE((*pool)->TrySubmit({.run = [&] {
    started.Notify();
    release.WaitForNotification();
    ran.fetch_add(1);
  }}));
  started.WaitForNotification();
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE((*pool)->TrySubmit({.run = [&] { ran.fetch_add(1); },
                                    .cancel = [&] {
                                      // The last cancellation lets the running task finish.
                                      if (cancelled.fetch_add(1) == 2) release.Notify();
                                    }}));
  }
  // The running task holds the only thread past the deadline, so the queued ones are
  // cancelled; the running one is never interrupted and still completes.
  (*pool)->Shutdown(absl::ZeroDuration());
  EXPECT_EQ(cancelled.load(), 3);
  EXPECT_EQ(ran.load(), 1);
  EXPECT_FALSE((*pool)->TrySubmit({.run = [] {}}));
}

}  // namespace
}  // namespace debrief::common
