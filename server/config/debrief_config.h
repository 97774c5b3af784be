// The whole configuration: one struct per section of config/debrief.yaml. Value type;
// app/ holds the one in force and swaps it on reload.
#ifndef DEBRIEF_SERVER_CONFIG_DEBRIEF_CONFIG_H_
#define DEBRIEF_SERVER_CONFIG_DEBRIEF_CONFIG_H_

#include <string>

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

namespace debrief::config {

struct DebriefConfig {
  ServerOptions server;
  StorageOptions storage;
  common::LoggingOptions logging;
  TaxonomyOptions taxonomy;
  LearningOptions learning;
  EscalationOptions escalation;
  RedactionOptions redaction;
  CompetitorsOptions competitors;
  FeedbackOptions feedback_kinds;
  ResolutionOptions resolution;
  RelationshipSignalOptions relationship_signals;
  AccountsOptions accounts;
  DigestOptions digests;
  SourcesOptions sources;
  // `destinations:` and `routes:`.
  RoutingOptions routing;

  // SHA-256 (hex) of the file's bytes; reported by ReloadConfig and /readyz.
  std::string version;
  // The file it was loaded from, if any.
  std::string path;
};

}  // namespace debrief::config

#endif  // DEBRIEF_SERVER_CONFIG_DEBRIEF_CONFIG_H_
