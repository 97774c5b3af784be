// Phrases that signal expansion or churn (`relationship_signals:` section), on top of the
// built-in ones (expansion.seats, expansion.upgrade, expansion.new_team,
// expansion.tier_feature, churn.cancel, churn.refund, churn.not_renewing, churn.downgrade).
#ifndef DEBRIEF_SERVER_CONFIG_RELATIONSHIP_SIGNAL_OPTIONS_H_
#define DEBRIEF_SERVER_CONFIG_RELATIONSHIP_SIGNAL_OPTIONS_H_

#include <string>
#include <vector>

namespace debrief::config {

struct SignalOptions {
  // "expansion.<name>" or "churn.<name>", built-in or new. Required.
  std::string kind;
  // Phrases matched on word boundaries, case-insensitively ("*" ends a prefix, "#" is a
  // number); negated mentions ("we won't cancel") do not count.
  std::vector<std::string> phrases;
  // RE2 patterns (case-sensitive unless written with (?i)).
  std::vector<std::string> patterns;
  // Weight reported with the signal, in (0, 10]. Default 1.
  double weight = 1.0;
};

struct RelationshipSignalOptions {
  // `signals:` in file order. Typical use: the features of higher tiers
  // (expansion.tier_feature: [audit log, sso]). Default none.
  std::vector<SignalOptions> signals;
};

}  // namespace debrief::config

#endif  // DEBRIEF_SERVER_CONFIG_RELATIONSHIP_SIGNAL_OPTIONS_H_
