// SuggestTags server-side latency with a 300-label model: the whole of
// SuggestionService::Suggest (normalize, rule tagger, learned model, blend, select, queue
// the decision log record) on a 2 KB ticket, against a rules-only baseline measured in
// the same run. p50/p99 are reported as counters (microseconds).
//
//   build/bench/tests/bench/suggest_tags_bench --benchmark_counters_tabular=true
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "benchmark/benchmark.h"
#include "server/common/clock.h"
#include "server/common/metrics.h"
#include "server/common/snapshot.h"
#include "server/config/debrief_config.h"
#include "server/learning/learner.h"
#include "server/pipeline/decision_components.h"
#include "server/pipeline/suggestion_service.h"
#include "server/storage/batching_decision_log.h"
#include "server/storage/sqlite_database.h"
#include "server/storage/sqlite_decision_log.h"

namespace debrief {
namespace {

constexpr int kLabels = 300;
constexpr int kExamplesPerLabel = 12;
constexpr int kCalls = 20000;

// A deterministic vocabulary: common filler words and per-label topic words.
std::string Word(uint64_t n) {
  static const char* kSyllables[] = {"ka", "lo", "mi", "ne", "ro", "su", "ta", "vi", "de", "pa"};
  std::string word;
  do {
    word += kSyllables[n % 10];
    n /= 10;
  } while (n > 0);
  return word;
}

std::string TextOf(int label, common::SeededRandom& random, size_t bytes) {
  std::string text;
  while (text.size() < bytes) {
    const uint64_t r = random.Next();
    // A third of the words are the label's topic words, the rest shared filler.
    const uint64_t word = r % 3 == 0 ? 10000 + static_cast<uint64_t>(label) * 20 + (r >> 8) % 20
                                     : (r >> 8) % 2000;
    absl::StrAppend(&text, text.empty() ? "" : " ", Word(word));
  }
  text.resize(bytes);
  return text;
}

config::DebriefConfig ConfigWith300Labels() {
  config::DebriefConfig config;
  for (int i = 0; i < kLabels; ++i) {
    config::TaxonomyNode node;
    node.id = absl::StrCat("area-", i / 20, "/topic-", i);
    node.description = absl::StrCat("Topic ", i);
    node.keywords = {Word(10000 + static_cast<uint64_t>(i) * 20),
                     absl::StrCat(Word(10001 + static_cast<uint64_t>(i) * 20), " ",
                                  Word(10002 + static_cast<uint64_t>(i) * 20))};
    node.helpdesk_tags = {absl::StrCat("topic_", i)};
    config.taxonomy.tags.push_back(node);
  }
  config.storage.data_dir =
      (std::filesystem::temp_directory_path() / absl::StrCat("debrief-bench-", getpid())).string();
  return config;
}

class Fixture {
 public:
  explicit Fixture(bool with_model) : config_(ConfigWith300Labels()) {
    std::filesystem::remove_all(config_.storage.data_dir);
    database_ = *storage::SqliteDatabase::Open(config_.storage);
    store_ = std::make_unique<storage::SqliteDecisionLog>(*database_);
    log_ = std::make_unique<storage::BatchingDecisionLog>(*store_, storage::BatchingDecisionLogOptions{});
    log_->Start();
    learner_ = learning::Learner::Create(config_.learning, clock_, nullptr);
    common::SeededRandom random(1);
    if (with_model) {
      for (int round = 0; round < kExamplesPerLabel; ++round) {
        for (int label = 0; label < kLabels; ++label) {
          learner_->LearnClose({.text = TextOf(label, random, 2048),
                                .labels = {{"tags", {config_.taxonomy.tags[label].id}}}},
                               0);
        }
      }
      learner_->PublishPending();
    }
    components_ = std::make_unique<common::Snapshot<pipeline::DecisionComponents>>(
        *pipeline::BuildDecisionComponents(config_, with_model ? &learner_->published() : nullptr));
    service_ = std::make_unique<pipeline::SuggestionService>(*components_, *log_, clock_, random_,
                                                             metrics_);
    ticket_.source = core::Source::kGeneric;
    ticket_.ticket_id = "bench-1";
    ticket_.subject = "Question about " + Word(10000 + 42 * 20);
    core::Message message;
    message.author_role = core::AuthorRole::kCustomer;
    message.body_text = TextOf(42, random, 2048 - ticket_.subject.size());
    ticket_.messages.push_back(message);
  }
  ~Fixture() {
    log_->Shutdown();
    std::filesystem::remove_all(config_.storage.data_dir);
  }
  pipeline::SuggestionService& service() { return *service_; }
  const core::Ticket& ticket() const { return ticket_; }
  int64_t model_bytes() const { return learner_->model()->memory_bytes(); }

 private:
  config::DebriefConfig config_;
  common::SystemClock clock_;
  common::SeededRandom random_{7};
  common::MetricsRegistry metrics_;
  std::unique_ptr<storage::SqliteDatabase> database_;
  std::unique_ptr<storage::SqliteDecisionLog> store_;
  std::unique_ptr<storage::BatchingDecisionLog> log_;
  std::unique_ptr<learning::Learner> learner_;
  std::unique_ptr<common::Snapshot<pipeline::DecisionComponents>> components_;
  std::unique_ptr<pipeline::SuggestionService> service_;
  core::Ticket ticket_;
};

void SuggestTags(benchmark::State& state, bool with_model) {
  Fixture fixture(with_model);
  std::vector<double> micros;
  micros.reserve(kCalls);
  size_t tags = 0;
  for (auto _ : state) {
    const absl::Time start = absl::Now();
    absl::StatusOr<core::Suggestion> suggestion = fixture.service().Suggest(fixture.ticket(), 5);
    micros.push_back(absl::ToDoubleMicroseconds(absl::Now() - start));
    tags = suggestion->tags.size();
    benchmark::DoNotOptimize(suggestion);
  }
  std::sort(micros.begin(), micros.end());
  state.counters["p50_us"] = micros[micros.size() / 2];
  state.counters["p99_us"] = micros[micros.size() * 99 / 100];
  state.counters["max_us"] = micros.back();
  state.counters["tags"] = static_cast<double>(tags);
  state.counters["model_MiB"] = static_cast<double>(fixture.model_bytes()) / (1 << 20);
}

void BM_SuggestTags_RulesOnly_300Labels(benchmark::State& state) { SuggestTags(state, false); }
void BM_SuggestTags_RulesAndModel_300Labels(benchmark::State& state) { SuggestTags(state, true); }

BENCHMARK(BM_SuggestTags_RulesOnly_300Labels)->Iterations(kCalls)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_SuggestTags_RulesAndModel_300Labels)->Iterations(kCalls)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace debrief

BENCHMARK_MAIN();
