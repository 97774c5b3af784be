#include "server/app/debriefd.h"

#include <atomic>
#include <cstdlib>
#include <vector>

#include "absl/strings/str_cat.h"
#include "server/common/clock.h"
#include "server/common/logging.h"
#include "server/common/metrics.h"
#include "server/common/snapshot.h"
#include "server/common/status_macros.h"
#include "server/common/worker_pool.h"
#include "server/config/config_loader.h"
#include "server/digest/digest_builder.h"
#include "server/digest/digest_scheduler.h"
#include "server/ingest/delivery_processor.h"
#include "server/ingest/inbox_worker.h"
#include "server/ingest/source_registry.h"
#include "server/learning/learner.h"
#include "server/pipeline/account_service.h"
#include "server/pipeline/close_pipeline.h"
#include "server/pipeline/decision_components.h"
#include "server/pipeline/model_trainer.h"
#include "server/pipeline/suggestion_service.h"
#include "server/routing/routing_components.h"
#include "server/rpc/admin_service.h"
#include "server/rpc/admission.h"
#include "server/rpc/debrief_service.h"
#include "server/rpc/digest_route.h"
#include "server/rpc/grpc_server.h"
#include "server/rpc/http_api.h"
#include "server/rpc/http_server.h"
#include "server/rpc/insights_service.h"
#include "server/rpc/webhook_route.h"
#include "server/storage/batching_decision_log.h"
#include "server/storage/sqlite_account_store.h"
#include "server/storage/sqlite_database.h"
#include "server/storage/sqlite_decision_log.h"
#include "server/storage/sqlite_digest_store.h"
#include "server/storage/sqlite_history_store.h"
#include "server/storage/sqlite_destination_issue_store.h"
#include "server/storage/sqlite_outbox_store.h"
#include "server/storage/sqlite_webhook_inbox.h"
#include "server/storage/sqlite_model_store.h"

namespace debrief::app {
namespace {

std::string FirstSet(const std::string& flag, const char* env, const std::string& file_value) {
  if (!flag.empty()) return flag;
  if (const char* value = std::getenv(env); value != nullptr && *value != '\0') return value;
  return file_value;
}

// Keys whose new value only takes effect after a restart.
std::vector<std::string> RestartRequired(const config::DebriefConfig& before,
                                         const config::DebriefConfig& after) {
  std::vector<std::string> keys;
  const config::ServerOptions& a = before.server;
  const config::ServerOptions& b = after.server;
  if (a.grpc_listen != b.grpc_listen) keys.push_back("server.grpc_listen");
  if (a.http_listen != b.http_listen) keys.push_back("server.http_listen");
  if (a.reflection != b.reflection) keys.push_back("server.reflection");
  if (a.max_message_bytes != b.max_message_bytes) keys.push_back("server.max_message_bytes");
  if (a.max_http_body_bytes != b.max_http_body_bytes) keys.push_back("server.max_http_body_bytes");
  if (a.max_inflight != b.max_inflight) keys.push_back("server.max_inflight");
  if (a.worker_threads != b.worker_threads) keys.push_back("server.worker_threads");
  if (a.http_threads != b.http_threads) keys.push_back("server.http_threads");
  if (a.http_timeout != b.http_timeout) keys.push_back("server.http_timeout");
  if (a.limits.max_messages != b.limits.max_messages ||
      a.limits.max_ticket_bytes != b.limits.max_ticket_bytes ||
      a.limits.max_tags != b.limits.max_tags ||
      a.limits.max_custom_fields != b.limits.max_custom_fields ||
      a.limits.max_id_bytes != b.limits.max_id_bytes) {
    keys.push_back("server.limits");
  }
  if (a.cors.allowed_origins != b.cors.allowed_origins || a.cors.max_age != b.cors.max_age) {
    keys.push_back("server.cors");
  }
  if (before.storage.data_dir != after.storage.data_dir ||
      before.storage.sqlite_file != after.storage.sqlite_file ||
      before.storage.busy_timeout != after.storage.busy_timeout) {
    keys.push_back("storage");
  }
  const config::LearningOptions& la = before.learning;
  const config::LearningOptions& lb = after.learning;
  if (la.enabled != lb.enabled || la.seed != lb.seed || la.learning_rate != lb.learning_rate ||
      la.max_model_bytes != lb.max_model_bytes || la.publish_interval != lb.publish_interval ||
      la.snapshot_interval != lb.snapshot_interval || la.snapshots_kept != lb.snapshots_kept ||
      la.features.hash_bits != lb.features.hash_bits ||
      la.features.word_ngrams != lb.features.word_ngrams ||
      la.features.char_ngram_min != lb.features.char_ngram_min ||
      la.features.char_ngram_max != lb.features.char_ngram_max ||
      la.features.max_text_bytes != lb.features.max_text_bytes ||
      la.label_spaces.size() != lb.label_spaces.size() ||
      !std::equal(la.label_spaces.begin(), la.label_spaces.end(), lb.label_spaces.begin(),
                  [](const config::LabelSpaceOptions& x, const config::LabelSpaceOptions& y) {
                    return x.name == y.name && x.labels_from == y.labels_from &&
                           x.exclusive == y.exclusive;
                  })) {
    keys.push_back("learning (model settings)");
  }
  // The dispatcher's destinations, the route table closes plan with, and the digest
  // scheduler are built once at start.
  if (!(before.routing == after.routing)) keys.push_back("destinations and routes");
  if (!(before.digests == after.digests)) keys.push_back("digests");
  return keys;
}

}  // namespace

absl::StatusOr<config::DebriefConfig> LoadEffectiveConfig(const Overrides& overrides) {
  DEBRIEF_ASSIGN_OR_RETURN(config::DebriefConfig config,
                           config::LoadConfigFile(overrides.config_path));
  config.server.grpc_listen =
      FirstSet(overrides.grpc_listen, "DEBRIEF_GRPC_LISTEN", config.server.grpc_listen);
  config.server.http_listen =
      FirstSet(overrides.http_listen, "DEBRIEF_HTTP_LISTEN", config.server.http_listen);
  config.storage.data_dir = FirstSet(overrides.data_dir, "DEBRIEF_DATA_DIR", config.storage.data_dir);
  return config;
}

// The helpdesk sources of `config`, secrets resolved.
absl::StatusOr<std::unique_ptr<ingest::SourceRegistry>> BuildSources(
    const config::DebriefConfig& config, const common::Clock& clock) {
  return ingest::SourceRegistry::Create(
      config.sources, {.max_http_body_bytes = config.server.max_http_body_bytes}, clock);
}

absl::Status CheckConfig(const Overrides& overrides) {
  DEBRIEF_ASSIGN_OR_RETURN(config::DebriefConfig config, LoadEffectiveConfig(overrides));
  const common::SystemClock clock;
  DEBRIEF_RETURN_IF_ERROR(BuildSources(config, clock).status());
  DEBRIEF_RETURN_IF_ERROR(digest::DigestScheduler::CheckSchedules(config.digests, config.routing));
  DEBRIEF_RETURN_IF_ERROR(routing::CheckRouting(config.routing, clock));
  // Components check what the section parsers cannot (rule fields, pattern sets).
  return pipeline::BuildDecisionComponents(config).status();
}

struct Debriefd::Parts {
  config::DebriefConfig config;
  common::SystemClock clock;
  common::SystemRandom random;
  common::MetricsRegistry metrics;
  std::unique_ptr<storage::SqliteDatabase> database;
  std::unique_ptr<storage::SqliteHistoryStore> history;
  std::unique_ptr<storage::SqliteAccountStore> accounts;
  std::unique_ptr<storage::SqliteDecisionLog> decision_store;
  std::unique_ptr<storage::BatchingDecisionLog> decisions;
  // The learned tagger (learning.enabled): its store, the one writer, and its trainer.
  std::unique_ptr<storage::SqliteModelStore> model_store;
  std::unique_ptr<learning::Learner> learner;
  std::unique_ptr<pipeline::ModelTrainer> trainer;
  std::unique_ptr<common::Snapshot<pipeline::DecisionComponents>> components;
  // Insight routing: the outbox, the route table closes plan with, and the dispatcher.
  std::unique_ptr<storage::SqliteOutboxStore> outbox;
  // Jira's fingerprint/theme -> issue map.
  std::unique_ptr<storage::SqliteDestinationIssueStore> destination_issues;
  routing::RoutingComponents routing;
  std::unique_ptr<pipeline::ClosePipeline> closer;
  std::unique_ptr<pipeline::SuggestionService> suggester;
  std::unique_ptr<common::WorkerPool> workers;
  std::unique_ptr<rpc::Admission> admission;
  std::unique_ptr<rpc::DebriefService> debrief_service;
  std::unique_ptr<pipeline::AccountService> account_service;
  // Digests: their queries, the builder GetDigest and GET /v1/digests serve, and the worker
  // that enqueues scheduled digests and spike alerts in the routing outbox.
  std::unique_ptr<storage::SqliteDigestStore> digest_store;
  std::unique_ptr<digest::DigestBuilder> digests;
  std::unique_ptr<digest::DigestScheduler> digest_scheduler;
  // What caught-up StreamInsights calls wait on; shut down before gRPC drains.
  std::unique_ptr<rpc::InsightFeed> insight_feed;
  std::unique_ptr<rpc::InsightsService> insights_service;
  std::unique_ptr<rpc::AdminService> admin_service;
  // Helpdesk webhooks: the configured sources (swapped on reload), the durable inbox, the
  // worker that drains it, and the route.
  std::unique_ptr<common::Snapshot<ingest::SourceRegistry>> sources;
  std::unique_ptr<storage::SqliteWebhookInbox> inbox;
  std::unique_ptr<ingest::DeliveryProcessor> deliveries;
  std::unique_ptr<ingest::InboxWorker> inbox_worker;
  std::unique_ptr<rpc::WebhookRoute> webhooks;
  std::unique_ptr<rpc::GrpcServer> grpc;
  std::unique_ptr<rpc::HttpServer> http;
  std::atomic<bool> ready{false};
  std::atomic<bool> shut_down{false};
};

Debriefd::Debriefd(const Overrides& overrides)
    : overrides_(overrides), parts_(std::make_unique<Parts>()) {}

Debriefd::~Debriefd() { Shutdown(); }

absl::StatusOr<std::unique_ptr<Debriefd>> Debriefd::Start(const Overrides& overrides) {
  std::unique_ptr<Debriefd> server(new Debriefd(overrides));
  Parts& p = *server->parts_;
  DEBRIEF_ASSIGN_OR_RETURN(p.config, LoadEffectiveConfig(overrides));
  DEBRIEF_RETURN_IF_ERROR(common::ConfigureLogging(p.config.logging));
  auto log = common::ModuleLogger("app");
  log->info("starting with {} (config {})", overrides.config_path, p.config.version.substr(0, 12));

  DEBRIEF_ASSIGN_OR_RETURN(p.database, storage::SqliteDatabase::Open(p.config.storage));
  log->info("storage ready: {} (schema v{})", p.database->path(), p.database->schema_version());
  p.history = std::make_unique<storage::SqliteHistoryStore>(*p.database);
  p.accounts = std::make_unique<storage::SqliteAccountStore>(*p.database);
  p.decision_store = std::make_unique<storage::SqliteDecisionLog>(*p.database);
  p.decisions = std::make_unique<storage::BatchingDecisionLog>(*p.decision_store,
                                                                storage::BatchingDecisionLogOptions{});
  p.decisions->Start();

  if (p.config.learning.enabled) {
    p.model_store = std::make_unique<storage::SqliteModelStore>(*p.database);
    DEBRIEF_ASSIGN_OR_RETURN(std::optional<storage::ModelSnapshotRecord> snapshot,
                             p.model_store->LatestSnapshot());
    std::string discarded;
    p.learner = learning::Learner::Create(p.config.learning, p.clock,
                                          snapshot.has_value() ? &snapshot->model : nullptr,
                                          &discarded);
    if (!discarded.empty()) {
      log->warn("model snapshot {} not used ({}); relearning from the history",
                snapshot->model_version, discarded);
    } else if (snapshot.has_value()) {
      log->info("model snapshot loaded: {}", snapshot->model_version);
    }
  }
  DEBRIEF_ASSIGN_OR_RETURN(
      auto components,
      pipeline::BuildDecisionComponents(p.config, p.learner ? &p.learner->published() : nullptr));
  p.components = std::make_unique<common::Snapshot<pipeline::DecisionComponents>>(components);
  if (p.learner) {
    p.trainer = std::make_unique<pipeline::ModelTrainer>(*p.learner, *p.model_store, *p.components,
                                                         p.config.learning, p.clock, p.metrics);
    DEBRIEF_RETURN_IF_ERROR(p.trainer->Replay().status());
    p.trainer->Start();
  }
  p.outbox = std::make_unique<storage::SqliteOutboxStore>(*p.database);
  p.destination_issues = std::make_unique<storage::SqliteDestinationIssueStore>(*p.database);
  DEBRIEF_ASSIGN_OR_RETURN(p.routing, routing::BuildRouting(p.config.routing, *p.outbox, *p.destination_issues,
                                                            p.clock, p.random, p.metrics));
  p.closer = std::make_unique<pipeline::ClosePipeline>(*p.components, *p.history, p.clock, p.metrics,
                                                       p.accounts.get(), p.trainer.get(),
                                                       p.routing.routes.get());
  p.account_service =
      std::make_unique<pipeline::AccountService>(*p.components, *p.accounts, p.clock, p.random);
  p.suggester = std::make_unique<pipeline::SuggestionService>(*p.components, *p.decisions, p.clock,
                                                              p.random, p.metrics, p.trainer.get());

  const config::ServerOptions& server_options = p.config.server;
  DEBRIEF_ASSIGN_OR_RETURN(
      p.workers, common::WorkerPool::Create({.name = "debrief",
                                             .threads = server_options.worker_threads,
                                             .queue_capacity = server_options.max_inflight}));
  p.workers->Start();
  p.admission = std::make_unique<rpc::Admission>(server_options.max_inflight, p.metrics);

  p.debrief_service = std::make_unique<rpc::DebriefService>(
      *p.closer, *p.suggester, *p.workers, *p.admission, server_options.limits);
  p.digest_store = std::make_unique<storage::SqliteDigestStore>(*p.database);
  DEBRIEF_ASSIGN_OR_RETURN(p.digests, digest::DigestBuilder::Create(p.config.digests,
                                                                    *p.digest_store, p.clock));
  p.insight_feed = std::make_unique<rpc::InsightFeed>(*p.outbox);
  p.insight_feed->Start();
  p.insights_service = std::make_unique<rpc::InsightsService>(
      *p.account_service, *p.digests, *p.insight_feed, *p.workers, *p.admission,
      server_options.limits);
  p.admin_service = std::make_unique<rpc::AdminService>(*server, *p.outbox, *p.routing.dispatcher,
                                                        p.clock, *p.workers, *p.admission);
  DEBRIEF_ASSIGN_OR_RETURN(
      p.grpc, rpc::GrpcServer::Start(server_options, {p.debrief_service.get(),
                                                      p.insights_service.get(),
                                                      p.admin_service.get()}));

  DEBRIEF_ASSIGN_OR_RETURN(std::unique_ptr<ingest::SourceRegistry> sources,
                           BuildSources(p.config, p.clock));
  log->info("helpdesk webhook sources: {}", sources->sources().size());
  p.sources = std::make_unique<common::Snapshot<ingest::SourceRegistry>>(std::move(sources));
  p.inbox = std::make_unique<storage::SqliteWebhookInbox>(*p.database);
  p.deliveries = std::make_unique<ingest::DeliveryProcessor>(
      ingest::DeliveryProcessorOptions{.limits = server_options.limits}, *p.sources, *p.closer,
      *p.inbox, p.clock, p.metrics);
  DEBRIEF_ASSIGN_OR_RETURN(p.inbox_worker,
                           ingest::InboxWorker::Create({}, *p.inbox, *p.deliveries, *p.sources,
                                                       p.clock, p.metrics));
  p.inbox_worker->Start();
  DEBRIEF_RETURN_IF_ERROR(p.routing.dispatcher->Start());
  log->info("insight routing: {} routes to {} destinations", p.config.routing.routes.size(),
            p.config.routing.destinations.size());
  DEBRIEF_ASSIGN_OR_RETURN(p.digest_scheduler,
                           digest::DigestScheduler::Create(p.config.digests, p.config.routing,
                                                           *p.digests, *p.digest_store,
                                                           *p.outbox, p.clock));
  p.digest_scheduler->Start();

  Parts* parts = &p;
  DEBRIEF_ASSIGN_OR_RETURN(
      p.http, rpc::HttpServer::Create(server_options, p.metrics,
                                      [parts] { return parts->ready.load(); }));
  rpc::RegisterDebriefRoutes(*p.http, *p.closer, *p.suggester, *p.admission,
                             server_options.limits);
  p.webhooks = std::make_unique<rpc::WebhookRoute>(*p.sources, *p.inbox, *p.admission,
                                                   server_options.limits, p.clock, p.metrics,
                                                   [parts] { parts->inbox_worker->Wake(); });
  p.webhooks->Register(*p.http);
  rpc::RegisterDigestRoutes(*p.http, *p.digests, *p.admission, p.digests->zone());
  DEBRIEF_RETURN_IF_ERROR(p.http->Start());

  p.ready = true;
  p.grpc->SetServing(true);
  log->info("ready: gRPC port {}, HTTP port {}", p.grpc->port(), p.http->port());
  return server;
}

int Debriefd::grpc_port() const { return parts_->grpc ? parts_->grpc->port() : 0; }
int Debriefd::http_port() const { return parts_->http ? parts_->http->port() : 0; }
bool Debriefd::ready() const { return parts_->ready.load(); }

absl::StatusOr<core::ReloadResult> Debriefd::Reload() {
  absl::MutexLock lock(&reload_mu_);
  auto log = common::ModuleLogger("app");
  absl::StatusOr<config::DebriefConfig> loaded = LoadEffectiveConfig(overrides_);
  absl::StatusOr<std::shared_ptr<const pipeline::DecisionComponents>> components =
      loaded.ok() ? pipeline::BuildDecisionComponents(
                        *loaded, parts_->learner ? &parts_->learner->published() : nullptr)
                  : absl::StatusOr<std::shared_ptr<const pipeline::DecisionComponents>>(
                        loaded.status());
  if (!components.ok()) {
    log->error("config reload rejected, keeping version {}: {}",
               parts_->config.version.substr(0, 12), components.status().message());
    return absl::InvalidArgumentError(components.status().message());
  }
  absl::StatusOr<std::unique_ptr<ingest::SourceRegistry>> sources =
      BuildSources(*loaded, parts_->clock);
  if (!sources.ok()) {
    log->error("config reload rejected, keeping version {}: {}",
               parts_->config.version.substr(0, 12), sources.status().message());
    return absl::InvalidArgumentError(sources.status().message());
  }
  core::ReloadResult result;
  result.restart_required = RestartRequired(parts_->config, *loaded);
  DEBRIEF_RETURN_IF_ERROR(common::ConfigureLogging(loaded->logging));
  parts_->components->Set(std::move(*components));
  parts_->sources->Set(std::move(*sources));
  parts_->config = std::move(*loaded);
  result.config_version = parts_->config.version;
  log->info("config reloaded: version {}{}", result.config_version.substr(0, 12),
            result.restart_required.empty()
                ? ""
                : absl::StrCat(" (restart needed for ", result.restart_required.size(), " keys)"));
  return result;
}

void Debriefd::Shutdown() {
  Parts& p = *parts_;
  if (p.shut_down.exchange(true)) return;
  auto log = common::ModuleLogger("app");
  const absl::Duration drain = p.config.server.drain_timeout;
  const absl::Time deadline = absl::Now() + drain;
  log->info("shutting down: draining for up to {}s", absl::ToInt64Seconds(drain));
  p.ready = false;
  if (p.grpc) p.grpc->SetServing(false);
  if (p.http) p.http->Shutdown();
  // Open insight streams end now (UNAVAILABLE, resumable), so draining does not wait on them.
  if (p.insight_feed) p.insight_feed->Shutdown();
  if (p.grpc) p.grpc->Shutdown(std::max(absl::ZeroDuration(), deadline - absl::Now()));
  if (p.inbox_worker) {
    p.inbox_worker->Shutdown(std::max(absl::ZeroDuration(), deadline - absl::Now()));
  }
  if (p.digest_scheduler) {
    p.digest_scheduler->Shutdown(std::max(absl::ZeroDuration(), deadline - absl::Now()));
  }
  if (p.routing.dispatcher) {
    p.routing.dispatcher->Shutdown(std::max(absl::ZeroDuration(), deadline - absl::Now()));
  }
  if (p.workers) p.workers->Shutdown(std::max(absl::ZeroDuration(), deadline - absl::Now()));
  if (p.trainer) p.trainer->Shutdown();
  if (p.decisions) p.decisions->Shutdown();
  log->info("stopped");
}

}  // namespace debrief::app
