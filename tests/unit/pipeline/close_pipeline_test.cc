#include "server/pipeline/close_pipeline.h"

#include "gtest/gtest.h"
#include "server/config/config_loader.h"
#include "server/pipeline/suggestion_service.h"
#include "tests/fakes/fake_clock.h"
#include "tests/fakes/in_memory_decision_log.h"
#include "tests/fakes/in_memory_history_store.h"

namespace debrief::pipeline {
namespace {

constexpr char kConfig[] = R"yaml(
taxonomy:
  tags:
    - id: outage/service-down
      description: Service down
      keywords: [is down, outage]
      helpdesk_tags: [incident]
    - id: billing/invoice
      description: Invoices
      keywords: [invoice]
escalation:
  rules:
    - name: outage
      when: [{field: tags, op: has_prefix, value: outage}]
      level: urgent
      team: engineering
      due_within: 2h
      reason: "outage reported"
)yaml";

core::Ticket OutageTicket() {
  core::Ticket ticket;
  ticket.source = core::Source::kGeneric;
  ticket.ticket_id = "T-1";
  ticket.delivery_id = "d-1";
  ticket.tags = {"incident", "vip-customer"};
  ticket.messages.push_back(
      {.author_role = core::AuthorRole::kCustomer, .body_text = "<p>The app <b>is down</b></p>"});
  ticket.messages[0].body_html = ticket.messages[0].body_text;
  ticket.messages[0].body_text.clear();
  return ticket;
}

class ClosePipelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto config = config::LoadConfigText(kConfig);
    ASSERT_TRUE(config.ok()) << config.status();
    auto components = BuildDecisionComponents(*config);
    ASSERT_TRUE(components.ok()) << components.status();
    components_ = std::make_unique<common::Snapshot<DecisionComponents>>(*components);
    pipeline_ = std::make_unique<ClosePipeline>(*components_, history_, clock_, metrics_);
  }

  testing::FakeClock clock_;
  common::MetricsRegistry metrics_;
  testing::InMemoryHistoryStore history_;
  std::unique_ptr<common::Snapshot<DecisionComponents>> components_;
  std::unique_ptr<ClosePipeline> pipeline_;
};

TEST_F(ClosePipelineTest, DebriefsRecordsAndEscalates) {
  auto debriefing = pipeline_->Close(OutageTicket(), core::CloseMode::kLive);
  ASSERT_TRUE(debriefing.ok()) << debriefing.status();
  EXPECT_FALSE(debriefing->replayed);
  EXPECT_EQ(debriefing->decision_id.substr(0, 4), "dcl_");
  ASSERT_EQ(debriefing->suggested_tags.size(), 1u);
  EXPECT_EQ(debriefing->suggested_tags[0].value, "outage/service-down");
  EXPECT_EQ(debriefing->suggested_tags[0].evidence[0].quote, "is down");
  EXPECT_EQ(debriefing->escalation.level, core::EscalationLevel::kUrgent);
  EXPECT_EQ(debriefing->escalation.due_by, clock_.Now() + absl::Hours(2));
  EXPECT_EQ(debriefing->unknown_helpdesk_tags, std::vector<std::string>{"vip-customer"});
  ASSERT_EQ(history_.size(), 1u);
  const storage::CloseRecord record = history_.records().begin()->second;
  // The store keeps the normalized text, not the HTML.
  EXPECT_EQ(record.ticket.messages[0].body_text, "The app is down");
  EXPECT_TRUE(record.ticket.messages[0].body_html.empty());
}

TEST_F(ClosePipelineTest, ReDeliveryIsAnsweredFromTheRecord) {
  auto first = pipeline_->Close(OutageTicket(), core::CloseMode::kLive);
  ASSERT_TRUE(first.ok());
  clock_.Advance(absl::Minutes(5));
  auto second = pipeline_->Close(OutageTicket(), core::CloseMode::kLive);
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE(second->replayed);
  EXPECT_EQ(second->decision_id, first->decision_id);
  EXPECT_EQ(second->decided_at, first->decided_at);
  EXPECT_EQ(history_.size(), 1u);
}

TEST_F(ClosePipelineTest, AReopenAndCloseIsANewClose) {
  core::Ticket ticket = OutageTicket();
  ASSERT_TRUE(pipeline_->Close(ticket, core::CloseMode::kLive).ok());
  ticket.delivery_id = "d-2";
  auto again = pipeline_->Close(ticket, core::CloseMode::kLive);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->replayed);
  EXPECT_EQ(history_.size(), 2u);
}

TEST_F(ClosePipelineTest, StorageFailureIsUnavailableAndNothingIsRecorded) {
  history_.set_fail_commits(true);
  auto debriefing = pipeline_->Close(OutageTicket(), core::CloseMode::kLive);
  EXPECT_EQ(debriefing.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(history_.size(), 0u);
}

TEST_F(ClosePipelineTest, SuggestionsAreLoggedAndFeedbackJoinsOnTheDecision) {
  testing::InMemoryDecisionLog decisions;
  common::SeededRandom random(1);
  SuggestionService suggester(*components_, decisions, clock_, random, metrics_);
  core::Ticket ticket = OutageTicket();
  auto suggestion = suggester.Suggest(ticket, 0);
  ASSERT_TRUE(suggestion.ok()) << suggestion.status();
  ASSERT_EQ(suggestion->tags.size(), 1u);
  EXPECT_EQ(suggestion->tags[0].description, "Service down");
  EXPECT_EQ(decisions.size(), 1u);

  auto result = suggester.RecordFeedback({.decision_id = suggestion->decision_id,
                                          .accepted = {"outage/service-down"},
                                          .added = {"made-up-tag"}});
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->unknown_tags, std::vector<std::string>{"made-up-tag"});
  ASSERT_EQ(decisions.feedback().size(), 1u);

  auto unknown = suggester.RecordFeedback({.decision_id = "dsg_nope", .accepted = {"x"}});
  EXPECT_EQ(unknown.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(decisions.feedback().size(), 1u);
}

TEST_F(ClosePipelineTest, ReloadedComponentsApplyToTheNextDecision) {
  auto config = config::LoadConfigText(R"yaml(
taxonomy:
  tags:
    - id: outage/service-down
      description: Service down
      keywords: [is down]
)yaml");
  ASSERT_TRUE(config.ok());
  components_->Set(*BuildDecisionComponents(*config));
  auto debriefing = pipeline_->Close(OutageTicket(), core::CloseMode::kLive);
  ASSERT_TRUE(debriefing.ok());
  EXPECT_EQ(debriefing->escalation.level, core::EscalationLevel::kNone);
}

}  // namespace
}  // namespace debrief::pipeline
