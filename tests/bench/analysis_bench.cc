// Throughput of close-time analysis on one core: the whole pipeline (Prepare = normalize
// + redact, one scan, Analyze = all facet extractors, tag scoring with the rule tagger) on
// a 2 KB and a 20 KB ticket, with the shipped config/debrief.yaml. Baseline in the same
// run: the pipeline as the foundation had it (normalize + rule tagger only). Per-stage
// benchmarks show where the time goes. Results: docs/BENCHMARKS.md.
//
//   cmake --preset bench -B build/bench && cmake --build build/bench -j2 --target analysis_bench
//   DEBRIEF_SOURCE_DIR=$PWD build/bench/tests/bench/analysis_bench
//       --benchmark_filter='WholePipeline|Baseline' --benchmark_min_time=0.5 --benchmark_repetitions=10
#include <string>

#include "benchmark/benchmark.h"
#include "server/analysis/analyzer.h"
#include "server/analysis/normalizer.h"
#include "server/analysis/rule_tagger.h"
#include "server/analysis/scanned_text.h"
#include "server/config/config_loader.h"
#include "tests/testing/test_env.h"

namespace debrief::analysis {
namespace {

// Realistic turns of a support conversation; tickets are built by cycling through them.
constexpr const char* kCustomerTurns[] = {
    "Hi team,\nSince Monday the CSV export crashes with HTTP 500 Internal Server Error. We're "
    "really frustrated, this is the third time this month and our finance team is blocked. My "
    "card 4111 1111 1111 1111 was also charged twice for March, please check. You can reach me "
    "at dana.whitfield@acme-corp.com or +44 20 7946 0958.\n",
    "Honestly Looker Studio is half the price and does scheduled exports out of the box. It would "
    "be great if the export could run in the background and e-mail us a link. Is there a way to "
    "filter the dashboard by region before exporting?\n",
    "The log says: java.lang.IllegalStateException: Queue 4412 is full\n"
    "    at com.acme.export.CsvWriter.flush(CsvWriter.java:214)\n"
    "    at com.acme.export.ExportJob.run(ExportJob.java:88)\n"
    "and the API key sk_live_51HxYzAbCdEf0123456789 was rotated last week, just in case.\n",
    "That fixed it, thank you so much! We also need to add 10 more seats next month and roll it "
    "out to our Berlin office. Does the enterprise plan include audit logs?\n",
};
constexpr const char* kAgentTurns[] = {
    "Hi Dana, sorry about this! I've escalated it to engineering; in the meantime you can use the "
    "PDF export from the report builder.\n",
    "Good news: it was a bug on our side and we deployed a fix this morning. I have also refunded "
    "the duplicate charge, it should appear within 5 business days.\n",
};

core::Ticket TicketOfSize(size_t bytes) {
  core::Ticket ticket;
  ticket.ticket_id = "bench";
  ticket.subject = "CSV export broken again";
  ticket.requester = {.id = "u-1", .email = "dana.whitfield@acme-corp.com", .name = "Dana Whitfield"};
  size_t total = ticket.subject.size();
  for (size_t turn = 0; total < bytes; ++turn) {
    core::Message message;
    const bool customer = turn % 2 == 0;
    message.author_role = customer ? core::AuthorRole::kCustomer : core::AuthorRole::kAgent;
    message.body_text = customer ? kCustomerTurns[(turn / 2) % std::size(kCustomerTurns)]
                                 : kAgentTurns[(turn / 2) % std::size(kAgentTurns)];
    if (total + message.body_text.size() > bytes) message.body_text.resize(bytes - total);
    total += message.body_text.size();
    ticket.messages.push_back(std::move(message));
  }
  return ticket;
}

struct Pipeline {
  Pipeline() {
    auto loaded = config::LoadConfigFile(debrief::testing::SourceDir() + "/config/debrief.yaml");
    if (!loaded.ok()) std::abort();
    config = *loaded;
    taxonomy = *Taxonomy::Create(config.taxonomy);
    analyzer = *Analyzer::Create(config);
    tagger = *RuleTagger::Create(config.taxonomy, taxonomy);
  }
  config::DebriefConfig config;
  std::shared_ptr<const Taxonomy> taxonomy;
  std::unique_ptr<Analyzer> analyzer;
  std::unique_ptr<RuleTagger> tagger;
};

Pipeline& Shared() {
  static Pipeline* pipeline = new Pipeline();
  return *pipeline;
}

size_t TextBytes(const core::Ticket& ticket) {
  size_t bytes = ticket.subject.size();
  for (const core::Message& message : ticket.messages) bytes += message.body_text.size();
  return bytes;
}

// The whole close-time analysis as OnTicketClosed runs it: Prepare, one scan, the facets
// and tag scoring from that scan.
void BM_WholePipeline(benchmark::State& state) {
  Pipeline& p = Shared();
  const core::Ticket ticket = TicketOfSize(static_cast<size_t>(state.range(0)));
  for (auto _ : state) {
    core::Ticket prepared = p.analyzer->Prepare(ticket);
    const std::vector<ScannedSegment> scanned = ScanTicket(prepared);
    core::Debriefing facets = p.analyzer->Analyze(prepared, scanned);
    std::vector<core::Label> tags = p.tagger->Score(prepared, scanned);
    benchmark::DoNotOptimize(facets);
    benchmark::DoNotOptimize(tags);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(TextBytes(ticket)));
}
BENCHMARK(BM_WholePipeline)->Arg(2 << 10)->Arg(20 << 10)->Unit(benchmark::kMicrosecond);

// Baseline: what the foundation ran per close (normalize, rule tagger, no facets).
void BM_BaselineNormalizeAndTags(benchmark::State& state) {
  Pipeline& p = Shared();
  const core::Ticket ticket = TicketOfSize(static_cast<size_t>(state.range(0)));
  for (auto _ : state) {
    core::Ticket prepared = Normalize(ticket);
    std::vector<core::Label> tags = p.tagger->Score(prepared);
    benchmark::DoNotOptimize(tags);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(TextBytes(ticket)));
}
BENCHMARK(BM_BaselineNormalizeAndTags)->Arg(2 << 10)->Arg(20 << 10)->Unit(benchmark::kMicrosecond);

// Stages, on the 2 KB ticket.
void BM_StagePrepare(benchmark::State& state) {
  Pipeline& p = Shared();
  const core::Ticket ticket = TicketOfSize(2 << 10);
  for (auto _ : state) benchmark::DoNotOptimize(p.analyzer->Prepare(ticket));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_StagePrepare)->Unit(benchmark::kMicrosecond);

void BM_StageAnalyze(benchmark::State& state) {
  Pipeline& p = Shared();
  const core::Ticket prepared = p.analyzer->Prepare(TicketOfSize(2 << 10));
  for (auto _ : state) benchmark::DoNotOptimize(p.analyzer->Analyze(prepared));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_StageAnalyze)->Unit(benchmark::kMicrosecond);

void BM_StageNormalize(benchmark::State& state) {
  const core::Ticket ticket = TicketOfSize(2 << 10);
  for (auto _ : state) benchmark::DoNotOptimize(Normalize(ticket));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_StageNormalize)->Unit(benchmark::kMicrosecond);

void BM_StageRedact(benchmark::State& state) {
  Pipeline& p = Shared();
  const core::Ticket normalized = Normalize(TicketOfSize(2 << 10));
  auto redactor = *Redactor::Create(p.config.redaction);
  for (auto _ : state) benchmark::DoNotOptimize(redactor->RedactTicket(normalized));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_StageRedact)->Unit(benchmark::kMicrosecond);

// One extractor over the scanned 2 KB ticket; `extract` returns something to keep.
template <typename Extract>
void RunExtractor(benchmark::State& state, Extract extract) {
  Pipeline& p = Shared();
  const core::Ticket prepared = p.analyzer->Prepare(TicketOfSize(2 << 10));
  const std::vector<ScannedSegment> segments = ScanTicket(prepared);
  for (auto _ : state) benchmark::DoNotOptimize(extract(segments));
  state.SetItemsProcessed(state.iterations());
}

void BM_StageScan(benchmark::State& state) {
  Pipeline& p = Shared();
  const core::Ticket prepared = p.analyzer->Prepare(TicketOfSize(2 << 10));
  for (auto _ : state) benchmark::DoNotOptimize(ScanTicket(prepared));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_StageScan)->Unit(benchmark::kMicrosecond);

void BM_StageSentiment(benchmark::State& state) {
  const SentimentScorer scorer;
  RunExtractor(state, [&](const auto& segments) { return scorer.Score(segments); });
}
BENCHMARK(BM_StageSentiment)->Unit(benchmark::kMicrosecond);

void BM_StageCompetitors(benchmark::State& state) {
  auto extractor = *CompetitorExtractor::Create(Shared().config.competitors);
  RunExtractor(state, [&](const auto& segments) { return extractor->Extract(segments); });
}
BENCHMARK(BM_StageCompetitors)->Unit(benchmark::kMicrosecond);

void BM_StageFeedback(benchmark::State& state) {
  auto extractor = *FeedbackExtractor::Create(Shared().config.feedback_kinds, Shared().config.taxonomy);
  RunExtractor(state, [&](const auto& segments) { return extractor->Extract(segments); });
}
BENCHMARK(BM_StageFeedback)->Unit(benchmark::kMicrosecond);

void BM_StageErrors(benchmark::State& state) {
  const ErrorSignatureExtractor extractor;
  RunExtractor(state, [&](const auto& segments) { return extractor.Extract(segments); });
}
BENCHMARK(BM_StageErrors)->Unit(benchmark::kMicrosecond);

void BM_StageResolution(benchmark::State& state) {
  const config::ResolutionOptions& options = Shared().config.resolution;
  auto fix = *ResolutionClassifier::Create(options.fix_category, options, "fix");
  auto cause = *ResolutionClassifier::Create(options.root_cause, options, "cause");
  RunExtractor(state, [&](const auto& segments) {
    return std::make_pair(fix->Classify(segments), cause->Classify(segments));
  });
}
BENCHMARK(BM_StageResolution)->Unit(benchmark::kMicrosecond);

void BM_StageSignals(benchmark::State& state) {
  auto extractor = *RelationshipSignalExtractor::Create(Shared().config.relationship_signals);
  RunExtractor(state, [&](const auto& segments) { return extractor->Extract(segments); });
}
BENCHMARK(BM_StageSignals)->Unit(benchmark::kMicrosecond);

void BM_StageTagScoring(benchmark::State& state) {
  Pipeline& p = Shared();
  const core::Ticket prepared = p.analyzer->Prepare(TicketOfSize(2 << 10));
  for (auto _ : state) benchmark::DoNotOptimize(p.tagger->Score(prepared));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_StageTagScoring)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace debrief::analysis

BENCHMARK_MAIN();
