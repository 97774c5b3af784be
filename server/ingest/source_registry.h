// The configured helpdesk sources, ready to serve POST /v1/hooks/{source}: for each, its
// vendor adapter, authenticator (secrets resolved), field map, rate limiter and, when an
// API is configured, the enrichment and write-back clients. Built from `sources:` at start
// and on every reload (so rotated secrets take effect without a restart); app/ keeps the
// current one in a common::Snapshot.
//
//   DEBRIEF_ASSIGN_OR_RETURN(auto registry, SourceRegistry::Create(config.sources, {}, clock));
//   const Source* source = registry->Find("zendesk");
//   DEBRIEF_RETURN_IF_ERROR(source->authenticator().Authenticate(request, clock.Now()));
//   DEBRIEF_ASSIGN_OR_RETURN(HookEvent event, source->Normalize(request));
#ifndef DEBRIEF_SERVER_INGEST_SOURCE_REGISTRY_H_
#define DEBRIEF_SERVER_INGEST_SOURCE_REGISTRY_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/common/clock.h"
#include "server/config/sources_options.h"
#include "server/ingest/adapter.h"
#include "server/ingest/authenticator.h"
#include "server/ingest/field_map.h"
#include "server/ingest/hook_request.h"
#include "server/ingest/rate_limiter.h"
#include "server/ingest/vendor_api.h"

namespace debrief::ingest {

// One configured source. Thread-safe: immutable apart from its rate limiter and clients,
// which are thread-safe themselves.
class Source {
 public:
  const config::SourceOptions& options() const { return options_; }
  const std::string& name() const { return options_.name; }
  const Adapter& adapter() const { return *adapter_; }
  const Authenticator& authenticator() const { return authenticator_; }
  RateLimiter& limiter() const { return *limiter_; }
  // The enrichment client, or nullptr without `api`.
  TicketFetcher* fetcher() const { return fetcher_.get(); }
  // The write-back client, or nullptr unless write_back.enabled.
  SuggestionWriter* writer() const { return writer_; }

  // Parses an authenticated request into its event, with this source's mapping applied:
  // the field map, the custom field labels and the configured tenant. INVALID_ARGUMENT
  // naming the field when the body is not the vendor's shape.
  absl::StatusOr<HookEvent> Normalize(const HookRequest& request) const;

 private:
  friend class SourceRegistry;
  Source(config::SourceOptions options, std::unique_ptr<Adapter> adapter,
         Authenticator authenticator, FieldMap field_map, std::unique_ptr<RateLimiter> limiter)
      : options_(std::move(options)),
        adapter_(std::move(adapter)),
        authenticator_(std::move(authenticator)),
        field_map_(std::move(field_map)),
        limiter_(std::move(limiter)) {}

  const config::SourceOptions options_;
  const std::unique_ptr<Adapter> adapter_;
  const Authenticator authenticator_;
  const FieldMap field_map_;
  const std::unique_ptr<RateLimiter> limiter_;
  std::unique_ptr<TicketFetcher> fetcher_;
  SuggestionWriter* writer_ = nullptr;  // the same object as fetcher_, when it can write
};

// What the registry checks sources against, from outside the `sources:` section.
struct SourceRegistryOptions {
  // The server's HTTP body cap; a source's max_body_bytes may not exceed it. Default 2 MiB.
  int64_t max_http_body_bytes = 2 << 20;
};

// Immutable after Create; thread-safe.
class SourceRegistry {
 public:
  // Builds every source. INVALID_ARGUMENT or NOT_FOUND naming the key
  // ("sources.zendesk.secrets[0]: environment variable ZENDESK_SECRET is not set") when a
  // secret cannot be read, a vendor cannot do what is configured (api, write_back), or a
  // field map names an unknown field. `clock` must outlive the registry.
  static absl::StatusOr<std::unique_ptr<SourceRegistry>> Create(
      const config::SourcesOptions& options, const SourceRegistryOptions& registry_options,
      const common::Clock& clock);

  // The source named `name`, or nullptr.
  const Source* Find(absl::string_view name) const;
  const std::vector<std::unique_ptr<Source>>& sources() const { return sources_; }

 private:
  SourceRegistry() = default;
  std::vector<std::unique_ptr<Source>> sources_;
};

// The adapter of `vendor` ("zendesk", ...), or nullptr when unknown.
std::unique_ptr<Adapter> MakeAdapter(absl::string_view vendor);

}  // namespace debrief::ingest

#endif  // DEBRIEF_SERVER_INGEST_SOURCE_REGISTRY_H_
