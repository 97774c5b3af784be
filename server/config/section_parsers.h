// One parser per configuration section, each in the <section>_options.cc file beside its
// struct. Internal to server/config: config_loader.cc calls them in order. Each reads its
// keys from `map` (already positioned at the section), checks values that need no other
// section, and leaves unknown-key checking to the caller.
#ifndef DEBRIEF_SERVER_CONFIG_SECTION_PARSERS_H_
#define DEBRIEF_SERVER_CONFIG_SECTION_PARSERS_H_

#include "absl/status/status.h"
#include "server/common/logging.h"
#include "server/config/escalation_options.h"
#include "server/config/learning_options.h"
#include "server/config/server_options.h"
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

}  // namespace debrief::config

#endif  // DEBRIEF_SERVER_CONFIG_SECTION_PARSERS_H_
