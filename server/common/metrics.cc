#include "server/common/metrics.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace debrief::common {
namespace {

void AtomicAdd(std::atomic<double>& target, double delta) {
  double current = target.load(std::memory_order_relaxed);
  while (!target.compare_exchange_weak(current, current + delta, std::memory_order_relaxed)) {
  }
}

std::string FormatValue(double value) {
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  if (std::isnan(value)) return "NaN";
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    return absl::StrFormat("%.0f", value);
  }
  return absl::StrFormat("%.9g", value);
}

std::string EscapeLabelValue(const std::string& value) {
  std::string out;
  out.reserve(value.size());
  for (const char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string Labels(const std::vector<std::string>& names, const std::vector<std::string>& values,
                   const std::string& extra_name = "", const std::string& extra_value = "") {
  std::string out;
  for (size_t i = 0; i < names.size() && i < values.size(); ++i) {
    absl::StrAppend(&out, out.empty() ? "" : ",", names[i], "=\"", EscapeLabelValue(values[i]),
                    "\"");
  }
  if (!extra_name.empty()) {
    absl::StrAppend(&out, out.empty() ? "" : ",", extra_name, "=\"", extra_value, "\"");
  }
  return out.empty() ? "" : absl::StrCat("{", out, "}");
}

void Header(std::string& out, const std::string& name, const std::string& help,
            const char* type) {
  absl::StrAppend(&out, "# HELP ", name, " ", help, "\n# TYPE ", name, " ", type, "\n");
}

}  // namespace

void Counter::Increment(double by) { AtomicAdd(value_, by); }

void Gauge::Add(double delta) { AtomicAdd(value_, delta); }

Histogram::Histogram(std::vector<double> upper_bounds)
    : upper_bounds_(std::move(upper_bounds)),
      buckets_(new std::atomic<uint64_t>[upper_bounds_.size() + 1]) {
  for (size_t i = 0; i <= upper_bounds_.size(); ++i) buckets_[i].store(0);
}

void Histogram::Observe(double value) {
  const size_t bucket =
      std::lower_bound(upper_bounds_.begin(), upper_bounds_.end(), value) - upper_bounds_.begin();
  buckets_[bucket].fetch_add(1, std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
  AtomicAdd(sum_, value);
}

Histogram::Snapshot Histogram::Snap() const {
  Snapshot snapshot;
  snapshot.upper_bounds = upper_bounds_;
  uint64_t running = 0;
  for (size_t i = 0; i <= upper_bounds_.size(); ++i) {
    running += buckets_[i].load(std::memory_order_relaxed);
    snapshot.cumulative_counts.push_back(running);
  }
  snapshot.count = running;
  snapshot.sum = sum_.load(std::memory_order_relaxed);
  return snapshot;
}

std::vector<double> LatencyBuckets() {
  return {0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01,
          0.025,   0.05,   0.1,     0.25,   0.5,   1.0,    2.5,   5.0,  10.0};
}

CounterFamily& MetricsRegistry::AddCounter(const std::string& name, const std::string& help,
                                           std::vector<std::string> label_names) {
  absl::MutexLock lock(&mu_);
  auto& family = counters_[name];
  if (family == nullptr) {
    family = std::make_unique<CounterFamily>(name, help, std::move(label_names),
                                             [] { return std::make_unique<Counter>(); });
  }
  return *family;
}

GaugeFamily& MetricsRegistry::AddGauge(const std::string& name, const std::string& help,
                                       std::vector<std::string> label_names) {
  absl::MutexLock lock(&mu_);
  auto& family = gauges_[name];
  if (family == nullptr) {
    family = std::make_unique<GaugeFamily>(name, help, std::move(label_names),
                                           [] { return std::make_unique<Gauge>(); });
  }
  return *family;
}

HistogramFamily& MetricsRegistry::AddHistogram(const std::string& name, const std::string& help,
                                               std::vector<std::string> label_names,
                                               std::vector<double> upper_bounds) {
  absl::MutexLock lock(&mu_);
  auto& family = histograms_[name];
  if (family == nullptr) {
    family = std::make_unique<HistogramFamily>(
        name, help, std::move(label_names),
        [upper_bounds] { return std::make_unique<Histogram>(upper_bounds); });
  }
  return *family;
}

void MetricsRegistry::AddGaugeCallback(const std::string& name, const std::string& help,
                                       std::function<double()> read) {
  absl::MutexLock lock(&mu_);
  callbacks_[name] = {help, std::move(read)};
}

std::string MetricsRegistry::Exposition() const {
  absl::MutexLock lock(&mu_);
  std::string out;
  // Named references, not structured bindings: clang-14 (the fuzz preset) cannot
  // capture bindings in the lambda below.
  for (const auto& entry : counters_) {
    const std::string& name = entry.first;
    const auto& family = entry.second;
    Header(out, name, family->help(), "counter");
    family->ForEach([&](const std::vector<std::string>& labels, const Counter& counter) {
      absl::StrAppend(&out, name, Labels(family->label_names(), labels), " ",
                      FormatValue(counter.value()), "\n");
    });
  }
  for (const auto& entry : gauges_) {
    const std::string& name = entry.first;
    const auto& family = entry.second;
    Header(out, name, family->help(), "gauge");
    family->ForEach([&](const std::vector<std::string>& labels, const Gauge& gauge) {
      absl::StrAppend(&out, name, Labels(family->label_names(), labels), " ",
                      FormatValue(gauge.value()), "\n");
    });
  }
  for (const auto& [name, entry] : callbacks_) {
    Header(out, name, entry.first, "gauge");
    absl::StrAppend(&out, name, " ", FormatValue(entry.second()), "\n");
  }
  for (const auto& entry : histograms_) {
    const std::string& name = entry.first;
    const auto& family = entry.second;
    Header(out, name, family->help(), "histogram");
    family->ForEach([&](const std::vector<std::string>& labels, const Histogram& histogram) {
      const Histogram::Snapshot snap = histogram.Snap();
      for (size_t i = 0; i < snap.cumulative_counts.size(); ++i) {
        const std::string le = i < snap.upper_bounds.size()
                                   ? FormatValue(snap.upper_bounds[i])
                                   : std::string("+Inf");
        absl::StrAppend(&out, name, "_bucket", Labels(family->label_names(), labels, "le", le),
                        " ", snap.cumulative_counts[i], "\n");
      }
      absl::StrAppend(&out, name, "_sum", Labels(family->label_names(), labels), " ",
                      FormatValue(snap.sum), "\n");
      absl::StrAppend(&out, name, "_count", Labels(family->label_names(), labels), " ",
                      snap.count, "\n");
    });
  }
  return out;
}

}  // namespace debrief::common
