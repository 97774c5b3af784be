#include "server/analysis/relationship_signals.h"

#include "gtest/gtest.h"
#include "tests/unit/analysis/test_tickets.h"

namespace debrief::analysis {
namespace {

std::vector<core::Signal> Signals(const core::Ticket& ticket, config::RelationshipSignalOptions options = {}) {
  auto extractor = RelationshipSignalExtractor::Create(options);
  EXPECT_TRUE(extractor.ok()) << extractor.status();
  return (*extractor)->Extract(ScanTicket(ticket));
}

struct Case {
  const char* name;
  std::string text;
  std::string kind;  // empty: no signal
};

class SignalCases : public ::testing::TestWithParam<Case> {};

TEST_P(SignalCases, FindsTheSignal) {
  const core::Ticket ticket = testing::CustomerSays(GetParam().text);
  const auto signals = Signals(ticket);
  if (GetParam().kind.empty()) {
    EXPECT_TRUE(signals.empty()) << GetParam().text << " -> " << signals[0].kind;
    return;
  }
  ASSERT_EQ(signals.size(), 1u) << GetParam().text;
  EXPECT_EQ(signals[0].kind, GetParam().kind);
  EXPECT_GT(signals[0].weight, 0);
  EXPECT_EQ(testing::Pointed(ticket, signals[0].evidence), GetParam().text);
}

INSTANTIATE_TEST_SUITE_P(
    Table, SignalCases,
    ::testing::Values(
        Case{"seats", "We need to add 15 seats before the new hires start.", "expansion.seats"},
        Case{"more_seats", "Can we get 10 more licenses this quarter?", "expansion.seats"},
        Case{"upgrade", "We're thinking about upgrading to the Enterprise tier.", "expansion.upgrade"},
        Case{"new_team", "We want to roll it out to our Berlin office next month.", "expansion.new_team"},
        Case{"tier_feature", "Does the enterprise plan include audit logs?", "expansion.tier_feature"},
        Case{"cancel", "Please cancel our subscription at the end of the month.", "churn.cancel"},
        Case{"refund", "I want my money back for March.", "churn.refund"},
        Case{"not_renewing", "We will not renew the contract in June.", "churn.not_renewing"},
        Case{"downgrade", "We'd like to downgrade to the Starter plan.", "churn.downgrade"},
        Case{"negated_cancel", "Don't worry, we are not going to cancel our subscription.", ""},
        Case{"no_refund_needed", "No refund needed, just fix it.", ""},
        Case{"software_upgrade_is_not_expansion", "Since the latest app upgrade the export fails.", ""}),
    [](const ::testing::TestParamInfo<Case>& param_info) { return std::string(param_info.param.name); });

TEST(RelationshipSignalsTest, ConfiguredPhrasesAndWeightsApply) {
  config::RelationshipSignalOptions options;
  options.signals.push_back({.kind = "expansion.tier_feature", .phrases = {"audit log*", "scim"}, .weight = 2.0});
  options.signals.push_back({.kind = "churn.budget", .patterns = {"(?i)budget (cuts?|freeze)"}});
  const auto signals = Signals(
      testing::CustomerSays("Do you offer SCIM provisioning? Also there is a budget freeze next year."), options);
  ASSERT_EQ(signals.size(), 2u);
  EXPECT_EQ(signals[0].kind, "expansion.tier_feature");
  EXPECT_DOUBLE_EQ(signals[0].weight, 2.0);
  EXPECT_EQ(signals[1].kind, "churn.budget");
  EXPECT_EQ(signals[1].evidence.quote, "Also there is a budget freeze next year.");
}

TEST(RelationshipSignalsTest, AgentsWordsAreNotTheCustomersIntent) {
  EXPECT_TRUE(Signals(testing::Conversation({{testing::kAgent, "I have issued a refund for March."}})).empty());
}

}  // namespace
}  // namespace debrief::analysis
