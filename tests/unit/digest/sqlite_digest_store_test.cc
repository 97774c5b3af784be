#include "server/storage/sqlite_digest_store.h"

#include "gtest/gtest.h"
#include "server/common/status_macros.h"
#include "tests/unit/digest/generated_history.h"

namespace debrief::storage {
namespace {

using testing::GeneratedHistory;

const absl::Time kT0 = absl::FromUnixSeconds(1'790'000'000);

TEST(SqliteDigestStoreTest, KeepsFactsInStepWithErasedAndRekeyedTickets) {
  GeneratedHistory history;
  history.AddClose({.at = kT0, .account_id = "acme",
                    .errors = {{"fp-1", "secret verbatim text"}}});
  auto before = history.store().DescribeFacts("error", {"fp-1"}, kT0, kT0 + absl::Hours(1), 3);
  ASSERT_TRUE(before.ok()) << before.status();
  ASSERT_EQ((*before)[0].quotes, std::vector<std::string>{"secret verbatim text"});

  // What ForgetCustomer does to the ticket row: debriefing text cleared, account re-keyed.
  const absl::Status erased = history.database().Write([](SqliteDb& db) -> absl::Status {
    return db.Exec(
        "UPDATE tickets SET account_id = 'anon-1', debriefing_json = "
        "json_set(json_set(debriefing_json, '$.errors[0].verbatim', ''), "
        "'$.errors[0].evidence.quote', '')");
  });
  ASSERT_TRUE(erased.ok()) << erased;
  auto after = history.store().DescribeFacts("error", {"fp-1"}, kT0, kT0 + absl::Hours(1), 3);
  ASSERT_TRUE(after.ok()) << after.status();
  EXPECT_TRUE((*after)[0].quotes.empty());
  EXPECT_EQ((*after)[0].account_ids, std::vector<std::string>{"anon-1"});
  EXPECT_EQ((*after)[0].tickets, 1);
}

TEST(SqliteDigestStoreTest, CountsFactsPerBucketOnlyInsideTheEdges) {
  GeneratedHistory history;
  history.AddTagged(kT0, "a", "billing", 2);
  history.AddTagged(kT0 + absl::Hours(2), "a", "billing", 3);
  history.AddTagged(kT0 + absl::Hours(5), "a", "billing", 7);  // after the last edge
  auto series = history.store().CountFacts(
      {.kinds = {"tag"}, .edges = {kT0, kT0 + absl::Hours(1), kT0 + absl::Hours(3)}});
  ASSERT_TRUE(series.ok()) << series.status();
  ASSERT_EQ(series->size(), 1u);
  EXPECT_EQ((*series)[0].counts, (std::vector<int64_t>{2, 3}));
}

TEST(SqliteDigestStoreTest, ClaimsADeliveryOnce) {
  GeneratedHistory history;
  auto first = history.store().ClaimDelivery("weekly", "product", "2026-W47", kT0);
  auto second = history.store().ClaimDelivery("weekly", "product", "2026-W47", kT0);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_TRUE(*first);
  EXPECT_FALSE(*second);
  EXPECT_TRUE(*history.store().HasDelivery("weekly", "product", "2026-W47"));
  EXPECT_FALSE(*history.store().HasDelivery("weekly", "product", "2026-W48"));
}

TEST(SqliteDigestStoreTest, AlertsASpikeOncePerCooldown) {
  GeneratedHistory history;
  const absl::Duration cooldown = absl::Hours(24 * 7);
  EXPECT_TRUE(*history.store().ClaimSpike("tag", "login", kT0, cooldown, 20, 3, 1));
  EXPECT_FALSE(*history.store().ClaimSpike("tag", "login", kT0 + absl::Hours(1), cooldown, 21, 3, 1));
  EXPECT_TRUE(*history.store().RecentSpike("tag", "login", kT0 + absl::Hours(1), cooldown));
  EXPECT_TRUE(*history.store().ClaimSpike("tag", "login", kT0 + cooldown + absl::Hours(1), cooldown,
                                          22, 3, 1));
}

}  // namespace
}  // namespace debrief::storage
