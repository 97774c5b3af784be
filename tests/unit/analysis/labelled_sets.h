// Labelled customer messages for measuring extractors on text they were not written from
// (tests/data/<facet>/, each with a README), and the way a close analyses one message.
#ifndef DEBRIEF_TESTS_UNIT_ANALYSIS_LABELLED_SETS_H_
#define DEBRIEF_TESTS_UNIT_ANALYSIS_LABELLED_SETS_H_

#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "server/analysis/analyzer.h"
#include "server/config/config_loader.h"
#include "tests/testing/test_env.h"
#include "tests/unit/analysis/test_tickets.h"

namespace debrief::analysis::testing {

// The rows of tests/data/`relative_path`: tab-separated, `columns` fields each, the last one
// the message text with " / " turned back into line breaks. A malformed line fails the test.
inline std::vector<std::vector<std::string>> LoadLabelledSet(const std::string& relative_path,
                                                             size_t columns) {
  const std::string path = debrief::testing::SourceDir() + "/tests/data/" + relative_path;
  std::ifstream in(path);
  if (!in) ADD_FAILURE() << "cannot read " << path;
  std::vector<std::vector<std::string>> rows;
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> fields = absl::StrSplit(line, '\t');
    if (fields.size() != columns) {
      ADD_FAILURE() << path << ": not " << columns << " tab-separated fields: " << line;
      continue;
    }
    fields.back() = absl::StrReplaceAll(fields.back(), {{" / ", "\n"}});
    rows.push_back(std::move(fields));
  }
  return rows;
}

// The analyzer a close runs with the shipped config/debrief.yaml; null (and the test failed)
// when it cannot be built.
inline const Analyzer* ShippedAnalyzer() {
  static const Analyzer* analyzer = []() -> const Analyzer* {
    auto config = config::LoadConfigFile(debrief::testing::SourceDir() + "/config/debrief.yaml");
    if (!config.ok()) {
      ADD_FAILURE() << config.status();
      return nullptr;
    }
    auto created = Analyzer::Create(*config);
    if (!created.ok()) {
      ADD_FAILURE() << created.status();
      return nullptr;
    }
    return created->release();
  }();
  return analyzer;
}

// What a close concludes from one customer message: prepared, then analysed.
inline core::Debriefing AnalyzeCustomerMessage(const Analyzer& analyzer, const std::string& text) {
  return analyzer.Analyze(analyzer.Prepare(Conversation({{kCustomer, text}})));
}

// Whether DEBRIEF_EVAL_MISSES=1 asks for the misses of the tuning sets to be printed.
inline bool ShowMisses() {
  const char* show = std::getenv("DEBRIEF_EVAL_MISSES");
  return show != nullptr && std::string(show) == "1";
}

}  // namespace debrief::analysis::testing

#endif  // DEBRIEF_TESTS_UNIT_ANALYSIS_LABELLED_SETS_H_
