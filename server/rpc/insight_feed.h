// What StreamInsights streams wait on once they have sent everything stored: one thread
// checks the insights table's last sequence every `poll_interval` (and at once on
// Notify) while any stream waits, and wakes the streams it has moved past. So N idle
// streams cost one cheap query per interval, and a new insight reaches a caught-up
// stream within one interval. Shutdown ends every waiting stream, so draining the gRPC
// server never waits on an idle feed.
//
//   InsightFeed feed(outbox);
//   feed.Start();
//   std::optional<int64_t> id = feed.Wait(position, [] { Fetch(); }, [] { End(); });
//   feed.Shutdown();
#ifndef DEBRIEF_SERVER_RPC_INSIGHT_FEED_H_
#define DEBRIEF_SERVER_RPC_INSIGHT_FEED_H_

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <thread>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "server/storage/outbox_store.h"

namespace debrief::rpc {

struct InsightFeedOptions {
  // How often waiting streams look for new insights. Default 100ms.
  absl::Duration poll_interval = absl::Milliseconds(100);
  // Insights a stream reads from storage at once. Default 100.
  int page_size = 100;
  // Streams open at once at most; more are refused (RESOURCE_EXHAUSTED). Default 256.
  int max_streams = 256;
};

// Thread-safe. `outbox` must outlive it. Callbacks run on the feed's thread (or on the
// thread calling Shutdown), never under its lock.
class InsightFeed {
 public:
  explicit InsightFeed(storage::OutboxStore& outbox, InsightFeedOptions options = {});
  ~InsightFeed();
  InsightFeed(const InsightFeed&) = delete;
  InsightFeed& operator=(const InsightFeed&) = delete;

  void Start();
  // Refuses new streams and waits, and calls `stop` of every waiting stream. Idempotent.
  void Shutdown();
  // Wakes the poller now: an insight may have been stored.
  void Notify();

  // Takes a stream slot; false when `max_streams` are open or the feed is shut down.
  bool TryOpenStream();
  void CloseStream();
  bool stopping() const;

  // Calls `wake` once an insight with a sequence above `after` is stored, or `stop` at
  // Shutdown; exactly one of them, once. nullopt (and neither is called) when shutting
  // down. The id is for Cancel.
  std::optional<int64_t> Wait(int64_t after, std::function<void()> wake, std::function<void()> stop);
  // Withdraws waiter `id`: true when neither callback has run nor will run.
  bool Cancel(int64_t id);

  storage::OutboxStore& outbox() { return outbox_; }
  const InsightFeedOptions& options() const { return options_; }

 private:
  struct Waiter {
    int64_t after = 0;
    std::function<void()> wake;
    std::function<void()> stop;
  };
  void Run();

  storage::OutboxStore& outbox_;
  const InsightFeedOptions options_;
  mutable absl::Mutex mu_;
  std::map<int64_t, Waiter> waiters_ ABSL_GUARDED_BY(mu_);
  int64_t next_id_ ABSL_GUARDED_BY(mu_) = 1;
  int open_streams_ ABSL_GUARDED_BY(mu_) = 0;
  bool notified_ ABSL_GUARDED_BY(mu_) = false;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace debrief::rpc

#endif  // DEBRIEF_SERVER_RPC_INSIGHT_FEED_H_
