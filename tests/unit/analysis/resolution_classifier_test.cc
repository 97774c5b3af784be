#include "server/analysis/resolution_classifier.h"

#include "gtest/gtest.h"
#include "tests/unit/analysis/test_tickets.h"

namespace debrief::analysis {
namespace {

using testing::kAgent;
using testing::kCustomer;

config::ResolutionOptions Options() {
  config::ResolutionOptions options;
  options.fix_category = {
      {.value = "how-to", .description = "Explained how", .agent_phrases = {"you can", "here's how", "go to settings", "step by step"}},
      {.value = "bug-fix", .description = "Fixed a defect", .agent_phrases = {"deployed a fix", "fix has been released", "bug has been fixed"}},
      {.value = "refund", .description = "Money back", .agent_phrases = {"issued a refund", "refunded", "credited your account"}},
      {.value = "config-change", .description = "Changed a setting", .agent_phrases = {"i've enabled", "i have enabled", "changed the setting"},
       .patterns = {"(?i)toggled? (the )?[a-z ]+ (on|off)"}},
  };
  options.root_cause = {
      {.value = "product-defect", .agent_phrases = {"a bug", "the bug", "known issue", "regression"},
       .customer_phrases = {"crash*", "broken"}},
      {.value = "billing-error", .agent_phrases = {"billing error", "charged twice"},
       .customer_phrases = {"charged twice", "double charged"}},
      {.value = "user-error", .agent_phrases = {"as designed", "expected behavior", "by design"}},
  };
  return options;
}

std::optional<core::Label> Fix(const core::Ticket& ticket) {
  auto classifier = ResolutionClassifier::Create(Options().fix_category, Options(), "resolution.fix_category");
  EXPECT_TRUE(classifier.ok());
  return (*classifier)->Classify(ScanTicket(ticket));
}

std::optional<core::Label> Cause(const core::Ticket& ticket) {
  auto classifier = ResolutionClassifier::Create(Options().root_cause, Options(), "resolution.root_cause");
  return (*classifier)->Classify(ScanTicket(ticket));
}

TEST(ResolutionClassifierTest, TheAgentsFinalReplyStatesTheFix) {
  const core::Ticket ticket = testing::Conversation({
      {kCustomer, "The export crashes since yesterday."},
      {kAgent, "Thanks, we are looking into it. You can use the CSV download meanwhile."},
      {kAgent, "Good news: we deployed a fix this morning, the bug has been fixed."},
      {kCustomer, "Works now, thanks!"},
  });
  const auto fix = Fix(ticket);
  ASSERT_TRUE(fix.has_value());
  EXPECT_EQ(fix->value, "bug-fix");
  EXPECT_EQ(fix->description, "Fixed a defect");
  EXPECT_EQ(fix->source, core::LabelSource::kRule);
  EXPECT_GE(fix->confidence, 0.5);
  ASSERT_FALSE(fix->evidence.empty());
  EXPECT_EQ(testing::Pointed(ticket, fix->evidence[0]), "deployed a fix");
  EXPECT_EQ(fix->evidence[0].message_index, 2);

  const auto cause = Cause(ticket);
  ASSERT_TRUE(cause.has_value());
  EXPECT_EQ(cause->value, "product-defect");
}

TEST(ResolutionClassifierTest, InternalNotesCountLessThanPublicReplies) {
  core::Ticket ticket = testing::Conversation({
      {kAgent, "Note: engineering deployed a fix."},
      {kAgent, "Hello, you can retry now."},
  });
  ticket.messages[0].is_public = false;
  // The note's phrase counts less than the public reply's: how-to wins.
  auto fix = Fix(ticket);
  ASSERT_TRUE(fix.has_value());
  EXPECT_EQ(fix->value, "how-to");
  // With no public agent message at all (the flag was never set), the last agent
  // messages are the final replies.
  ticket.messages[1].is_public = false;
  ticket.messages[1].body_text = "Thanks for waiting.";
  fix = Fix(ticket);
  ASSERT_TRUE(fix.has_value());
  EXPECT_EQ(fix->value, "bug-fix");
}

TEST(ResolutionClassifierTest, PatternsCountInAnyText) {
  const auto fix = Fix(testing::Conversation({{kAgent, "I toggled the legacy export off for your workspace."}}));
  ASSERT_TRUE(fix.has_value());
  EXPECT_EQ(fix->value, "config-change");
}

TEST(ResolutionClassifierTest, NegatedPhrasesDoNotCount) {
  const auto affirmed = Cause(testing::Conversation({{kAgent, "This is a bug on our side."}}));
  ASSERT_TRUE(affirmed.has_value());
  EXPECT_EQ(affirmed->value, "product-defect");
  const auto negated = Cause(testing::Conversation({{kAgent, "This is not a bug, it works as designed."}}));
  ASSERT_TRUE(negated.has_value());
  EXPECT_EQ(negated->value, "user-error");
}

TEST(ResolutionClassifierTest, AbstainsWhenUnsupportedOrTooClose) {
  EXPECT_FALSE(Fix(testing::Conversation({{kAgent, "Closing this ticket."}})).has_value());
  // One how-to and one refund phrase, equally strong: too close to call.
  EXPECT_FALSE(Fix(testing::Conversation({{kAgent, "You can find it under Billing. I refunded the fee."}}))
                   .has_value());
  EXPECT_FALSE(ResolutionClassifier::Create({}, Options(), "resolution.fix_category")
                   .value()
                   ->Classify(ScanTicket(testing::CustomerSays("anything")))
                   .has_value());
}

TEST(ResolutionClassifierTest, RejectsBadPatternNamingTheField) {
  auto labels = Options().fix_category;
  labels[1].patterns = {"(broken"};
  auto classifier = ResolutionClassifier::Create(labels, Options(), "resolution.fix_category");
  ASSERT_FALSE(classifier.ok());
  EXPECT_NE(classifier.status().message().find("resolution.fix_category[1].patterns[0]"), std::string::npos);
}

}  // namespace
}  // namespace debrief::analysis
