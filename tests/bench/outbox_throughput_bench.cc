// Outbox throughput: insights delivered per second through the real dispatcher and the
// SQLite outbox to a local cpp-httplib webhook receiver (signed per Standard Webhooks,
// libcurl), against two baselines measured in the same run: the same receiver hit by plain
// HTTP clients (no outbox: the HTTP ceiling), and the same outbox and dispatcher writing a
// JSON-lines file (no HTTP: the outbox ceiling).
//
//   outbox_throughput_bench --insights 5000 --accounts 100 --concurrency 4 --max-seconds 120
//
// Each scenario enqueues --insights insights (spread over --accounts accounts, so
// per-account ordering leaves --accounts lanes of parallelism) in one commit, starts the
// dispatcher, and times until nothing is pending, bounded by --max-seconds.
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "httplib.h"
#include "server/common/clock.h"
#include "server/common/metrics.h"
#include "server/config/storage_options.h"
#include "server/routing/destination_factory.h"
#include "server/routing/dispatcher.h"
#include "server/storage/sqlite_database.h"
#include "server/storage/sqlite_outbox_store.h"

namespace {

using namespace debrief;  // NOLINT: a tool's main file

struct Flags {
  int insights = 5000;
  int accounts = 100;
  int concurrency = 4;
  int max_seconds = 120;
  std::string work_dir = "/tmp/debrief-outbox-bench";
};

bool ParseFlags(int argc, char** argv, Flags& flags) {
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string name = argv[i];
    const std::string value = argv[i + 1];
    bool ok = true;
    if (name == "--insights") {
      ok = absl::SimpleAtoi(value, &flags.insights) && flags.insights > 0 && flags.insights <= 1'000'000;
    } else if (name == "--accounts") {
      ok = absl::SimpleAtoi(value, &flags.accounts) && flags.accounts > 0;
    } else if (name == "--concurrency") {
      ok = absl::SimpleAtoi(value, &flags.concurrency) && flags.concurrency >= 1 && flags.concurrency <= 64;
    } else if (name == "--max-seconds") {
      ok = absl::SimpleAtoi(value, &flags.max_seconds) && flags.max_seconds > 0 && flags.max_seconds <= 3600;
    } else if (name == "--work-dir") {
      flags.work_dir = value;
    } else {
      ok = false;
    }
    if (!ok) {
      std::cerr << "bad flag " << name << " " << value << "\n";
      return false;
    }
  }
  return argc % 2 == 1;
}

// A webhook receiver on loopback that accepts everything and counts requests.
class Receiver {
 public:
  Receiver() {
    server_.Post("/hooks", [this](const httplib::Request&, httplib::Response& res) {
      received_.fetch_add(1);
      res.status = 204;
    });
    server_.set_tcp_nodelay(true);
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    absl::Mutex mu;
    absl::MutexLock lock(&mu);
    const bool never = false;
    for (int i = 0; i < 5000 && !server_.is_running(); ++i) {
      mu.AwaitWithTimeout(absl::Condition(&never), absl::Milliseconds(1));
    }
  }
  ~Receiver() {
    server_.stop();
    thread_.join();
  }
  int port() const { return port_; }
  int64_t received() const { return received_.load(); }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::atomic<int64_t> received_{0};
};

// A JSON body of the size a routed insight has.
std::string InsightBody(int i) {
  return absl::StrCat(R"({"type":"competitor_mentioned","timestamp":"2026-11-26T03:00:00Z","data":{"insight_id":"ins_)",
                      i, R"(","kind":"competitor_mentioned","audience":"sales","account_id":"acct-)", i % 100,
                      R"(","body":{"competitor":"Looker Studio","evidence":"Honestly, Looker Studio is half the price."}}})");
}

struct Result {
  std::string name;
  int64_t delivered = 0;
  absl::Duration enqueue;
  absl::Duration deliver;
};

void Print(const Result& r) {
  std::cout << absl::StrFormat("%-44s %8d insights  enqueue %8.1f ms  deliver %8.1f ms  %9.0f insights/s\n",
                               r.name, r.delivered, absl::ToDoubleMilliseconds(r.enqueue),
                               absl::ToDoubleMilliseconds(r.deliver),
                               r.delivered / std::max(1e-9, absl::ToDoubleSeconds(r.deliver)));
}

// Baseline: `flags.concurrency` keep-alive clients POST the bodies straight to the receiver.
Result PlainHttp(const Flags& flags, Receiver& receiver) {
  Result result{.name = "baseline: plain HTTP POSTs to the receiver"};
  const int64_t before = receiver.received();
  std::atomic<int> next{0};
  const absl::Time start = absl::Now();
  const absl::Time deadline = start + absl::Seconds(flags.max_seconds);
  std::vector<std::thread> clients;
  for (int c = 0; c < flags.concurrency; ++c) {
    clients.emplace_back([&] {
      httplib::Client client("127.0.0.1", receiver.port());
      client.set_keep_alive(true);
      client.set_tcp_nodelay(true);
      for (int i = next.fetch_add(1); i < flags.insights && absl::Now() < deadline; i = next.fetch_add(1)) {
        client.Post("/hooks", InsightBody(i), "application/json");
      }
    });
  }
  for (std::thread& client : clients) client.join();
  result.deliver = absl::Now() - start;
  result.delivered = receiver.received() - before;
  return result;
}

// `flags.insights` insights through a fresh SQLite outbox and the dispatcher to `options`.
Result ThroughOutbox(const Flags& flags, const std::string& name, config::DestinationOptions options) {
  Result result{.name = name};
  config::StorageOptions storage_options;
  storage_options.data_dir = absl::StrCat(flags.work_dir, "/", options.kind, "-", ::getpid());
  std::filesystem::remove_all(storage_options.data_dir);
  auto database = storage::SqliteDatabase::Open(storage_options);
  if (!database.ok()) {
    std::cerr << database.status() << "\n";
    return result;
  }
  storage::SqliteOutboxStore outbox(**database);
  common::SystemClock clock;
  common::SystemRandom random;
  common::MetricsRegistry metrics;
  core::PlannedInsights planned;
  for (int i = 0; i < flags.insights; ++i) {
    const std::string account = absl::StrCat("acct-", i % flags.accounts);
    const std::string id = core::InsightId(account, "competitor_mentioned", std::to_string(i));
    planned.insights.push_back({.insight_id = id, .kind = "competitor_mentioned",
                                .audience = core::Team::kSales, .account_id = account,
                                .created_at = clock.Now(),
                                .body_json = R"({"competitor":"Looker Studio","evidence":"Honestly, Looker Studio is half the price."})"});
    planned.deliveries.push_back({.insight_id = id, .destination = options.name, .route = "bench"});
  }
  const absl::Time enqueue_start = absl::Now();
  if (absl::Status status = outbox.Enqueue(planned, clock.Now()); !status.ok()) {
    std::cerr << status << "\n";
    return result;
  }
  result.enqueue = absl::Now() - enqueue_start;

  routing::Dispatcher dispatcher(outbox, clock, random, metrics);
  auto destination = routing::CreateDestination(options, clock);
  if (!destination.ok() || !dispatcher.AddDestination(options, *std::move(destination)).ok()) {
    std::cerr << "cannot build destination " << options.name << "\n";
    return result;
  }
  const absl::Time start = absl::Now();
  const absl::Time deadline = start + absl::Seconds(flags.max_seconds);
  if (!dispatcher.Start().ok()) return result;
  absl::Mutex mu;
  absl::MutexLock lock(&mu);
  const bool never = false;
  int64_t pending = flags.insights;
  while (absl::Now() < deadline) {
    absl::StatusOr<int64_t> count = outbox.CountPending(options.name);
    pending = count.ok() ? *count : pending;
    if (pending == 0) break;
    mu.AwaitWithTimeout(absl::Condition(&never), absl::Milliseconds(2));
  }
  result.deliver = absl::Now() - start;
  dispatcher.Shutdown(absl::Seconds(5));
  result.delivered = flags.insights - pending;
  std::filesystem::remove_all(storage_options.data_dir);
  return result;
}

}  // namespace

int main(int argc, char** argv) {
  Flags flags;
  if (!ParseFlags(argc, argv, flags)) {
    std::cerr << "usage: outbox_throughput_bench [--insights N] [--accounts N] [--concurrency N] "
                 "[--max-seconds N] [--work-dir DIR]\n";
    return 2;
  }
  std::filesystem::create_directories(flags.work_dir);
  Receiver receiver;
  std::cout << "insights " << flags.insights << ", accounts " << flags.accounts << ", concurrency "
            << flags.concurrency << "\n";

  Print(PlainHttp(flags, receiver));

  config::DestinationOptions jsonl;
  jsonl.name = "warehouse";
  jsonl.kind = "jsonl";
  jsonl.path = absl::StrCat(flags.work_dir, "/insights-", ::getpid(), ".jsonl");
  jsonl.concurrency = flags.concurrency;
  Print(ThroughOutbox(flags, "baseline: outbox + dispatcher -> jsonl file", jsonl));
  std::filesystem::remove(jsonl.path);

  setenv("DEBRIEF_BENCH_WEBHOOK_SECRET", ("whsec_" + absl::Base64Escape("bench signing key")).c_str(), 1);
  config::DestinationOptions webhook;
  webhook.name = "receiver";
  webhook.kind = "webhook";
  webhook.url = absl::StrCat("http://127.0.0.1:", receiver.port(), "/hooks");
  webhook.secrets = {config::SecretRef{.env = "DEBRIEF_BENCH_WEBHOOK_SECRET"}};
  webhook.concurrency = flags.concurrency;
  Print(ThroughOutbox(flags, "outbox + dispatcher -> signed webhook", webhook));
  return 0;
}
