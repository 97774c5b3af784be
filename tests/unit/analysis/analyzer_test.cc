#include "server/analysis/analyzer.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/config/config_loader.h"
#include "tests/testing/test_env.h"
#include "tests/unit/analysis/test_tickets.h"

namespace debrief::analysis {
namespace {

using testing::kAgent;
using testing::kCustomer;

std::unique_ptr<Analyzer> ShippedAnalyzer() {
  auto config = config::LoadConfigFile(debrief::testing::SourceDir() + "/config/debrief.yaml");
  EXPECT_TRUE(config.ok()) << config.status();
  auto analyzer = Analyzer::Create(*config);
  EXPECT_TRUE(analyzer.ok()) << analyzer.status();
  return std::move(*analyzer);
}

core::Ticket RealisticTicket() {
  core::Ticket ticket = testing::Conversation(
      {{kCustomer,
        "<p>Hi,</p><p>Since Monday the CSV export crashes with <code>HTTP 500 Internal Server "
        "Error</code>. We&rsquo;re really frustrated, this is the third time this month. My card "
        "4111 1111 1111 1111 was also charged twice. Honestly Looker Studio is half the price.</p>"
        "<p>It would be great if the export could run in the background.</p>"
        "<p>Best regards,<br>Dana Whitfield<br>dana.whitfield@acme-corp.com</p>"},
       {kAgent, "Sorry about that, Dana! It was a bug on our side; we deployed a fix this morning."},
       {kCustomer, "That fixed it, thank you so much! We also need to add 10 more seats next month."}},
      "Export broken again");
  ticket.messages[0].body_html = ticket.messages[0].body_text;
  ticket.messages[0].body_text.clear();
  ticket.requester = {.id = "u-7", .email = "dana.whitfield@acme-corp.com", .name = "Dana Whitfield"};
  return ticket;
}

TEST(AnalyzerTest, PrepareNormalizesAndRedactsIdempotently) {
  auto analyzer = ShippedAnalyzer();
  const core::Ticket prepared = analyzer->Prepare(RealisticTicket());
  const std::string& first = prepared.messages[0].body_text;
  EXPECT_EQ(first.find("4111"), std::string::npos);
  EXPECT_EQ(first.find("@"), std::string::npos);
  EXPECT_EQ(first.find("Dana"), std::string::npos);
  EXPECT_EQ(first.find("Best regards"), std::string::npos);  // signature cut
  EXPECT_NE(first.find("[CARD]"), std::string::npos);
  EXPECT_NE(first.find("We're really frustrated"), std::string::npos);  // entity decoded
  EXPECT_EQ(prepared.messages[1].body_text.find("Dana"), std::string::npos);
  EXPECT_EQ(prepared.requester.email, "[EMAIL]");
  const core::Ticket twice = analyzer->Prepare(prepared);
  for (size_t i = 0; i < prepared.messages.size(); ++i) {
    EXPECT_EQ(twice.messages[i].body_text, prepared.messages[i].body_text);
  }
  EXPECT_EQ(twice.subject, prepared.subject);
}

TEST(AnalyzerTest, AnalyzeFillsEveryFacetWithEvidenceIntoThePreparedText) {
  auto analyzer = ShippedAnalyzer();
  const core::Ticket prepared = analyzer->Prepare(RealisticTicket());
  const core::Debriefing facets = analyzer->Analyze(prepared);

  ASSERT_TRUE(facets.fix_category.has_value());
  EXPECT_EQ(facets.fix_category->value, "bug-fix");
  EXPECT_EQ(testing::Pointed(prepared, facets.fix_category->evidence.at(0)), "deployed a fix");
  ASSERT_TRUE(facets.root_cause.has_value());
  EXPECT_EQ(facets.root_cause->value, "product-defect");

  ASSERT_EQ(facets.sentiment.messages.size(), 2u);
  EXPECT_EQ(facets.sentiment.messages[0].label, core::SentimentLabel::kNegative);
  EXPECT_EQ(facets.sentiment.messages[1].label, core::SentimentLabel::kPositive);
  EXPECT_GT(facets.sentiment.delta, 0.5);

  ASSERT_EQ(facets.competitors.size(), 1u);
  EXPECT_EQ(facets.competitors[0].competitor, "Looker");
  EXPECT_EQ(facets.competitors[0].context, core::CompetitorContext::kPricing);
  EXPECT_EQ(testing::Pointed(prepared, facets.competitors[0].evidence),
            "Honestly Looker Studio is half the price.");

  std::vector<core::FeedbackKind> kinds;
  for (const auto& feedback : facets.product_feedback) {
    kinds.push_back(feedback.kind);
    EXPECT_EQ(testing::Pointed(prepared, feedback.evidence), feedback.evidence.quote);
  }
  EXPECT_THAT(kinds, ::testing::IsSupersetOf({core::FeedbackKind::kFeatureRequest, core::FeedbackKind::kBug}));

  ASSERT_FALSE(facets.errors.empty());
  EXPECT_EQ(facets.errors[0].normalized, "HTTP 500");
  EXPECT_EQ(testing::Pointed(prepared, facets.errors[0].evidence), "HTTP 500 Internal Server Error");

  std::vector<std::string> signals;
  for (const auto& signal : facets.relationship.signals) signals.push_back(signal.kind);
  EXPECT_THAT(signals, ::testing::Contains("expansion.seats"));
}

TEST(AnalyzerTest, CreateRejectsAProductAreaTheTaxonomyLacks) {
  auto config = config::LoadConfigText("feedback_kinds:\n  product_areas: [warehouse]\n");
  ASSERT_TRUE(config.ok());
  auto analyzer = Analyzer::Create(*config);
  ASSERT_FALSE(analyzer.ok());
  EXPECT_THAT(std::string(analyzer.status().message()),
              ::testing::HasSubstr("feedback_kinds.product_areas[0]"));
}

}  // namespace
}  // namespace debrief::analysis
