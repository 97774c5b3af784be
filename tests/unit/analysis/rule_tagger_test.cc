#include "server/analysis/rule_tagger.h"

#include <algorithm>

#include "gtest/gtest.h"
#include "server/analysis/tag_scorer.h"

namespace debrief::analysis {
namespace {

config::TaxonomyOptions Options() {
  config::TaxonomyOptions options;
  options.tags.push_back({.id = "billing/refund/double-charge",
                          .description = "Charged twice",
                          .keywords = {"charged twice", "double charge"},
                          .patterns = {"(?i)billed (twice|two times)"}});
  options.tags.push_back({.id = "billing/refund/request",
                          .description = "Refund",
                          .keywords = {"refund"}});
  options.tags.push_back({.id = "integrations/api", .description = "API", .keywords = {"api"}});
  return options;
}

core::Ticket TicketWith(std::string subject, std::vector<std::string> bodies) {
  core::Ticket ticket;
  ticket.ticket_id = "t1";
  ticket.subject = std::move(subject);
  for (std::string& body : bodies) {
    core::Message message;
    message.author_role = core::AuthorRole::kCustomer;
    message.body_text = std::move(body);
    ticket.messages.push_back(std::move(message));
  }
  return ticket;
}

struct Fixture {
  std::shared_ptr<const Taxonomy> taxonomy;
  std::unique_ptr<RuleTagger> tagger;
};

Fixture Make() {
  const config::TaxonomyOptions options = Options();
  auto taxonomy = Taxonomy::Create(options);
  auto tagger = RuleTagger::Create(options, *taxonomy);
  return {*taxonomy, std::move(*tagger)};
}

const core::Label* Find(const std::vector<core::Label>& labels, const std::string& value) {
  auto it = std::find_if(labels.begin(), labels.end(),
                         [&](const core::Label& l) { return l.value == value; });
  return it == labels.end() ? nullptr : &*it;
}

TEST(RuleTaggerTest, MatchesPhrasesOnWordBoundariesWithEvidence) {
  Fixture f = Make();
  const core::Ticket ticket = TicketWith("", {"Hi, I was Charged  Twice for March."});
  const std::vector<core::Label> labels = f.tagger->Score(ticket);
  const core::Label* label = Find(labels, "billing/refund/double-charge");
  ASSERT_NE(label, nullptr);
  EXPECT_EQ(label->source, core::LabelSource::kRule);
  ASSERT_FALSE(label->evidence.empty());
  EXPECT_EQ(label->evidence[0].message_index, 0);
  EXPECT_EQ(label->evidence[0].quote, "Charged  Twice");
  const std::string& body = ticket.messages[0].body_text;
  EXPECT_EQ(body.substr(label->evidence[0].start, label->evidence[0].end - label->evidence[0].start),
            "Charged  Twice");
}

TEST(RuleTaggerTest, DoesNotMatchInsideWords) {
  Fixture f = Make();
  // "rapid" contains "api"; "refunds" is a different word than "refund".
  const std::vector<core::Label> labels =
      f.tagger->Score(TicketWith("", {"The rapid export is great"}));
  EXPECT_EQ(Find(labels, "integrations/api"), nullptr);
}

TEST(RuleTaggerTest, MoreDistinctRulesScoreHigher) {
  Fixture f = Make();
  const auto one = f.tagger->Score(TicketWith("", {"you charged twice"}));
  const auto two = f.tagger->Score(TicketWith("", {"you charged twice, I was billed two times"}));
  ASSERT_NE(Find(one, "billing/refund/double-charge"), nullptr);
  ASSERT_NE(Find(two, "billing/refund/double-charge"), nullptr);
  EXPECT_GT(Find(two, "billing/refund/double-charge")->confidence,
            Find(one, "billing/refund/double-charge")->confidence);
}

TEST(RuleTaggerTest, SubjectEvidenceUsesSubjectIndex) {
  Fixture f = Make();
  const auto labels = f.tagger->Score(TicketWith("Refund please", {"see subject"}));
  const core::Label* label = Find(labels, "billing/refund/request");
  ASSERT_NE(label, nullptr);
  EXPECT_EQ(label->evidence[0].message_index, core::kSubjectIndex);
}

TEST(RuleTaggerTest, VersionChangesWithRules) {
  Fixture a = Make();
  config::TaxonomyOptions options = Options();
  options.tags[2].keywords.push_back("sdk");
  auto taxonomy = Taxonomy::Create(options);
  auto b = RuleTagger::Create(options, *taxonomy);
  ASSERT_TRUE(b.ok());
  EXPECT_NE(a.tagger->version(), (*b)->version());
  EXPECT_EQ(a.tagger->version(), Make().tagger->version());
}

TEST(SelectSuggestionsTest, KeepsMostSpecificAboveThresholdBestFirst) {
  Fixture f = Make();
  std::vector<core::Label> scored = {
      {.value = "billing/refund/request", .confidence = 0.6},
      {.value = "billing/refund/double-charge", .confidence = 0.9},
      {.value = "integrations/api", .confidence = 0.4},
      {.value = "no/such/tag", .confidence = 0.99},
  };
  const auto selected = SelectSuggestions(scored, *f.taxonomy, 0.5, 5);
  ASSERT_EQ(selected.size(), 2u);
  EXPECT_EQ(selected[0].value, "billing/refund/double-charge");
  EXPECT_EQ(selected[0].description, "Charged twice");
  EXPECT_EQ(selected[1].value, "billing/refund/request");
  EXPECT_EQ(SelectSuggestions(scored, *f.taxonomy, 0.5, 1).size(), 1u);
}

TEST(SelectSuggestionsTest, DropsAncestorOfASuggestedTag) {
  config::TaxonomyOptions options;
  options.tags.push_back({.id = "billing", .description = "Billing"});
  options.tags.push_back({.id = "billing/invoice", .description = "Invoices"});
  auto taxonomy = Taxonomy::Create(options);
  ASSERT_TRUE(taxonomy.ok());
  const auto selected = SelectSuggestions(
      {{.value = "billing", .confidence = 0.9}, {.value = "billing/invoice", .confidence = 0.7}},
      **taxonomy, 0.5, 5);
  ASSERT_EQ(selected.size(), 1u);
  EXPECT_EQ(selected[0].value, "billing/invoice");
}

}  // namespace
}  // namespace debrief::analysis
