#include "server/ingest/source_registry.h"

#include "absl/strings/str_cat.h"
#include "server/common/status_macros.h"
#include "server/ingest/chatwoot/chatwoot_adapter.h"
#include "server/ingest/freshdesk/freshdesk_adapter.h"
#include "server/ingest/front/front_adapter.h"
#include "server/ingest/generic/generic_adapter.h"
#include "server/ingest/helpscout/helpscout_adapter.h"
#include "server/ingest/helpscout/helpscout_api.h"
#include "server/ingest/http_client.h"
#include "server/ingest/intercom/intercom_adapter.h"
#include "server/ingest/jira_sm/jira_sm_adapter.h"
#include "server/ingest/payload.h"
#include "server/ingest/zammad/zammad_adapter.h"
#include "server/ingest/zammad/zammad_api.h"
#include "server/ingest/zendesk/zendesk_adapter.h"
#include "server/ingest/zendesk/zendesk_api.h"

namespace debrief::ingest {
namespace {

// Builds the API clients of `options`: `fetcher` owns the client, `writer` points at it when
// it writes back.
absl::Status AttachApi(const config::SourceOptions& options,
                       std::unique_ptr<TicketFetcher>& fetcher, SuggestionWriter*& writer) {
  const std::string path = absl::StrCat("sources.", options.name);
  const config::ApiOptions& api = options.api;
  if (api.base_url.empty()) return absl::OkStatus();
  absl::StatusOr<std::string> secret = config::ResolveSecret(api.secret);
  if (!secret.ok()) {
    return absl::Status(secret.status().code(),
                        absl::StrCat(path, ".api.secret: ", secret.status().message()));
  }
  DEBRIEF_ASSIGN_OR_RETURN(
      std::unique_ptr<CurlHttpClient> http,
      CurlHttpClient::Create({.connect_timeout = api.connect_timeout, .timeout = api.timeout}));
  if (options.vendor == "zendesk") {
    auto client = std::make_unique<ZendeskApi>(api, options.write_back, *secret, std::move(http));
    writer = client.get();
    fetcher = std::move(client);
  } else if (options.vendor == "zammad") {
    auto client = std::make_unique<ZammadApi>(api, options.write_back, *secret, std::move(http));
    writer = client.get();
    fetcher = std::move(client);
  } else if (options.vendor == "helpscout") {
    fetcher = std::make_unique<HelpScoutApi>(api, *secret, std::move(http));
  } else {
    return absl::InvalidArgumentError(absl::StrCat(
        path, ".api: Debrief has no ", options.vendor,
        " API client; the payload is used as delivered (remove the api section)"));
  }
  if (!options.write_back.enabled) {
    writer = nullptr;
  } else if (writer == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat(
        path, ".write_back: writing back is available for zendesk and zammad, not ",
        options.vendor));
  }
  return absl::OkStatus();
}

}  // namespace

std::unique_ptr<Adapter> MakeAdapter(absl::string_view vendor) {
  if (vendor == "zendesk") return std::make_unique<ZendeskAdapter>();
  if (vendor == "freshdesk") return std::make_unique<FreshdeskAdapter>();
  if (vendor == "zammad") return std::make_unique<ZammadAdapter>();
  if (vendor == "chatwoot") return std::make_unique<ChatwootAdapter>();
  if (vendor == "intercom") return std::make_unique<IntercomAdapter>();
  if (vendor == "helpscout") return std::make_unique<HelpScoutAdapter>();
  if (vendor == "jira_sm") return std::make_unique<JiraSmAdapter>();
  if (vendor == "front") return std::make_unique<FrontAdapter>();
  if (vendor == "generic") return std::make_unique<GenericAdapter>();
  return nullptr;
}

absl::StatusOr<HookEvent> Source::Normalize(const HookRequest& request) const {
  DEBRIEF_ASSIGN_OR_RETURN(nlohmann::json payload, ParsePayload(request.body));
  DEBRIEF_ASSIGN_OR_RETURN(HookEvent event, adapter_->Parse(payload, request));
  DEBRIEF_RETURN_IF_ERROR(field_map_.Apply(payload, event.ticket));
  if (!options_.tenant.empty()) event.ticket.source_tenant = options_.tenant;
  return event;
}

absl::StatusOr<std::unique_ptr<SourceRegistry>> SourceRegistry::Create(
    const config::SourcesOptions& options, const SourceRegistryOptions& registry_options,
    const common::Clock& clock) {
  std::unique_ptr<SourceRegistry> registry(new SourceRegistry());
  for (const config::SourceOptions& source_options : options.sources) {
    const std::string path = absl::StrCat("sources.", source_options.name);
    std::unique_ptr<Adapter> adapter = MakeAdapter(source_options.vendor);
    if (adapter == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ".vendor: unknown vendor ", source_options.vendor));
    }
    if (source_options.max_body_bytes > registry_options.max_http_body_bytes) {
      return absl::InvalidArgumentError(absl::StrCat(
          path, ".max_body_bytes: must be at most server.max_http_body_bytes (",
          registry_options.max_http_body_bytes, ")"));
    }
    DEBRIEF_ASSIGN_OR_RETURN(
        Authenticator authenticator,
        Authenticator::Create(source_options,
                              adapter->signature_scheme(source_options.signature)));
    DEBRIEF_ASSIGN_OR_RETURN(FieldMap field_map, FieldMap::Create(source_options));
    auto limiter = std::make_unique<RateLimiter>(source_options.rate_limit, clock);
    std::unique_ptr<Source> source(new Source(source_options, std::move(adapter),
                                              std::move(authenticator), std::move(field_map),
                                              std::move(limiter)));
    DEBRIEF_RETURN_IF_ERROR(AttachApi(source_options, source->fetcher_, source->writer_));
    registry->sources_.push_back(std::move(source));
  }
  return registry;
}

const Source* SourceRegistry::Find(absl::string_view name) const {
  for (const auto& source : sources_) {
    if (source->name() == name) return source.get();
  }
  return nullptr;
}

}  // namespace debrief::ingest
