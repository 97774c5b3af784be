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
  std::string kind;      // empty: no signal
  std::string evidence;  // the sentence quoted; empty: the whole text
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
  const std::string& evidence = GetParam().evidence.empty() ? GetParam().text : GetParam().evidence;
  EXPECT_EQ(testing::Pointed(ticket, signals[0].evidence), evidence);
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
        Case{"software_upgrade_is_not_expansion", "Since the latest app upgrade the export fails.", ""},
        // An action near its object in one sentence.
        Case{"close_the_account", "Please close the account once the export is done.", "churn.cancel"},
        Case{"cancel_after_an_intent", "If this isn't fixed by Monday, we'll be cancelling.", "churn.cancel"},
        Case{"moved_to_another_provider", "We have moved to another provider.", "churn.cancel"},
        Case{"migrating_off_your_platform", "We're migrating off your platform in May.", "churn.cancel"},
        Case{"reverse_the_charge", "Can you reverse the duplicate charge on invoice 1042?", "churn.refund"},
        Case{"return_an_amount", "Please return the $300 for the unused month.", "churn.refund"},
        Case{"not_continuing_after_the_term", "Our contract ends in May. We have decided not to continue.",
             "churn.not_renewing", "We have decided not to continue."},
        Case{"let_it_expire", "We will let the subscription expire in June.", "churn.not_renewing"},
        Case{"turn_off_auto_renew", "Please turn off auto-renew for our workspace.", "churn.not_renewing"},
        Case{"moving_on_when_the_term_ends", "When our term ends in April we'll be moving on.",
             "churn.not_renewing"},
        Case{"remove_an_add_on", "Please remove the storage add-on from next month.", "churn.downgrade"},
        Case{"cheaper_package", "Do you have a cheaper package for charities?", "churn.downgrade"},
        Case{"go_back_to_a_plan", "We'd like to go back to the Basic plan.", "churn.downgrade"},
        Case{"seat_count_down", "Please take us from 40 seats to 25.", "churn.downgrade"},
        Case{"plan_move_down", "Can we move from Enterprise to Team next year?", "churn.downgrade"},
        Case{"higher_quota", "How do we get a higher storage quota?", "expansion.upgrade"},
        Case{"buy_an_add_on", "We want to buy the analytics add-on.", "expansion.upgrade"},
        Case{"running_out_of_storage", "We keep running out of storage every month.", "expansion.upgrade"},
        Case{"quote_for_a_plan", "Please send a quote for Enterprise.", "expansion.upgrade"},
        Case{"plan_move_up", "We'd like to move from Starter to Professional.", "expansion.upgrade"},
        Case{"another_few_licences", "We need another five licences.", "expansion.seats"},
        Case{"count_more_people", "That's twelve more people who need access.", "expansion.seats"},
        Case{"add_counted_licences", "Please add 8 editor licences.", "expansion.seats"},
        Case{"seat_count_up", "Could you bump us from 22 to 25 users?", "expansion.seats"},
        Case{"ran_out_of_licences", "We have run out of licences again.", "expansion.seats"},
        Case{"feature_requested", "Our security team wants SAML single sign-on.", "expansion.tier_feature"},
        Case{"feature_requested_after_naming_it", "You mentioned a sandbox environment. Can we have it?",
             "expansion.tier_feature", "Can we have it?"},
        Case{"feature_to_add", "Is the approvals feature something we can add?", "expansion.tier_feature"},
        Case{"department_starts_using", "Our finance department wants to start using the platform.",
             "expansion.new_team"},
        Case{"team_would_use_it_too", "The legal team would like to use it too.", "expansion.new_team"},
        Case{"their_own_workspace", "Our design group saw the demo. They want their own workspace.",
             "expansion.new_team", "They want their own workspace."},
        // Other senses of the words.
        Case{"attendees_cancel", "Our event attendees want to cancel their registrations.", ""},
        Case{"cancelled_by_accident", "Someone clicked cancel subscription by accident.", ""},
        Case{"removed_from_the_account", "Please remove Anna from our account.", ""},
        Case{"cancel_with_another_object", "I'll cancel the scheduled export.", ""},
        Case{"shoppers_refund_policy", "Where do we set the refund policy for our shoppers?", ""},
        Case{"refund_already_processed", "The refund you processed in March shows on the invoice.", ""},
        Case{"connector_upgrade", "Please upgrade our Postgres connector to the latest version.", ""},
        Case{"firmware_downgrade", "The guide says to downgrade the firmware on the scanners.", ""},
        Case{"seats_in_a_hall", "The seat map shows more seats than the hall has.", ""},
        Case{"certificate_renewal", "Please don't renew the SSL certificate yet.", ""},
        Case{"cannot_extend_is_not_a_decision", "We can't extend the contract online, the button is missing.", ""},
        Case{"own_team_starts_using", "Our team wants to start using the mobile app.", ""},
        Case{"team_uses_without_being_new", "Our dev team wants to use your webhooks.", ""},
        Case{"broken_feature", "We need SSO working again, it's broken since Monday.", ""},
        Case{"greeting_is_not_a_plan", "Hi Team, we want to move the call.", ""},
        Case{"past_plan_move", "We moved from Basic to Pro last year.", ""},
        // Dismissed and negated.
        Case{"plan_not_for_us", "We considered the Business plan but it's not for us.", ""},
        Case{"just_asking_about_cancelling", "Just asking: what happens if we cancel our subscription?", ""},
        Case{"negated_close", "We are not going to close the account.", ""}),
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
