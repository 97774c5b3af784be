#include "server/digest/digest_builder.h"

#include <algorithm>

#include "gtest/gtest.h"
#include "tests/fakes/fake_clock.h"
#include "tests/unit/digest/digest_test_history.h"

namespace debrief::digest {
namespace {

using testing::FillTestHistory;
using testing::GeneratedHistory;
using testing::TestWeek;

const core::DigestSection& Section(const core::Digest& digest, const std::string& id) {
  auto it = std::find_if(digest.sections.begin(), digest.sections.end(),
                         [&](const core::DigestSection& s) { return s.id == id; });
  if (it == digest.sections.end()) {
    ADD_FAILURE() << "no section " << id;
    static const core::DigestSection kEmpty;
    return kEmpty;
  }
  return *it;
}

const core::DigestItem* Item(const core::DigestSection& section, const std::string& key) {
  for (const core::DigestItem& item : section.items) {
    if (item.key == key) return &item;
  }
  return nullptr;
}

class DigestBuilderTest : public ::testing::Test {
 protected:
  // The history is only read: generate it once for the suite.
  static void SetUpTestSuite() {
    history_ = new GeneratedHistory();
    w47_closes_ = FillTestHistory(*history_);
  }
  static void TearDownTestSuite() {
    delete history_;
    history_ = nullptr;
  }

  void SetUp() override {
    clock_.Set(TestWeek(7) + absl::Hours(9));  // Monday of 2026-W48
    auto builder = DigestBuilder::Create(config::DigestOptions{}, history_->store(), clock_);
    ASSERT_TRUE(builder.ok()) << builder.status();
    builder_ = std::move(*builder);
  }

  core::Digest Build(core::Team audience, const std::string& period = "2026-W47") {
    auto digest = builder_->BuildDigest(audience, period);
    EXPECT_TRUE(digest.ok()) << digest.status();
    return digest.ok() ? *digest : core::Digest{};
  }

  static inline GeneratedHistory* history_ = nullptr;
  static inline int w47_closes_ = 0;
  testing::FakeClock clock_;
  std::unique_ptr<DigestBuilder> builder_;
};

TEST_F(DigestBuilderTest, CountsTheWeeksTickets) {
  const core::Digest digest = Build(core::Team::kProduct);
  EXPECT_EQ(digest.period, "2026-W47");
  EXPECT_EQ(digest.tickets, w47_closes_);
  EXPECT_EQ(digest.period_start, TestWeek(6));
  EXPECT_EQ(digest.period_end, TestWeek(7));
}

TEST_F(DigestBuilderTest, EmptyPeriodMeansTheLastCompleteWeek) {
  auto digest = builder_->BuildDigest(core::Team::kProduct, "");
  ASSERT_TRUE(digest.ok()) << digest.status();
  EXPECT_EQ(digest->period, "2026-W47");
}

TEST_F(DigestBuilderTest, ListsTheRisingErrorFirstAndLeavesFallingOnesOut) {
  const core::Digest digest = Build(core::Team::kProduct);
  const core::DigestSection& errors = Section(digest, "rising_errors");
  ASSERT_EQ(errors.items.size(), 3u);
  EXPECT_EQ(errors.items[0].key, "fp-db");
  EXPECT_EQ(errors.items[0].count, 12);
  EXPECT_EQ(errors.items[0].previous_count, 2);
  EXPECT_EQ(errors.items[0].weekly_counts, (std::vector<int64_t>{0, 0, 1, 1, 2, 2, 12}));
  EXPECT_EQ(errors.items[0].title, "normalized fp-db");
  EXPECT_EQ(errors.items[0].account_ids, (std::vector<std::string>{"acme", "umbrella"}));
  EXPECT_FALSE(errors.items[0].quotes.empty());
  EXPECT_EQ(errors.items[0].ticket_urls.size(), 3u);
  EXPECT_EQ(errors.items[1].key, "fp-new");
  EXPECT_EQ(errors.items[1].figures.at("new"), 1);
  EXPECT_EQ(errors.items[2].key, "fp-timeout");
  EXPECT_EQ(Item(errors, "fp-falling"), nullptr);
}

TEST_F(DigestBuilderTest, ArrFiguresAddUpOverDistinctAccounts) {
  const core::Digest digest = Build(core::Team::kProduct);
  const core::DigestItem* login = Item(Section(digest, "pain_points"), "login");
  ASSERT_NE(login, nullptr);
  EXPECT_EQ(login->count, 20);
  EXPECT_EQ(login->accounts, 3);
  EXPECT_EQ(login->arr_cents, testing::kAcmeArr + testing::kGlobexArr + testing::kInitechArr);
  const core::DigestItem* db = Item(Section(digest, "rising_errors"), "fp-db");
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(db->arr_cents, testing::kAcmeArr + testing::kUmbrellaArr);
  // By ARR, umbrella's single-account items outrank login's three smaller accounts.
  const core::DigestSection& by_arr = Section(digest, "pain_points_by_arr");
  ASSERT_FALSE(by_arr.items.empty());
  for (size_t i = 1; i < by_arr.items.size(); ++i) {
    EXPECT_GE(by_arr.items[i - 1].arr_cents, by_arr.items[i].arr_cents);
  }
}

TEST_F(DigestBuilderTest, RanksPainPointsByTicketsWithWeekOverWeekChange) {
  const core::Digest digest = Build(core::Team::kProduct);
  const core::DigestSection& pain = Section(digest, "pain_points");
  ASSERT_GE(pain.items.size(), 2u);
  EXPECT_EQ(pain.items[0].key, "login");
  EXPECT_EQ(pain.items[0].previous_count, 3);
  EXPECT_EQ(pain.items[0].figures.at("change"), 17);
  EXPECT_EQ(pain.items[1].key, "billing");
  EXPECT_EQ(pain.items[1].ticket_urls.size(), 3u);
}

TEST_F(DigestBuilderTest, ReportsTheRootCauseMixAsShares) {
  const core::Digest digest = Build(core::Team::kProduct);
  const core::DigestSection& causes = Section(digest, "root_causes");
  ASSERT_EQ(causes.items.size(), 2u);
  EXPECT_EQ(causes.items[0].key, "bug");
  EXPECT_DOUBLE_EQ(causes.items[0].figures.at("share_percent"), 80.0);
  EXPECT_DOUBLE_EQ(causes.items[1].figures.at("share_percent"), 20.0);
}

TEST_F(DigestBuilderTest, RanksFeatureRequestsByAccountsThenArr) {
  const core::Digest digest = Build(core::Team::kProduct);
  const core::DigestSection& features = Section(digest, "feature_requests");
  ASSERT_EQ(features.items.size(), 2u);
  EXPECT_EQ(features.items[0].key, "csv export");
  EXPECT_EQ(features.items[0].accounts, 3);
  EXPECT_EQ(features.items[0].quotes.size(), 3u);
  EXPECT_EQ(features.items[1].key, "sso");
  EXPECT_EQ(features.items[1].arr_cents, testing::kUmbrellaArr);
}

TEST_F(DigestBuilderTest, ProductSpikesFireOnTheInjectedSpikeNotOnNoise) {
  const core::Digest digest = Build(core::Team::kProduct);
  const core::DigestSection& spikes = Section(digest, "spikes");
  std::vector<std::string> keys;
  for (const auto& item : spikes.items) keys.push_back(item.key);
  EXPECT_NE(std::find(keys.begin(), keys.end(), "tag:login"), keys.end());
  EXPECT_NE(std::find(keys.begin(), keys.end(), "error:fp-db"), keys.end());
  EXPECT_EQ(std::find(keys.begin(), keys.end(), "tag:billing"), keys.end());
  EXPECT_EQ(std::find(keys.begin(), keys.end(), "error:fp-timeout"), keys.end());
}

TEST_F(DigestBuilderTest, SuccessDigestNamesRisingRiskExpansionDropsEscalationsAndRenewals) {
  const core::Digest digest = Build(core::Team::kSuccess);
  const core::DigestSection& risk = Section(digest, "renewal_risk_rising");
  ASSERT_EQ(risk.items.size(), 2u);
  EXPECT_EQ(risk.items[0].key, "acme");
  EXPECT_EQ(risk.items[0].figures.at("renewal_risk_delta"), 25);
  EXPECT_EQ(risk.items[0].arr_cents, testing::kAcmeArr);
  EXPECT_EQ(risk.items[0].notes.size(), 2u);
  EXPECT_EQ(risk.items[1].key, "globex");

  const core::DigestSection& expansion = Section(digest, "expansion_signals");
  ASSERT_EQ(expansion.items.size(), 1u);
  EXPECT_EQ(expansion.items[0].key, "umbrella");

  const core::DigestSection& drops = Section(digest, "confidence_drops");
  ASSERT_EQ(drops.items.size(), 1u);
  EXPECT_EQ(drops.items[0].key, "initech");
  EXPECT_DOUBLE_EQ(drops.items[0].figures.at("confidence_change"), -1.5);

  const core::DigestSection& open = Section(digest, "open_escalations");
  ASSERT_EQ(open.items.size(), 1u);
  EXPECT_EQ(open.items[0].account_ids, std::vector<std::string>{"acme"});
  EXPECT_EQ(open.items[0].notes, std::vector<std::string>{"customer threatens to cancel"});
  ASSERT_EQ(open.items[0].ticket_urls.size(), 1u);

  const core::DigestSection& renewals = Section(digest, "renewals_at_risk");
  ASSERT_EQ(renewals.items.size(), 1u);
  EXPECT_EQ(renewals.items[0].key, "acme");
  EXPECT_EQ(renewals.items[0].figures.at("days_to_renewal"), 22);
}

TEST_F(DigestBuilderTest, SalesDigestBreaksCompetitorMentionsDownByContext) {
  const core::Digest digest = Build(core::Team::kSales);
  const core::DigestSection& competitors = Section(digest, "competitors");
  ASSERT_EQ(competitors.items.size(), 2u);
  const core::DigestItem& zendesk = competitors.items[0];
  EXPECT_EQ(zendesk.key, "Zendesk");
  EXPECT_EQ(zendesk.count, 3);
  EXPECT_EQ(zendesk.previous_count, 1);
  EXPECT_EQ(zendesk.figures.at("context.switching"), 2);
  EXPECT_EQ(zendesk.figures.at("context.comparing"), 1);
  EXPECT_EQ(zendesk.accounts, 2);
  EXPECT_EQ(zendesk.arr_cents, testing::kAcmeArr + testing::kGlobexArr);
  EXPECT_EQ(zendesk.quotes.size(), 3u);
  EXPECT_EQ(competitors.items[1].key, "Freshdesk");
}

TEST_F(DigestBuilderTest, RejectsAnUnknownAudienceOrPeriodNamingTheField) {
  auto engineering = builder_->BuildDigest(core::Team::kEngineering, "2026-W47");
  ASSERT_EQ(engineering.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(engineering.status().message().find("audience"), absl::string_view::npos);
  auto bad_period = builder_->BuildDigest(core::Team::kSales, "last week");
  ASSERT_EQ(bad_period.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(bad_period.status().message().find("period"), absl::string_view::npos);
}

}  // namespace
}  // namespace debrief::digest
