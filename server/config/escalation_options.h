// Declarative escalation rules (`escalation:` section). Each rule is a set of conditions
// over named facts about the ticket and its account; the policy module knows the facts
// and checks every rule's fields and operators when it is built.
//
//   - name: outage-on-big-account
//     when:
//       - {field: tags, op: has_prefix, value: outage}
//       - {field: account.arr, op: ">=", value: 100000}
//     level: urgent
//     team: engineering
//     due_within: 4h
//     reason: "Outage reported by {account.name} (ARR {account.arr})"
#ifndef DEBRIEF_SERVER_CONFIG_ESCALATION_OPTIONS_H_
#define DEBRIEF_SERVER_CONFIG_ESCALATION_OPTIONS_H_

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "server/config/config_value.h"

namespace debrief::config {

// One condition: `<field> <op> <value>`.
struct ConditionOptions {
  // A fact name known to the policy module, e.g. "ticket.priority", "account.arr".
  std::string field;
  // Operator: ==, !=, <, <=, >, >=, in, not_in, contains, has_prefix, matches, exists.
  std::string op;
  // Operand; absent for `exists`.
  ConfigValue value;
};

struct EscalationRuleOptions {
  // Unique rule name, reported in every reason it produces.
  std::string name;
  // Conditions that must all hold.
  std::vector<ConditionOptions> when;
  // Conditions of which at least one must hold (ignored when empty).
  std::vector<ConditionOptions> any;
  // none, monitor, escalate or urgent.
  std::string level;
  // success, product, sales, engineering or support.
  std::string team;
  // Time from close by which the team should act. Default 24h.
  absl::Duration due_within = absl::Hours(24);
  // Reason template; {fact.name} placeholders are filled in with the fact's value.
  std::string reason;
};

struct EscalationOptions {
  // Rules in file order; every rule that fires is reported.
  std::vector<EscalationRuleOptions> rules;
};

}  // namespace debrief::config

#endif  // DEBRIEF_SERVER_CONFIG_ESCALATION_OPTIONS_H_
