// Admission control shared by the gRPC and HTTP listeners: at most `max_inflight` calls
// may be queued or running at once; beyond that new calls are refused at once
// (RESOURCE_EXHAUSTED / HTTP 429) instead of queueing without bound. Per-method call
// counts, latencies and error codes are recorded for /metrics.
//
//   std::optional<Admission::Ticket> ticket = admission.TryEnter("SuggestTags");
//   if (!ticket) return RESOURCE_EXHAUSTED;
//   ...
//   ticket->Finish(status);   // or let it go out of scope (counted as CANCELLED)
#ifndef DEBRIEF_SERVER_RPC_ADMISSION_H_
#define DEBRIEF_SERVER_RPC_ADMISSION_H_

#include <atomic>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/time/clock.h"
#include "server/common/metrics.h"

namespace debrief::rpc {

// Thread-safe.
class Admission {
 public:
  // One admitted call. Move-only; leaves the gate when finished or destroyed.
  class Ticket {
   public:
    Ticket(Ticket&& other) noexcept;
    Ticket& operator=(Ticket&&) = delete;
    Ticket(const Ticket&) = delete;
    ~Ticket();
    // Records the outcome and leaves the gate. Later calls do nothing.
    void Finish(absl::StatusCode code);

   private:
    friend class Admission;
    Ticket(Admission* gate, std::string method) : gate_(gate), method_(std::move(method)) {}
    Admission* gate_;
    std::string method_;
    absl::Time started_ = absl::Now();
  };

  // Registers its metrics in `metrics`, which must outlive it.
  Admission(int max_inflight, common::MetricsRegistry& metrics);

  // A ticket for `method`, or nullopt (counted as RESOURCE_EXHAUSTED) when full.
  std::optional<Ticket> TryEnter(const std::string& method);
  // Records a call that was refused before admission (e.g. invalid) without holding a slot.
  void RecordRejected(const std::string& method, absl::StatusCode code);
  int inflight() const { return inflight_.load(); }

 private:
  void Record(const std::string& method, absl::StatusCode code, absl::Duration elapsed);

  const int max_inflight_;
  std::atomic<int> inflight_{0};
  common::CounterFamily& requests_;
  common::HistogramFamily& latency_;
};

}  // namespace debrief::rpc

#endif  // DEBRIEF_SERVER_RPC_ADMISSION_H_
