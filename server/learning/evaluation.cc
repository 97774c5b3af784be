#include "server/learning/evaluation.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "server/common/clock.h"

namespace debrief::learning {

config::LearningOptions EvalOptions(const std::vector<LabelledText>& train,
                                    const config::LearningOptions& options) {
  config::LearningOptions eval = options;
  const bool exclusive = std::all_of(train.begin(), train.end(),
                                     [](const LabelledText& t) { return t.labels.size() == 1; });
  eval.label_spaces = {{kEvalSpace, "custom_field:label", exclusive}};
  return eval;
}

LearnedModel TrainFromScratch(const std::vector<LabelledText>& train,
                              const config::LearningOptions& options) {
  LearnedModel model(options);
  std::vector<SparseFeatures> features;
  features.reserve(train.size());
  for (const LabelledText& item : train) features.push_back(model.Featurize(item.text));
  std::vector<size_t> order(train.size());
  std::iota(order.begin(), order.end(), 0);
  common::SeededRandom random(static_cast<uint64_t>(options.seed));
  const double total_steps = static_cast<double>(options.epochs) * static_cast<double>(train.size());
  double step = 0;
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    // Fisher-Yates with our own generator: the same on every platform.
    for (size_t i = order.size(); i > 1; --i) {
      std::swap(order[i - 1], order[random.Next() % i]);
    }
    for (const size_t i : order) {
      const float rate = static_cast<float>(options.batch_learning_rate * (1.0 - step / total_steps));
      step += 1;
      if (train[i].labels.empty()) continue;
      // Only the first pass predicts texts the model has not seen: calibrate on it.
      model.Learn(features[i], {{kEvalSpace, train[i].labels}}, rate, /*calibrate=*/epoch == 0);
    }
  }
  model.RebuildCalibration();
  return model;
}

absl::StatusOr<EvalReport> Evaluate(const std::vector<LabelledText>& train,
                                    const std::vector<LabelledText>& test,
                                    const config::LearningOptions& options) {
  if (train.empty()) return absl::InvalidArgumentError("--train: no examples");
  if (test.empty()) return absl::InvalidArgumentError("--test: no examples");
  const config::LearningOptions eval = EvalOptions(train, options);
  EvalReport report;
  report.train_examples = static_cast<int64_t>(train.size());
  report.test_examples = static_cast<int64_t>(test.size());
  report.exclusive = eval.label_spaces.front().exclusive;

  const absl::Time start = absl::Now();
  const LearnedModel model = TrainFromScratch(train, eval);
  report.train_time = absl::Now() - start;
  report.examples_per_second = static_cast<double>(train.size()) * eval.epochs /
                               std::max(1e-9, absl::ToDoubleSeconds(report.train_time));
  report.model_bytes = model.memory_bytes();
  const int space = model.FindSpace(kEvalSpace);
  report.labels = static_cast<int64_t>(model.classifier(space).labels().size());
  if (report.labels == 0) return absl::InvalidArgumentError("--train: no example has a label");

  struct Counts {
    int64_t true_positive = 0;
    int64_t predicted = 0;
    int64_t actual = 0;
  };
  std::map<std::string, Counts> counts;
  int64_t correct = 0;
  std::vector<double> bin_confidence(10, 0), bin_correct(10, 0), bin_count(10, 0);
  for (const LabelledText& item : test) {
    std::vector<ScoredLabel> scored = model.Score(space, model.Featurize(item.text));
    std::sort(scored.begin(), scored.end(), [](const ScoredLabel& a, const ScoredLabel& b) {
      return a.confidence != b.confidence ? a.confidence > b.confidence : a.value < b.value;
    });
    const std::set<std::string> truth(item.labels.begin(), item.labels.end());
    std::set<std::string> predicted;
    for (const ScoredLabel& label : scored) {
      if (predicted.empty() || (!report.exclusive && label.confidence >= eval.threshold)) {
        predicted.insert(std::string(label.value));
      }
    }
    if (!scored.empty()) {
      const bool hit = truth.count(std::string(scored.front().value)) != 0;
      correct += hit ? 1 : 0;
      const auto bin = static_cast<size_t>(std::min(9.0, scored.front().confidence * 10));
      bin_confidence[bin] += scored.front().confidence;
      bin_correct[bin] += hit ? 1 : 0;
      bin_count[bin] += 1;
    }
    for (const std::string& label : truth) ++counts[label].actual;
    for (const std::string& label : predicted) {
      Counts& c = counts[label];
      ++c.predicted;
      if (truth.count(label) != 0) ++c.true_positive;
    }
  }
  report.accuracy = static_cast<double>(correct) / static_cast<double>(test.size());
  for (size_t b = 0; b < bin_count.size(); ++b) {
    report.calibration_error += std::abs(bin_confidence[b] - bin_correct[b]) / static_cast<double>(test.size());
  }
  Counts total;
  double f1_sum = 0;
  for (const auto& [label, c] : counts) {
    LabelMetrics metrics;
    metrics.label = label;
    metrics.support = c.actual;
    metrics.precision = c.predicted == 0 ? 0 : static_cast<double>(c.true_positive) / c.predicted;
    metrics.recall = c.actual == 0 ? 0 : static_cast<double>(c.true_positive) / c.actual;
    const double sum = metrics.precision + metrics.recall;
    metrics.f1 = sum == 0 ? 0 : 2 * metrics.precision * metrics.recall / sum;
    f1_sum += metrics.f1;
    total.true_positive += c.true_positive;
    total.predicted += c.predicted;
    total.actual += c.actual;
    report.per_label.push_back(std::move(metrics));
  }
  report.macro_f1 = counts.empty() ? 0 : f1_sum / static_cast<double>(counts.size());
  const double micro_p = total.predicted == 0 ? 0 : static_cast<double>(total.true_positive) / total.predicted;
  const double micro_r = total.actual == 0 ? 0 : static_cast<double>(total.true_positive) / total.actual;
  report.micro_f1 = micro_p + micro_r == 0 ? 0 : 2 * micro_p * micro_r / (micro_p + micro_r);
  std::stable_sort(report.per_label.begin(), report.per_label.end(),
                   [](const LabelMetrics& a, const LabelMetrics& b) { return a.f1 < b.f1; });
  return report;
}

std::string FormatEvalReport(const EvalReport& report, int worst) {
  std::string out = absl::StrFormat(
      "examples      train %d, test %d, labels %d (%s)\n"
      "accuracy      %.4f\n"
      "micro F1      %.4f\n"
      "macro F1      %.4f\n"
      "calibration   %.4f expected calibration error of the best label\n"
      "training      %.3f s, %.0f examples/s\n"
      "model memory  %.1f MiB\n",
      report.train_examples, report.test_examples, report.labels,
      report.exclusive ? "one label per text" : "several labels per text", report.accuracy,
      report.micro_f1, report.macro_f1, report.calibration_error,
      absl::ToDoubleSeconds(report.train_time), report.examples_per_second,
      static_cast<double>(report.model_bytes) / (1 << 20));
  const int shown = std::min<int>(worst, static_cast<int>(report.per_label.size()));
  if (shown > 0) {
    absl::StrAppend(&out, absl::StrFormat("worst %d labels by F1:\n  %-40s %9s %9s %9s %7s\n", shown,
                                          "label", "precision", "recall", "F1", "support"));
    for (int i = 0; i < shown; ++i) {
      const LabelMetrics& m = report.per_label[static_cast<size_t>(i)];
      absl::StrAppend(&out, absl::StrFormat("  %-40s %9.3f %9.3f %9.3f %7d\n", m.label, m.precision,
                                            m.recall, m.f1, m.support));
    }
  }
  return out;
}

}  // namespace debrief::learning
