// Prometheus metrics: counters, gauges and histograms with labels, and the text
// exposition format served on GET /metrics.
//
//   auto& requests = registry.AddCounter("debrief_requests_total", "Requests.", {"method", "code"});
//   requests.WithLabels({"OnTicketClosed", "OK"}).Increment();
//   std::string page = registry.Exposition();
#ifndef DEBRIEF_SERVER_COMMON_METRICS_H_
#define DEBRIEF_SERVER_COMMON_METRICS_H_

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"

namespace debrief::common {

// A monotonically increasing value. Thread-safe.
class Counter {
 public:
  void Increment(double by = 1.0);
  double value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0.0};
};

// A value that goes up and down. Thread-safe.
class Gauge {
 public:
  void Set(double value) { value_.store(value, std::memory_order_relaxed); }
  void Add(double delta);
  double value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0.0};
};

// Counts observations into fixed cumulative buckets. Thread-safe.
class Histogram {
 public:
  explicit Histogram(std::vector<double> upper_bounds);
  void Observe(double value);
  // Cumulative counts per bucket (last is +Inf), total count and sum.
  struct Snapshot {
    std::vector<double> upper_bounds;
    std::vector<uint64_t> cumulative_counts;
    uint64_t count = 0;
    double sum = 0;
  };
  Snapshot Snap() const;

 private:
  const std::vector<double> upper_bounds_;
  std::unique_ptr<std::atomic<uint64_t>[]> buckets_;  // one per bound, plus +Inf
  std::atomic<uint64_t> count_{0};
  std::atomic<double> sum_{0.0};
};

// One metric name with a fixed set of label names; children per label values.
// Thread-safe; returned references stay valid for the family's lifetime.
template <typename Metric>
class MetricFamily {
 public:
  using Factory = std::function<std::unique_ptr<Metric>()>;
  MetricFamily(std::string name, std::string help, std::vector<std::string> label_names,
               Factory factory)
      : name_(std::move(name)),
        help_(std::move(help)),
        label_names_(std::move(label_names)),
        factory_(std::move(factory)) {}

  // The child for `label_values` (same length as the label names), created on first use.
  Metric& WithLabels(const std::vector<std::string>& label_values) {
    absl::MutexLock lock(&mu_);
    auto& child = children_[label_values];
    if (child == nullptr) child = factory_();
    return *child;
  }

  const std::string& name() const { return name_; }
  const std::string& help() const { return help_; }
  const std::vector<std::string>& label_names() const { return label_names_; }

  // Calls `visit(label_values, metric)` for every child, in label order.
  void ForEach(const std::function<void(const std::vector<std::string>&, const Metric&)>& visit)
      const {
    absl::MutexLock lock(&mu_);
    for (const auto& [labels, metric] : children_) visit(labels, *metric);
  }

 private:
  const std::string name_;
  const std::string help_;
  const std::vector<std::string> label_names_;
  const Factory factory_;
  mutable absl::Mutex mu_;
  std::map<std::vector<std::string>, std::unique_ptr<Metric>> children_ ABSL_GUARDED_BY(mu_);
};

using CounterFamily = MetricFamily<Counter>;
using GaugeFamily = MetricFamily<Gauge>;
using HistogramFamily = MetricFamily<Histogram>;

// Latency buckets in seconds, from 50 µs to 10 s.
std::vector<double> LatencyBuckets();

// Owns every metric of the process. Thread-safe. Registering a name twice returns the
// existing family (the help and labels of the first registration win).
class MetricsRegistry {
 public:
  CounterFamily& AddCounter(const std::string& name, const std::string& help,
                            std::vector<std::string> label_names = {});
  GaugeFamily& AddGauge(const std::string& name, const std::string& help,
                        std::vector<std::string> label_names = {});
  HistogramFamily& AddHistogram(const std::string& name, const std::string& help,
                                std::vector<std::string> label_names,
                                std::vector<double> upper_bounds = LatencyBuckets());
  // A gauge whose value is read from `read` at exposition time. `read` must be
  // thread-safe and must outlive the registry (or be removed by the owner's shutdown).
  void AddGaugeCallback(const std::string& name, const std::string& help,
                        std::function<double()> read);

  // Every metric in the Prometheus text exposition format (version 0.0.4).
  std::string Exposition() const;

 private:
  mutable absl::Mutex mu_;
  std::map<std::string, std::unique_ptr<CounterFamily>> counters_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, std::unique_ptr<GaugeFamily>> gauges_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, std::unique_ptr<HistogramFamily>> histograms_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, std::pair<std::string, std::function<double()>>> callbacks_
      ABSL_GUARDED_BY(mu_);
};

}  // namespace debrief::common

#endif  // DEBRIEF_SERVER_COMMON_METRICS_H_
