#include "server/policy/escalation_policy.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace debrief::policy {
namespace {

using ::testing::HasSubstr;

config::EscalationRuleOptions Rule(std::string name, std::vector<config::ConditionOptions> when,
                                   std::string level = "escalate", std::string team = "success") {
  config::EscalationRuleOptions rule;
  rule.name = std::move(name);
  rule.when = std::move(when);
  rule.level = std::move(level);
  rule.team = std::move(team);
  return rule;
}

Facts SampleFacts() {
  Facts facts;
  facts.SetNumber("ticket.priority", 4);  // urgent
  facts.SetWord("ticket.channel", "Email");
  facts.SetNumber("account.arr", 120000);
  facts.SetWord("account.name", "Globex");
  facts.SetList("tags", {"outage/service-down", "billing/invoice"},
                {{"outage/service-down", {{.message_index = 0, .start = 4, .end = 11, .quote = "is down"}}}});
  facts.SetText("text.customer", {{0, "App is down and I want a REFUND now"}});
  facts.SetBool("ticket.partial", false);
  return facts;
}

struct ConditionCase {
  std::string name;
  config::ConditionOptions condition;
  bool fires;
};

TEST(EscalationPolicyTest, EvaluatesEachOperator) {
  const ConditionCase cases[] = {
      {"priority >= high", {"ticket.priority", ">=", std::string("high")}, true},
      {"priority < urgent", {"ticket.priority", "<", std::string("urgent")}, false},
      {"priority == 4", {"ticket.priority", "==", 4.0}, true},
      {"arr > 100k", {"account.arr", ">", 100000.0}, true},
      {"arr <= 50k", {"account.arr", "<=", 50000.0}, false},
      {"arr in list", {"account.arr", "in", std::vector<std::string>{"1", "120000"}}, true},
      {"channel == email ignores case", {"ticket.channel", "==", std::string("email")}, true},
      {"channel != chat", {"ticket.channel", "!=", std::string("chat")}, true},
      {"channel in", {"ticket.channel", "in", std::vector<std::string>{"chat", "email"}}, true},
      {"channel not_in", {"ticket.channel", "not_in", std::vector<std::string>{"email"}}, false},
      {"tags has_prefix outage", {"tags", "has_prefix", std::string("outage")}, true},
      {"tags has_prefix out is not a segment", {"tags", "has_prefix", std::string("out")}, false},
      {"tags contains exact", {"tags", "contains", std::string("billing/invoice")}, true},
      {"tags not_in", {"tags", "not_in", std::vector<std::string>{"billing/invoice"}}, false},
      {"tags matches", {"tags", "matches", std::string("^billing/")}, true},
      {"text contains ignores case", {"text.customer", "contains", std::string("refund")}, true},
      {"text matches", {"text.customer", "matches", std::string(R"(\bis down\b)")}, true},
      {"text contains absent word", {"text.customer", "contains", std::string("cancel")}, false},
      {"bool == false", {"ticket.partial", "==", false}, true},
      {"exists present", {"account.arr", "exists", {}}, true},
      {"absent fact never fires", {"sentiment.end", "<", -0.5}, false},
      {"absent fact does not exist", {"account.days_to_renewal", "exists", {}}, false},
  };
  const Facts facts = SampleFacts();
  for (const ConditionCase& c : cases) {
    config::EscalationOptions options;
    options.rules.push_back(Rule("r", {c.condition}));
    auto policy = EscalationPolicy::Create(options);
    ASSERT_TRUE(policy.ok()) << c.name << ": " << policy.status();
    const core::Escalation escalation = (*policy)->Decide(facts, absl::UnixEpoch());
    EXPECT_EQ(escalation.level == core::EscalationLevel::kEscalate, c.fires) << c.name;
  }
}

TEST(EscalationPolicyTest, ReportsEveryFiredRuleHighestFirstWithEvidence) {
  config::EscalationOptions options;
  auto monitor = Rule("arr-watch", {{"account.arr", ">=", 100000.0}}, "monitor", "success");
  auto urgent = Rule("outage", {{"tags", "has_prefix", std::string("outage")}}, "urgent", "engineering");
  urgent.due_within = absl::Hours(2);
  urgent.reason = "Outage at {account.name} (ARR {account.arr}, priority {ticket.priority})";
  auto quiet = Rule("never", {{"ticket.channel", "==", std::string("chat")}});
  options.rules = {monitor, urgent, quiet};
  auto policy = EscalationPolicy::Create(options);
  ASSERT_TRUE(policy.ok()) << policy.status();
  const absl::Time closed = absl::FromUnixSeconds(1'000'000);
  const core::Escalation escalation = (*policy)->Decide(SampleFacts(), closed);
  EXPECT_EQ(escalation.level, core::EscalationLevel::kUrgent);
  EXPECT_EQ(escalation.target, core::Team::kEngineering);
  EXPECT_EQ(escalation.due_by, closed + absl::Hours(2));
  ASSERT_EQ(escalation.reasons.size(), 2u);
  EXPECT_EQ(escalation.reasons[0].rule, "outage");
  EXPECT_EQ(escalation.reasons[0].text, "Outage at Globex (ARR 120000, priority urgent)");
  ASSERT_EQ(escalation.reasons[0].evidence.size(), 1u);
  EXPECT_EQ(escalation.reasons[0].evidence[0].quote, "is down");
  EXPECT_EQ(escalation.reasons[1].rule, "arr-watch");
}

TEST(EscalationPolicyTest, AnyNeedsOneAndWhenNeedsAll) {
  config::EscalationOptions options;
  auto rule = Rule("r", {{"account.arr", ">", 1.0}});
  rule.any = {{"ticket.channel", "==", std::string("chat")},
              {"text.customer", "contains", std::string("refund")}};
  options.rules = {rule};
  auto policy = EscalationPolicy::Create(options);
  ASSERT_TRUE(policy.ok());
  const core::Escalation escalation = (*policy)->Decide(SampleFacts(), absl::UnixEpoch());
  ASSERT_EQ(escalation.reasons.size(), 1u);
  EXPECT_EQ(escalation.reasons[0].evidence[0].quote, "REFUND");
}

TEST(EscalationPolicyTest, NoRuleFiredMeansNone) {
  auto policy = EscalationPolicy::Create({});
  ASSERT_TRUE(policy.ok());
  const core::Escalation escalation = (*policy)->Decide(SampleFacts(), absl::UnixEpoch());
  EXPECT_EQ(escalation.level, core::EscalationLevel::kNone);
  EXPECT_TRUE(escalation.reasons.empty());
  EXPECT_FALSE(escalation.due_by.has_value());
}

struct InvalidRule {
  config::EscalationRuleOptions rule;
  std::string message;
};

TEST(EscalationPolicyTest, RejectsInvalidRulesNamingThem) {
  auto bad_template = Rule("t", {{"tags", "contains", std::string("x")}});
  bad_template.reason = "hello {acount.name}";
  const InvalidRule cases[] = {
      {Rule("typo", {{"ticket.priorty", "==", 1.0}}), "(\"typo\").when[0]: unknown field \"ticket.priorty\""},
      {Rule("op", {{"ticket.priority", "~=", 1.0}}), "(\"op\").when[0]: unknown operator \"~=\""},
      {Rule("type", {{"account.arr", "contains", std::string("x")}}), "does not apply to number"},
      {Rule("text", {{"text.customer", ">", 1.0}}), "does not apply to text"},
      {Rule("level", {{"tags", "contains", std::string("x")}}, "loud"), ".level: \"loud\""},
      {Rule("team", {{"tags", "contains", std::string("x")}}, "urgent", "legal"), ".team: \"legal\""},
      {Rule("ordinal", {{"ticket.priority", ">=", std::string("critical")}}), "one of low, normal"},
      {Rule("regex", {{"tags", "matches", std::string("(")}}), "invalid RE2"},
      {Rule("value", {{"account.arr", ">", {}}}), "value is required"},
      {bad_template, "unknown placeholder {acount.name}"},
  };
  for (const InvalidRule& c : cases) {
    config::EscalationOptions options;
    options.rules = {c.rule};
    auto policy = EscalationPolicy::Create(options);
    ASSERT_FALSE(policy.ok()) << c.rule.name;
    EXPECT_EQ(policy.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(policy.status().message()), HasSubstr("escalation.rules[0]"));
    EXPECT_THAT(std::string(policy.status().message()), HasSubstr(c.message)) << c.rule.name;
  }
}

}  // namespace
}  // namespace debrief::policy
