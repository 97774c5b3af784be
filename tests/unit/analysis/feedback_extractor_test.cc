#include "server/analysis/feedback_extractor.h"

#include "gtest/gtest.h"
#include "tests/unit/analysis/test_tickets.h"

namespace debrief::analysis {
namespace {

using core::FeedbackKind;

config::TaxonomyOptions Taxonomy() {
  config::TaxonomyOptions taxonomy;
  taxonomy.tags.push_back({.id = "bug/export", .keywords = {"export", "csv export", "pdf"}});
  taxonomy.tags.push_back({.id = "integrations/salesforce", .keywords = {"salesforce"}});
  taxonomy.tags.push_back({.id = "bug/dashboard", .keywords = {"dashboard"}});
  taxonomy.tags.push_back({.id = "how-to/configuration", .keywords = {"how do i"}});
  return taxonomy;
}

std::vector<core::ProductFeedback> Feedback(const core::Ticket& ticket,
                                            config::FeedbackOptions options = {}) {
  if (options.product_areas.empty()) options.product_areas = {"bug", "integrations"};
  auto extractor = FeedbackExtractor::Create(options, Taxonomy());
  EXPECT_TRUE(extractor.ok()) << extractor.status();
  return (*extractor)->Extract(ScanTicket(ticket));
}

struct Case {
  const char* name;
  std::string text;
  FeedbackKind kind;
  std::string area;
};

class FeedbackCases : public ::testing::TestWithParam<Case> {};

TEST_P(FeedbackCases, FindsKindAndArea) {
  const core::Ticket ticket = testing::CustomerSays(GetParam().text);
  const auto feedback = Feedback(ticket);
  ASSERT_EQ(feedback.size(), 1u) << GetParam().text;
  EXPECT_EQ(feedback[0].kind, GetParam().kind)
      << GetParam().text << " -> " << core::FeedbackKindName(feedback[0].kind);
  EXPECT_EQ(feedback[0].product_area, GetParam().area);
  EXPECT_EQ(testing::Pointed(ticket, feedback[0].evidence), GetParam().text);
}

INSTANTIATE_TEST_SUITE_P(
    Table, FeedbackCases,
    ::testing::Values(
        Case{"request", "It would be great if the export included custom fields.",
             FeedbackKind::kFeatureRequest, "bug/export"},
        Case{"request_as_question", "Is there a way to schedule the PDF export weekly?",
             FeedbackKind::kFeatureRequest, "bug/export"},
        Case{"plans_to_support", "Any plans to support Salesforce custom objects?",
             FeedbackKind::kFeatureRequest, "integrations/salesforce"},
        Case{"bug", "The dashboard crashes whenever I filter by region.", FeedbackKind::kBug,
             "bug/dashboard"},
        Case{"ux", "The export settings are really hard to find.", FeedbackKind::kUx, "bug/export"},
        Case{"pricing", "The Salesforce connector is too expensive for a team our size.",
             FeedbackKind::kPricing, "integrations/salesforce"},
        Case{"docs", "The documentation for the Salesforce sync is outdated.", FeedbackKind::kDocs,
             "integrations/salesforce"},
        Case{"question", "How do I share a dashboard with a client?", FeedbackKind::kQuestion,
             "bug/dashboard"},
        // Defects described without the word "bug".
        Case{"negated_product_function_is_bug",
             "The Salesforce sync hasn't imported any contacts since Monday.", FeedbackKind::kBug,
             "integrations/salesforce"},
        Case{"failure_word_is_bug", "The dashboard shows negative totals for last week.",
             FeedbackKind::kBug, "bug/dashboard"},
        Case{"question_about_a_defect_is_bug", "Does the dashboard really show duplicate rows for everyone?",
             FeedbackKind::kBug, "bug/dashboard"},
        // UX friction: effort, unclear wording, screen elements that are hard to see.
        Case{"click_count_is_ux", "Renaming a dashboard takes five clicks.", FeedbackKind::kUx,
             "bug/dashboard"},
        Case{"screen_element_with_layout_fault_is_ux", "The export button is light grey on the settings page.",
             FeedbackKind::kUx, "bug/export"},
        Case{"unclear_error_is_ux_not_bug", "The error on the export form doesn't tell me which field is wrong.",
             FeedbackKind::kUx, "bug/export"},
        // Pricing: a price word with an objection, or asked about.
        Case{"price_with_objection", "Charging for every Salesforce seat feels unfair.",
             FeedbackKind::kPricing, "integrations/salesforce"},
        Case{"price_question_is_pricing_not_question", "Is the Salesforce connector included in our plan?",
             FeedbackKind::kPricing, "integrations/salesforce"},
        Case{"price_objection_outranks_request", "Any chance of a discount on the dashboard add-on?",
             FeedbackKind::kPricing, "bug/dashboard"},
        // Docs: the documentation with a fault, a contradiction, or a request for its content.
        Case{"docs_with_fault", "The Salesforce article skips the step about API scopes.", FeedbackKind::kDocs,
             "integrations/salesforce"},
        Case{"docs_contradicting_product", "The help center says exports include a header row, but the CSV export has none.",
             FeedbackKind::kDocs, "bug/export"},
        Case{"docs_outrank_request", "Please add Python examples to the API reference for the dashboard endpoints.",
             FeedbackKind::kDocs, "bug/dashboard"},
        Case{"docs_outrank_question", "The docs explain how to connect Salesforce but never explain how often it syncs.",
             FeedbackKind::kDocs, "integrations/salesforce"},
        // Questions and requests phrased as questions.
        Case{"factual_question", "What is the row limit for a CSV export?", FeedbackKind::kQuestion, "bug/export"},
        Case{"question_whether_planned_is_request", "Is a Salesforce sandbox connector planned?",
             FeedbackKind::kFeatureRequest, "integrations/salesforce"},
        Case{"is_it_possible_is_question", "Is it possible to filter the dashboard by owner?",
             FeedbackKind::kQuestion, "bug/dashboard"}),
    [](const ::testing::TestParamInfo<Case>& param_info) { return std::string(param_info.param.name); });

TEST(FeedbackExtractorTest, NegatedDefectIsNotABug) {
  EXPECT_TRUE(Feedback(testing::CustomerSays("The export has no errors anymore.")).empty());
  EXPECT_TRUE(Feedback(testing::CustomerSays("Thanks, this is not a bug after all.")).empty());
}

TEST(FeedbackExtractorTest, NegationAndRequestsDoNotMakeFeedback) {
  // A negated failure or fault is no defect; "don't <verb>" asked of the agent is no failure.
  EXPECT_TRUE(Feedback(testing::CustomerSays("The dashboard no longer shows negative totals.")).empty());
  EXPECT_TRUE(Feedback(testing::CustomerSays("The Salesforce guide is not outdated.")).empty());
  EXPECT_TRUE(Feedback(testing::CustomerSays("Please don't export the dashboard until Friday.")).empty());
  // Adding one's own record is an account change, not a feature.
  EXPECT_TRUE(Feedback(testing::CustomerSays("Please add our Salesforce admin to the ticket.")).empty());
  // A question about the agent's availability is no product question.
  EXPECT_TRUE(Feedback(testing::CustomerSays("Are you available for a call on Thursday?")).empty());
}

TEST(FeedbackExtractorTest, SentenceWithoutAreaTakesTheTicketsMainArea) {
  const core::Ticket ticket = testing::CustomerSays(
      "Our Salesforce sync stopped yesterday. Please add a retry button.");
  const auto feedback = Feedback(ticket);
  ASSERT_EQ(feedback.size(), 1u);
  EXPECT_EQ(feedback[0].kind, FeedbackKind::kFeatureRequest);
  EXPECT_EQ(feedback[0].product_area, "integrations/salesforce");
  EXPECT_EQ(feedback[0].theme, "retry button");
}

TEST(FeedbackExtractorTest, OnlyTheCustomersWordsCount) {
  const core::Ticket ticket =
      testing::Conversation({{testing::kAgent, "That is a known bug in the export, sorry."}});
  EXPECT_TRUE(Feedback(ticket).empty());
}

TEST(FeedbackExtractorTest, ConfiguredCuesAddToBuiltIns) {
  config::FeedbackOptions options;
  options.feature_request.phrases = {"dream feature"};
  const auto feedback = Feedback(testing::CustomerSays("My dream feature: dark mode."), options);
  ASSERT_EQ(feedback.size(), 1u);
  EXPECT_EQ(feedback[0].kind, FeedbackKind::kFeatureRequest);
}

TEST(FeedbackExtractorTest, RejectsUnknownProductAreaNamingTheField) {
  config::FeedbackOptions options;
  options.product_areas = {"bug", "warehouse"};
  auto extractor = FeedbackExtractor::Create(options, Taxonomy());
  ASSERT_FALSE(extractor.ok());
  EXPECT_EQ(extractor.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(extractor.status().message().find("feedback_kinds.product_areas[1]"), std::string::npos);
}

}  // namespace
}  // namespace debrief::analysis
