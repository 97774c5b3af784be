// Training from scratch on labelled text (several passes, seeded order, decaying step)
// and scoring a held-out set: what `debriefd eval` prints and what the banking77
// regression test checks.
//
//   absl::StatusOr<EvalReport> report = Evaluate(train, test, options);
//   std::cout << FormatEvalReport(*report, /*worst=*/10);
#ifndef DEBRIEF_SERVER_LEARNING_EVALUATION_H_
#define DEBRIEF_SERVER_LEARNING_EVALUATION_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/config/learning_options.h"
#include "server/learning/labelled_data.h"
#include "server/learning/learned_model.h"

namespace debrief::learning {

// The label space evaluation trains: "eval", exclusive when every training text has
// exactly one label.
inline constexpr char kEvalSpace[] = "eval";

// Precision and recall of one label on the test set.
struct LabelMetrics {
  std::string label;
  double precision = 0;
  double recall = 0;
  double f1 = 0;
  // Test texts carrying the label.
  int64_t support = 0;
};

struct EvalReport {
  int64_t train_examples = 0;
  int64_t test_examples = 0;
  int64_t labels = 0;
  bool exclusive = false;
  // Share of test texts whose best-scored label is one of theirs.
  double accuracy = 0;
  double micro_f1 = 0;
  double macro_f1 = 0;
  // Mean |confidence - correctness| of the best label, in 10 bins (lower is better).
  double calibration_error = 0;
  // Every label seen in training or test, worst F1 first.
  std::vector<LabelMetrics> per_label;
  absl::Duration train_time;
  double examples_per_second = 0;
  int64_t model_bytes = 0;
};

// Trains a fresh model of one space (named kEvalSpace) on `train` with options.epochs
// passes: the order of each pass is shuffled with options.seed, the step decays
// linearly from options.batch_learning_rate to 0. Deterministic.
LearnedModel TrainFromScratch(const std::vector<LabelledText>& train,
                              const config::LearningOptions& options);

// The options TrainFromScratch and Evaluate use: `options` with one space, exclusive
// when every text of `train` has exactly one label.
config::LearningOptions EvalOptions(const std::vector<LabelledText>& train,
                                    const config::LearningOptions& options);

// Trains on `train`, scores `test`. A text's predicted labels are its best label in an
// exclusive space, else every label at or above options.threshold (at least the best).
// INVALID_ARGUMENT when either set is empty or `train` has no labels.
absl::StatusOr<EvalReport> Evaluate(const std::vector<LabelledText>& train,
                                    const std::vector<LabelledText>& test,
                                    const config::LearningOptions& options);

// The report as printed by `debriefd eval`, with the `worst` worst labels.
std::string FormatEvalReport(const EvalReport& report, int worst);

}  // namespace debrief::learning

#endif  // DEBRIEF_SERVER_LEARNING_EVALUATION_H_
