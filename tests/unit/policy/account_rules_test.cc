// The account rules of the shipped config/debrief.yaml, table-driven: which rules fire
// for a ticket's facets together with its account's state.
#include <functional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/config/config_loader.h"
#include "server/policy/account_facts.h"
#include "server/policy/close_summary.h"
#include "server/policy/decision_facts.h"
#include "server/policy/escalation_policy.h"
#include "server/policy/relationship_scorer.h"
#include "tests/testing/test_env.h"

namespace debrief::policy {
namespace {

using ::testing::HasSubstr;
using ::testing::IsSupersetOf;
using ::testing::Not;
using ::testing::Contains;

const absl::Time kNow = absl::FromUnixSeconds(1'790'000'000);
constexpr absl::Duration kDay = absl::Hours(24);

std::string DateIn(int days) {
  return absl::FormatCivilTime(absl::ToCivilDay(kNow + days * kDay, absl::UTCTimeZone()));
}

// One close to decide: the ticket, what analysis found, and the account's history.
struct Scenario {
  core::Ticket ticket;
  core::Debriefing debriefing;
  std::vector<core::AccountClose> history;
  std::map<std::string, int> other_accounts_by_fingerprint;
};

Scenario Base() {
  Scenario scenario;
  scenario.ticket.source = core::Source::kZendesk;
  scenario.ticket.ticket_id = "T-9";
  scenario.ticket.account.id = "globex";
  scenario.ticket.account.name = "Globex";
  scenario.ticket.closed_at = kNow;
  scenario.debriefing.decision_id = "dcl_9";
  return scenario;
}

void SetSentiment(Scenario& s, double start, double end) {
  core::MessageSentiment last;
  last.score = end;
  s.debriefing.sentiment.messages = {last};
  s.debriefing.sentiment.start = start;
  s.debriefing.sentiment.end = end;
  s.debriefing.sentiment.delta = end - start;
}

void AddMention(Scenario& s, core::CompetitorContext context) {
  core::CompetitorMention mention;
  mention.competitor = "Initech";
  mention.context = context;
  s.debriefing.competitors.push_back(mention);
}

void AddError(Scenario& s, const std::string& fingerprint) {
  core::ErrorSignature error;
  error.fingerprint = fingerprint;
  error.evidence = {.message_index = 0, .start = 0, .end = 9, .quote = "E-SYNC-500"};
  s.debriefing.errors.push_back(error);
}

core::AccountClose Earlier(const std::string& ticket_id, int days_ago,
                           std::vector<std::string> errors = {}) {
  core::AccountClose close;
  close.ticket_id = ticket_id;
  close.decision_id = "dcl_" + ticket_id;
  close.closed_at = kNow - days_ago * kDay;
  close.error_fingerprints = std::move(errors);
  return close;
}

class AccountRulesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto config = config::LoadConfigFile(testing::SourceDir() + "/config/debrief.yaml");
    ASSERT_TRUE(config.ok()) << config.status();
    options_ = config->accounts;
    auto policy = EscalationPolicy::Create(config->escalation);
    ASSERT_TRUE(policy.ok()) << policy.status();
    policy_ = std::move(*policy);
  }

  // Decides `s` as the close pipeline does; returns the escalation.
  core::Escalation Decide(Scenario s) const {
    Facts facts = BuildDecisionFacts(s.ticket, s.debriefing, kNow);
    AccountContext context;
    context.history = s.history;
    context.close = SummarizeClose(s.ticket, s.debriefing, kNow);
    context.total_tickets = static_cast<int64_t>(s.history.size()) + 1;
    context.other_accounts_by_fingerprint = s.other_accounts_by_fingerprint;
    context.relationship = RelationshipScorer(options_).Relate(s.history, context.close, kNow);
    AddAccountFacts(context, options_, s.debriefing, facts);
    return policy_->Decide(facts, kNow);
  }

  static std::vector<std::string> Rules(const core::Escalation& escalation) {
    std::vector<std::string> rules;
    for (const core::EscalationReason& reason : escalation.reasons) rules.push_back(reason.rule);
    return rules;
  }

  config::AccountsOptions options_;
  std::unique_ptr<EscalationPolicy> policy_;
};

struct RuleCase {
  std::string name;
  std::function<void(Scenario&)> build;
  std::string rule;
  bool fires;
};

TEST_F(AccountRulesTest, EachAccountRuleFiresExactlyWhenItsConditionsHold) {
  const RuleCase cases[] = {
      {"renewal in 60 days, confidence dropped",
       [](Scenario& s) {
         s.ticket.account.renewal_date = DateIn(60);
         SetSentiment(s, 0.2, -0.3);
       },
       "renewal-at-risk", true},
      {"renewal in 120 days, confidence dropped",
       [](Scenario& s) {
         s.ticket.account.renewal_date = DateIn(120);
         SetSentiment(s, 0.2, -0.3);
       },
       "renewal-at-risk", false},
      {"renewal passed, confidence dropped",
       [](Scenario& s) {
         s.ticket.account.renewal_date = DateIn(-5);
         SetSentiment(s, 0.2, -0.3);
       },
       "renewal-at-risk", false},
      {"renewal in 60 days, confidence steady",
       [](Scenario& s) {
         s.ticket.account.renewal_date = DateIn(60);
         SetSentiment(s, 0.1, 0.0);
       },
       "renewal-at-risk", false},
      {"renewal in 60 days, confidence fell over the month though not today",
       [](Scenario& s) {
         s.ticket.account.renewal_date = DateIn(60);
         SetSentiment(s, 0.1, 0.0);
         for (int i = 1; i <= 3; ++i) {
           s.history.push_back(Earlier("T-" + std::to_string(i), 20 - 5 * i));
           s.history.back().sentiment_end = -0.3;
           s.history.back().sentiment_delta = -0.35;
         }
       },
       "renewal-at-risk", true},
      {"switching intent",
       [](Scenario& s) {
         AddMention(s, core::CompetitorContext::kSwitching);
       },
       "competitor-switching", true},
      {"only comparing",
       [](Scenario& s) {
         AddMention(s, core::CompetitorContext::kComparing);
       },
       "competitor-switching", false},
      {"third contact in 14 days about the same error",
       [](Scenario& s) {
         AddError(s, "fp-sync");
         s.history = {Earlier("T-1", 12, {"fp-sync"}), Earlier("T-2", 4, {"fp-sync"})};
       },
       "repeated-error", true},
      {"third contact, but the first was 15 days ago",
       [](Scenario& s) {
         AddError(s, "fp-sync");
         s.history = {Earlier("T-1", 15, {"fp-sync"}), Earlier("T-2", 4, {"fp-sync"})};
       },
       "repeated-error", false},
      {"third contact, about different errors",
       [](Scenario& s) {
         AddError(s, "fp-sync");
         s.history = {Earlier("T-1", 12, {"fp-login"}), Earlier("T-2", 4, {"fp-sync"})};
       },
       "repeated-error", false},
      {"ARR 150k, negative end",
       [](Scenario& s) {
         s.ticket.account.arr_cents = 15'000'000;
         SetSentiment(s, 0.0, -0.5);
       },
       "unhappy-key-account", true},
      {"ARR 50k, negative end",
       [](Scenario& s) {
         s.ticket.account.arr_cents = 5'000'000;
         SetSentiment(s, 0.0, -0.5);
       },
       "unhappy-key-account", false},
      {"ARR 150k, neutral end",
       [](Scenario& s) {
         s.ticket.account.arr_cents = 15'000'000;
         SetSentiment(s, 0.0, -0.1);
       },
       "unhappy-key-account", false},
      {"error seen by 4 other accounts today",
       [](Scenario& s) {
         AddError(s, "fp-sync");
         s.other_accounts_by_fingerprint = {{"fp-sync", 4}};
       },
       "error-across-accounts", true},
      {"error seen by 3 other accounts today",
       [](Scenario& s) {
         AddError(s, "fp-sync");
         s.other_accounts_by_fingerprint = {{"fp-sync", 3}};
       },
       "error-across-accounts", false},
      {"renewal risk crosses 60 with this close",
       [](Scenario& s) {
         s.history = {Earlier("T-1", 1)};
         s.history.back().signals = {{"churn.cancel", 1}};
         AddMention(s, core::CompetitorContext::kSwitching);
       },
       "renewal-risk-high", true},
      {"renewal risk high but not raised by this close",
       [](Scenario& s) {
         s.history = {Earlier("T-1", 1), Earlier("T-2", 1)};
         s.history[0].signals = {{"churn.cancel", 1}};
         s.history[1].signals = {{"churn.not_renewing", 1}};
       },
       "renewal-risk-high", false},
  };
  for (const RuleCase& test : cases) {
    SCOPED_TRACE(test.name);
    Scenario scenario = Base();
    test.build(scenario);
    const std::vector<std::string> fired = Rules(Decide(scenario));
    if (test.fires) {
      EXPECT_THAT(fired, Contains(test.rule));
    } else {
      EXPECT_THAT(fired, Not(Contains(test.rule)));
    }
  }
}

TEST_F(AccountRulesTest, ReasonsNameTheAccountStateWithEvidence) {
  Scenario scenario = Base();
  AddError(scenario, "fp-sync");
  scenario.history = {Earlier("T-1", 12, {"fp-sync"}), Earlier("T-2", 4, {"fp-sync"})};
  scenario.other_accounts_by_fingerprint = {{"fp-sync", 6}};
  const core::Escalation escalation = Decide(scenario);
  EXPECT_EQ(escalation.level, core::EscalationLevel::kUrgent);
  EXPECT_EQ(escalation.target, core::Team::kEngineering);
  ASSERT_THAT(Rules(escalation), IsSupersetOf({"error-across-accounts", "repeated-error"}));
  const core::EscalationReason& top = escalation.reasons.front();
  EXPECT_EQ(top.rule, "error-across-accounts");
  EXPECT_THAT(top.text, HasSubstr("7 accounts"));
  ASSERT_FALSE(top.evidence.empty());
  EXPECT_EQ(top.evidence[0].quote, "E-SYNC-500");
  EXPECT_EQ(escalation.due_by, kNow + absl::Hours(4));
  EXPECT_THAT(escalation.reasons[1].text, HasSubstr("Contact number 3"));
}

TEST(AccountFactsValidationTest, RulesNamingUnknownAccountFactsOrBadOperatorsAreRejected) {
  struct Case {
    config::ConditionOptions condition;
    std::string message;
  };
  const Case cases[] = {
      {{"account.renewal_chance", ">=", 50.0}, "unknown field \"account.renewal_chance\""},
      {{"account.renewal_risk", "contains", std::string("high")},
       "operator \"contains\" does not apply to number field \"account.renewal_risk\""},
      {{"account.competitors", ">", 1.0}, "does not apply to list field \"account.competitors\""},
      {{"errors.accounts", "~=", 5.0}, "unknown operator \"~=\""},
  };
  for (const Case& test : cases) {
    config::EscalationOptions options;
    config::EscalationRuleOptions rule;
    rule.name = "at-risk";
    rule.when = {test.condition};
    rule.level = "escalate";
    rule.team = "success";
    options.rules.push_back(rule);
    auto policy = EscalationPolicy::Create(options);
    ASSERT_FALSE(policy.ok()) << test.message;
    EXPECT_EQ(policy.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(policy.status().message()),
                HasSubstr("escalation.rules[0] (\"at-risk\").when[0]"));
    EXPECT_THAT(std::string(policy.status().message()), HasSubstr(test.message));
  }
}

}  // namespace
}  // namespace debrief::policy
