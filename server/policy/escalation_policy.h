// The escalation policy: declarative rules from config evaluated over a decision's
// facts. Every rule that fires is reported with its reason and the evidence that made
// its conditions true; the recommendation is the highest level among them.
//
//   auto policy = EscalationPolicy::Create(config.escalation);
//   core::Escalation escalation = (*policy)->Decide(facts, closed_at);
#ifndef DEBRIEF_SERVER_POLICY_ESCALATION_POLICY_H_
#define DEBRIEF_SERVER_POLICY_ESCALATION_POLICY_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "re2/re2.h"
#include "server/config/escalation_options.h"
#include "server/core/debriefing.h"
#include "server/policy/facts.h"

namespace debrief::policy {

// Immutable after Create; thread-safe.
class EscalationPolicy {
 public:
  // INVALID_ARGUMENT naming the rule (and condition) for an unknown fact, an operator the
  // fact's type does not support, a bad operand, level or team.
  static absl::StatusOr<std::unique_ptr<EscalationPolicy>> Create(
      const config::EscalationOptions& options);

  // The recommendation for `facts`: level NONE with no reasons when no rule fires;
  // otherwise every fired rule (highest level first, then file order), the top rule's
  // team, and due_by = `decided_at` + the top rule's due_within.
  core::Escalation Decide(const Facts& facts, absl::Time decided_at) const;

  // Rule names in file order.
  std::vector<std::string> rule_names() const;

 private:
  enum class Op { kEq, kNe, kLt, kLe, kGt, kGe, kIn, kNotIn, kContains, kHasPrefix, kMatches, kExists };
  struct Condition {
    const FactSpec* fact = nullptr;
    Op op = Op::kEq;
    double number = 0;
    std::vector<std::string> words;  // lowercased operands
    std::shared_ptr<const RE2> regex;
  };
  struct Rule {
    std::string name;
    std::vector<Condition> all;
    std::vector<Condition> any;
    core::EscalationLevel level = core::EscalationLevel::kNone;
    core::Team team = core::Team::kUnspecified;
    absl::Duration due_within;
    std::string reason;
  };

  EscalationPolicy() = default;
  static absl::StatusOr<Condition> CompileCondition(const config::ConditionOptions& options,
                                                    const std::string& where);
  // Whether `condition` holds; appends evidence for what made it hold.
  static bool Holds(const Condition& condition, const Facts& facts,
                    std::vector<core::Evidence>& evidence);
  static std::string FillTemplate(const std::string& text, const Facts& facts);

  std::vector<Rule> rules_;
};

}  // namespace debrief::policy

#endif  // DEBRIEF_SERVER_POLICY_ESCALATION_POLICY_H_
