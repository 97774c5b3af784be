// The public benchmark as a regression gate (docs/BENCHMARKS.md has the full table):
// trained from scratch on banking77's train.csv with the default learning options, the
// learned tagger must stay at or above 90% accuracy on test.csv, under 64 MiB.
#include <filesystem>

#include "gtest/gtest.h"
#include "server/learning/evaluation.h"
#include "tests/testing/test_env.h"

namespace debrief::learning {
namespace {

std::vector<LabelledText> Load(const std::string& name) {
  const std::string path = testing::SourceDir() + "/../shared/datasets/banking77/" + name;
  if (!std::filesystem::exists(path)) {
    ADD_FAILURE() << path << " is missing: the banking77 gate needs ../shared/datasets";
    return {};
  }
  absl::StatusOr<std::vector<LabelledText>> rows = ReadLabelledCsv(testing::ReadFile(path), {});
  EXPECT_TRUE(rows.ok()) << rows.status();
  return rows.ok() ? *rows : std::vector<LabelledText>{};
}

TEST(Banking77Test, TrainsToAtLeastNinetyPercentAccuracyUnder64MiB) {
  const std::vector<LabelledText> train = Load("train.csv");
  const std::vector<LabelledText> test = Load("test.csv");
  ASSERT_EQ(train.size(), 10003u);
  ASSERT_EQ(test.size(), 3080u);
  absl::StatusOr<EvalReport> report = Evaluate(train, test, config::LearningOptions{});
  ASSERT_TRUE(report.ok()) << report.status();
  std::cout << FormatEvalReport(*report, 5);
  EXPECT_EQ(report->labels, 77);
  EXPECT_TRUE(report->exclusive);
  EXPECT_GE(report->accuracy, 0.90);
  EXPECT_LT(report->model_bytes, int64_t{64} << 20);
  // One threshold means the same thing: the best label's confidence matches its hit rate.
  EXPECT_LT(report->calibration_error, 0.05);
}

}  // namespace
}  // namespace debrief::learning
