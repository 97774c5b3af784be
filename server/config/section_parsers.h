// One parser per configuration section, each in the <section>_options.cc file beside its
// struct. Internal to server/config: config_loader.cc calls them in order. Each reads its
// keys from `map` (already positioned at the section), checks values that need no other
// section, and leaves unknown-key checking to the caller.
#ifndef DEBRIEF_SERVER_CONFIG_SECTION_PARSERS_H_
#define DEBRIEF_SERVER_CONFIG_SECTION_PARSERS_H_

#include "absl/status/status.h"
#include "server/common/logging.h"
#include "server/config/accounts_options.h"
#include "server/config/competitor_options.h"
#include "server/config/digest_options.h"
#include "server/config/escalation_options.h"
#include "server/config/feedback_options.h"
#include "server/config/learning_options.h"
#include "server/config/redaction_options.h"
#include "server/config/relationship_signal_options.h"
#include "server/config/resolution_options.h"
#include "server/config/routing_options.h"
#include "server/config/server_options.h"
#include "server/config/sources_options.h"
#include "server/config/storage_options.h"
#include "server/config/taxonomy_options.h"
#include "server/config/yaml_reader.h"

namespace debrief::config {

absl::Status ParseServerOptions(YamlMap& map, ServerOptions& out);
absl::Status ParseStorageOptions(YamlMap& map, StorageOptions& out);
absl::Status ParseLoggingOptions(YamlMap& map, common::LoggingOptions& out);
absl::Status ParseTaxonomyOptions(YamlMap& map, TaxonomyOptions& out);
absl::Status ParseLearningOptions(YamlMap& map, LearningOptions& out);
absl::Status ParseEscalationOptions(YamlMap& map, EscalationOptions& out);
absl::Status ParseRedactionOptions(YamlMap& map, RedactionOptions& out);
absl::Status ParseCompetitorsOptions(YamlMap& map, CompetitorsOptions& out);
absl::Status ParseFeedbackOptions(YamlMap& map, FeedbackOptions& out);
absl::Status ParseResolutionOptions(YamlMap& map, ResolutionOptions& out);
absl::Status ParseRelationshipSignalOptions(YamlMap& map, RelationshipSignalOptions& out);
absl::Status ParseAccountsOptions(YamlMap& map, AccountsOptions& out);
absl::Status ParseDigestOptions(YamlMap& map, DigestOptions& out);
// Called once per entry of `sources:` (the section maps source names to their options);
// appends to `out.sources`.
absl::Status ParseSourceOptions(const std::string& name, YamlMap& map, SourcesOptions& out);
// Called once per entry of `destinations:`; appends to `out.destinations`.
absl::Status ParseDestinationOptions(const std::string& name, YamlMap& map, RoutingOptions& out);
// Called once per element of `routes:`, after every destination; appends to `out.routes`.
absl::Status ParseRouteOptions(YamlMap& map, RoutingOptions& out);

}  // namespace debrief::config

#endif  // DEBRIEF_SERVER_CONFIG_SECTION_PARSERS_H_
