#include "server/rpc/admission.h"

#include "server/rpc/status_conversion.h"

namespace debrief::rpc {

Admission::Ticket::Ticket(Ticket&& other) noexcept
    : gate_(std::exchange(other.gate_, nullptr)),
      method_(std::move(other.method_)),
      started_(other.started_) {}

Admission::Ticket::~Ticket() { Finish(absl::StatusCode::kCancelled); }

void Admission::Ticket::Finish(absl::StatusCode code) {
  if (gate_ == nullptr) return;
  gate_->Record(method_, code, absl::Now() - started_);
  gate_->inflight_.fetch_sub(1);
  gate_ = nullptr;
}

Admission::Admission(int max_inflight, common::MetricsRegistry& metrics)
    : max_inflight_(max_inflight),
      requests_(metrics.AddCounter("debrief_requests_total",
                                   "Calls by method and status code (gRPC and HTTP).",
                                   {"method", "code"})),
      latency_(metrics.AddHistogram("debrief_request_duration_seconds",
                                    "Server-side call latency by method.", {"method"})) {
  metrics.AddGaugeCallback("debrief_requests_inflight", "Calls admitted and not finished.",
                           [this] { return static_cast<double>(inflight_.load()); });
}

std::optional<Admission::Ticket> Admission::TryEnter(const std::string& method) {
  if (inflight_.fetch_add(1) >= max_inflight_) {
    inflight_.fetch_sub(1);
    RecordRejected(method, absl::StatusCode::kResourceExhausted);
    return std::nullopt;
  }
  return Ticket(this, method);
}

void Admission::RecordRejected(const std::string& method, absl::StatusCode code) {
  requests_.WithLabels({method, CodeName(code)}).Increment();
}

void Admission::Record(const std::string& method, absl::StatusCode code, absl::Duration elapsed) {
  requests_.WithLabels({method, CodeName(code)}).Increment();
  latency_.WithLabels({method}).Observe(absl::ToDoubleSeconds(elapsed));
}

}  // namespace debrief::rpc
