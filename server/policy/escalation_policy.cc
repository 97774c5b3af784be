#include "server/policy/escalation_policy.h"

#include <algorithm>
#include <array>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace debrief::policy {
namespace {

using OpName = std::pair<absl::string_view, int>;

std::string TypeName(FactType type) {
  switch (type) {
    case FactType::kNumber: return "number";
    case FactType::kWord: return "word";
    case FactType::kList: return "list";
    case FactType::kText: return "text";
    case FactType::kBool: return "boolean";
  }
  return "unknown";
}

std::vector<std::string> Lowered(const std::vector<std::string>& words) {
  std::vector<std::string> out;
  out.reserve(words.size());
  for (const std::string& word : words) out.push_back(absl::AsciiStrToLower(word));
  return out;
}

// Finds `needle` (lowercase) in `part` case-insensitively; appends evidence per hit.
bool FindInText(const TextPart& part, const std::string& needle,
                std::vector<core::Evidence>& evidence) {
  if (needle.empty()) return false;
  const std::string lower = absl::AsciiStrToLower(part.text);
  size_t pos = lower.find(needle);
  if (pos == std::string::npos) return false;
  core::Evidence span;
  span.message_index = part.message_index;
  span.start = static_cast<int>(pos);
  span.end = static_cast<int>(pos + needle.size());
  span.quote = part.text.substr(pos, needle.size());
  evidence.push_back(std::move(span));
  return true;
}

}  // namespace

absl::StatusOr<EscalationPolicy::Condition> EscalationPolicy::CompileCondition(
    const config::ConditionOptions& options, const std::string& where) {
  Condition condition;
  condition.fact = FindFact(options.field);
  if (condition.fact == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat(where, ": unknown field \"", options.field, "\""));
  }
  static constexpr std::array<std::pair<absl::string_view, Op>, 16> kOps = {{
      {"==", Op::kEq},        {"eq", Op::kEq},
      {"!=", Op::kNe},        {"ne", Op::kNe},
      {"<", Op::kLt},         {"<=", Op::kLe},
      {">", Op::kGt},         {">=", Op::kGe},
      {"in", Op::kIn},        {"not_in", Op::kNotIn},
      {"contains", Op::kContains}, {"has_prefix", Op::kHasPrefix},
      {"matches", Op::kMatches},   {"exists", Op::kExists},
      {"lt", Op::kLt},        {"gt", Op::kGt},
  }};
  bool known = false;
  for (const auto& [name, op] : kOps) {
    if (name == options.op) {
      condition.op = op;
      known = true;
    }
  }
  if (!known) {
    return absl::InvalidArgumentError(absl::StrCat(
        where, ": unknown operator \"", options.op,
        "\" (use ==, !=, <, <=, >, >=, in, not_in, contains, has_prefix, matches, exists)"));
  }
  const FactType type = condition.fact->type;
  const Op op = condition.op;
  auto unsupported = [&]() {
    return absl::InvalidArgumentError(absl::StrCat(where, ": operator \"", options.op,
                                                   "\" does not apply to ", TypeName(type),
                                                   " field \"", options.field, "\""));
  };
  if (op == Op::kExists) return condition;

  const config::ConfigValue& value = options.value;
  if (std::holds_alternative<std::monostate>(value)) {
    return absl::InvalidArgumentError(absl::StrCat(where, ": value is required for \"",
                                                   options.op, "\""));
  }
  if (std::holds_alternative<std::vector<std::string>>(value)) {
    condition.words = Lowered(std::get<std::vector<std::string>>(value));
  } else if (std::holds_alternative<std::string>(value)) {
    condition.words = {absl::AsciiStrToLower(std::get<std::string>(value))};
  } else if (std::holds_alternative<double>(value)) {
    condition.number = std::get<double>(value);
    condition.words = {absl::AsciiStrToLower(config::ConfigValueToString(value))};
  } else if (std::holds_alternative<bool>(value)) {
    condition.words = {std::get<bool>(value) ? "true" : "false"};
  }

  switch (type) {
    case FactType::kNumber: {
      if (op == Op::kContains || op == Op::kHasPrefix || op == Op::kMatches) return unsupported();
      // Operands may be numbers or, for ordinal facts, level names.
      std::vector<double> numbers;
      for (const std::string& word : condition.words) {
        double number = 0;
        const auto& levels = condition.fact->levels;
        auto level = std::find(levels.begin(), levels.end(), word);
        if (level != levels.end()) {
          number = static_cast<double>(level - levels.begin() + 1);
        } else if (!absl::SimpleAtod(word, &number)) {
          return absl::InvalidArgumentError(absl::StrCat(
              where, ": \"", word, "\" is not a number",
              levels.empty() ? "" : absl::StrCat(" or one of ", absl::StrJoin(levels, ", "))));
        }
        numbers.push_back(number);
      }
      if ((op != Op::kIn && op != Op::kNotIn) && numbers.size() != 1) {
        return absl::InvalidArgumentError(absl::StrCat(where, ": needs a single value"));
      }
      condition.number = numbers.front();
      condition.words.clear();
      for (const double number : numbers) condition.words.push_back(absl::StrCat(number));
      return condition;
    }
    case FactType::kWord:
      if (op == Op::kLt || op == Op::kLe || op == Op::kGt || op == Op::kGe) return unsupported();
      break;
    case FactType::kList:
      if (op != Op::kContains && op != Op::kHasPrefix && op != Op::kMatches && op != Op::kIn &&
          op != Op::kNotIn) {
        return unsupported();
      }
      break;
    case FactType::kText:
      if (op != Op::kContains && op != Op::kMatches) return unsupported();
      break;
    case FactType::kBool:
      if (op != Op::kEq && op != Op::kNe) return unsupported();
      if (condition.words.size() != 1 ||
          (condition.words[0] != "true" && condition.words[0] != "false")) {
        return absl::InvalidArgumentError(absl::StrCat(where, ": value must be true or false"));
      }
      return condition;
  }
  if (op == Op::kMatches) {
    if (!std::holds_alternative<std::string>(value)) {
      return absl::InvalidArgumentError(absl::StrCat(where, ": matches needs one RE2 pattern"));
    }
    RE2::Options re_options;
    re_options.set_case_sensitive(false);
    re_options.set_log_errors(false);
    auto regex = std::make_shared<const RE2>(std::get<std::string>(value), re_options);
    if (!regex->ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(where, ": invalid RE2 pattern: ", regex->error()));
    }
    condition.regex = std::move(regex);
  }
  return condition;
}

absl::StatusOr<std::unique_ptr<EscalationPolicy>> EscalationPolicy::Create(
    const config::EscalationOptions& options) {
  std::unique_ptr<EscalationPolicy> policy(new EscalationPolicy());
  for (size_t r = 0; r < options.rules.size(); ++r) {
    const config::EscalationRuleOptions& configured = options.rules[r];
    const std::string where = absl::StrCat("escalation.rules[", r, "] (\"", configured.name, "\")");
    Rule rule;
    rule.name = configured.name;
    for (size_t c = 0; c < configured.when.size(); ++c) {
      auto condition = CompileCondition(configured.when[c], absl::StrCat(where, ".when[", c, "]"));
      if (!condition.ok()) return condition.status();
      rule.all.push_back(std::move(*condition));
    }
    for (size_t c = 0; c < configured.any.size(); ++c) {
      auto condition = CompileCondition(configured.any[c], absl::StrCat(where, ".any[", c, "]"));
      if (!condition.ok()) return condition.status();
      rule.any.push_back(std::move(*condition));
    }
    const auto level = core::EscalationLevelFromName(configured.level);
    if (!level.has_value()) {
      return absl::InvalidArgumentError(absl::StrCat(
          where, ".level: \"", configured.level, "\" is not none, monitor, escalate or urgent"));
    }
    const auto team = core::TeamFromName(configured.team);
    if (!team.has_value()) {
      return absl::InvalidArgumentError(
          absl::StrCat(where, ".team: \"", configured.team,
                       "\" is not success, product, sales, engineering or support"));
    }
    if (configured.due_within <= absl::ZeroDuration()) {
      return absl::InvalidArgumentError(absl::StrCat(where, ".due_within: must be positive"));
    }
    rule.level = *level;
    rule.team = *team;
    rule.due_within = configured.due_within;
    rule.reason = configured.reason.empty() ? absl::StrCat("rule ", configured.name, " fired")
                                            : configured.reason;
    // Placeholders must name known facts, so a typo fails at load rather than printing "".
    for (size_t open = rule.reason.find('{'); open != std::string::npos;
         open = rule.reason.find('{', open + 1)) {
      const size_t close = rule.reason.find('}', open);
      if (close == std::string::npos) break;
      const std::string name = rule.reason.substr(open + 1, close - open - 1);
      if (FindFact(name) == nullptr) {
        return absl::InvalidArgumentError(
            absl::StrCat(where, ".reason: unknown placeholder {", name, "}"));
      }
    }
    policy->rules_.push_back(std::move(rule));
  }
  return policy;
}

bool EscalationPolicy::Holds(const Condition& condition, const Facts& facts,
                             std::vector<core::Evidence>& evidence) {
  const FactValue* value = facts.Get(condition.fact->name);
  if (value == nullptr) return false;
  const Op op = condition.op;
  switch (condition.fact->type) {
    case FactType::kNumber: {
      const double x = value->number;
      bool holds = false;
      switch (op) {
        case Op::kExists: holds = true; break;
        case Op::kEq: holds = x == condition.number; break;
        case Op::kNe: holds = x != condition.number; break;
        case Op::kLt: holds = x < condition.number; break;
        case Op::kLe: holds = x <= condition.number; break;
        case Op::kGt: holds = x > condition.number; break;
        case Op::kGe: holds = x >= condition.number; break;
        case Op::kIn:
        case Op::kNotIn: {
          bool found = false;
          for (const std::string& word : condition.words) {
            double number = 0;
            found = found || (absl::SimpleAtod(word, &number) && number == x);
          }
          holds = (op == Op::kIn) == found;
          break;
        }
        default: break;
      }
      if (holds) evidence.insert(evidence.end(), value->evidence.begin(), value->evidence.end());
      return holds;
    }
    case FactType::kWord: {
      const std::string word = absl::AsciiStrToLower(value->word);
      if (op == Op::kExists) return !word.empty();
      const auto& operands = condition.words;
      switch (op) {
        case Op::kEq: return !operands.empty() && word == operands[0];
        case Op::kNe: return operands.empty() || word != operands[0];
        case Op::kIn: return std::find(operands.begin(), operands.end(), word) != operands.end();
        case Op::kNotIn: return std::find(operands.begin(), operands.end(), word) == operands.end();
        case Op::kContains:
          return std::any_of(operands.begin(), operands.end(),
                             [&](const std::string& o) { return absl::StrContains(word, o); });
        case Op::kHasPrefix:
          return std::any_of(operands.begin(), operands.end(),
                             [&](const std::string& o) { return absl::StartsWith(word, o); });
        case Op::kMatches: return RE2::PartialMatch(value->word, *condition.regex);
        default: return false;
      }
    }
    case FactType::kList: {
      if (op == Op::kExists) return !value->items.empty();
      bool any = false;
      for (const std::string& item : value->items) {
        const std::string lower = absl::AsciiStrToLower(item);
        bool match = false;
        switch (op) {
          case Op::kContains:
          case Op::kIn:
          case Op::kNotIn:
            match = std::find(condition.words.begin(), condition.words.end(), lower) !=
                    condition.words.end();
            break;
          case Op::kHasPrefix:
            for (const std::string& prefix : condition.words) {
              // "billing" matches "billing" and "billing/refund", not "billingx".
              match = match || lower == prefix || absl::StartsWith(lower, prefix + "/") ||
                      absl::StartsWith(lower, prefix + ".");
            }
            break;
          case Op::kMatches: match = RE2::PartialMatch(item, *condition.regex); break;
          default: break;
        }
        if (match) {
          any = true;
          if (auto it = value->item_evidence.find(item); it != value->item_evidence.end()) {
            evidence.insert(evidence.end(), it->second.begin(), it->second.end());
          }
        }
      }
      return op == Op::kNotIn ? !any : any;
    }
    case FactType::kText: {
      bool any = false;
      for (const TextPart& part : value->text) {
        if (op == Op::kContains) {
          for (const std::string& needle : condition.words) any |= FindInText(part, needle, evidence);
        } else if (op == Op::kMatches) {
          re2::StringPiece match;
          if (condition.regex->Match(part.text, 0, part.text.size(), RE2::UNANCHORED, &match, 1)) {
            any = true;
            core::Evidence span;
            span.message_index = part.message_index;
            span.start = static_cast<int>(match.data() - part.text.data());
            span.end = span.start + static_cast<int>(match.size());
            span.quote = std::string(match);
            evidence.push_back(std::move(span));
          }
        } else if (op == Op::kExists) {
          any = any || !part.text.empty();
        }
      }
      return any;
    }
    case FactType::kBool: {
      if (op == Op::kExists) return true;
      const bool operand = !condition.words.empty() && condition.words[0] == "true";
      return op == Op::kEq ? value->boolean == operand : value->boolean != operand;
    }
  }
  return false;
}

std::string EscalationPolicy::FillTemplate(const std::string& text, const Facts& facts) {
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t open = text.find('{', pos);
    const size_t close = open == std::string::npos ? std::string::npos : text.find('}', open);
    if (close == std::string::npos) {
      out += text.substr(pos);
      break;
    }
    out += text.substr(pos, open - pos);
    const std::string value = facts.Display(text.substr(open + 1, close - open - 1));
    out += value.empty() ? "?" : value;
    pos = close + 1;
  }
  return out;
}

core::Escalation EscalationPolicy::Decide(const Facts& facts, absl::Time decided_at) const {
  core::Escalation escalation;
  escalation.level = core::EscalationLevel::kNone;
  std::vector<std::pair<const Rule*, core::EscalationReason>> fired;
  for (const Rule& rule : rules_) {
    std::vector<core::Evidence> evidence;
    bool holds = true;
    for (const Condition& condition : rule.all) {
      if (!Holds(condition, facts, evidence)) {
        holds = false;
        break;
      }
    }
    if (!holds) continue;
    if (!rule.any.empty()) {
      bool any = false;
      for (const Condition& condition : rule.any) any = Holds(condition, facts, evidence) || any;
      if (!any) continue;
    }
    if (rule.level == core::EscalationLevel::kNone) continue;
    core::EscalationReason reason;
    reason.rule = rule.name;
    reason.text = FillTemplate(rule.reason, facts);
    reason.evidence = std::move(evidence);
    reason.level = rule.level;
    reason.target = rule.team;
    fired.emplace_back(&rule, std::move(reason));
  }
  std::stable_sort(fired.begin(), fired.end(), [](const auto& a, const auto& b) {
    return static_cast<int>(a.first->level) > static_cast<int>(b.first->level);
  });
  if (fired.empty()) return escalation;
  const Rule& top = *fired.front().first;
  escalation.level = top.level;
  escalation.target = top.team;
  escalation.due_by = decided_at + top.due_within;
  for (auto& [rule, reason] : fired) escalation.reasons.push_back(std::move(reason));
  return escalation;
}

std::vector<std::string> EscalationPolicy::rule_names() const {
  std::vector<std::string> names;
  for (const Rule& rule : rules_) names.push_back(rule.name);
  return names;
}

}  // namespace debrief::policy
