#include "server/digest/digest_scheduler.h"

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "server/storage/sqlite_outbox_store.h"
#include "tests/fakes/fake_clock.h"
#include "tests/testing/wait_until.h"
#include "tests/unit/digest/digest_test_history.h"

namespace debrief::digest {
namespace {

using testing::FillTestHistory;
using testing::GeneratedHistory;
using testing::TestWeek;

absl::TimeZone Paris() {
  absl::TimeZone zone;
  EXPECT_TRUE(absl::LoadTimeZone("Europe/Paris", &zone));
  return zone;
}

absl::Time Utc(int y, int m, int d, int hh, int mm) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, mm, 0), absl::UTCTimeZone());
}

config::RoutingOptions Routes() {
  config::RoutingOptions routing;
  config::RouteOptions weekly;
  weekly.name = "product_weekly";
  weekly.audience = "product";
  weekly.kinds = {"digest_ready"};
  weekly.destination = "slack_product";
  config::RouteOptions spikes;
  spikes.name = "spikes_to_product";
  spikes.audience = "product";
  spikes.kinds = {"spike_detected"};
  spikes.destination = "pager";
  config::RouteOptions other;
  other.name = "risk";
  other.kinds = {"renewal_risk_changed"};
  other.destination = "crm";
  routing.routes = {weekly, spikes, other};
  for (const char* name : {"slack_product", "pager", "crm"}) {
    config::DestinationOptions destination;
    destination.name = name;
    destination.kind = "webhook";
    routing.destinations.push_back(destination);
  }
  return routing;
}

config::DigestOptions WeeklyProductDigest() {
  config::DigestOptions options;
  options.schedules.push_back({.route = "product_weekly", .audience = "product",
                               .weekday = "monday", .minute_of_day = 9 * 60,
                               .time_zone = "Europe/Paris", .format = "html"});
  return options;
}

class DigestSchedulerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    FillTestHistory(history_);
    outbox_ = std::make_unique<storage::SqliteOutboxStore>(history_.database());
    auto builder = DigestBuilder::Create(options_, history_.store(), clock_);
    ASSERT_TRUE(builder.ok()) << builder.status();
    builder_ = std::move(*builder);
  }

  std::unique_ptr<DigestScheduler> NewScheduler() {
    auto scheduler = DigestScheduler::Create(options_, routing_, *builder_, history_.store(),
                                             *outbox_, clock_);
    EXPECT_TRUE(scheduler.ok()) << scheduler.status();
    return scheduler.ok() ? std::move(*scheduler) : nullptr;
  }

  std::vector<core::Insight> Insights(absl::string_view kind) {
    auto insights = outbox_->ReadInsights({.kinds = {std::string(kind)}, .limit = 1000});
    EXPECT_TRUE(insights.ok()) << insights.status();
    return insights.ok() ? *insights : std::vector<core::Insight>{};
  }

  GeneratedHistory history_;
  config::DigestOptions options_ = WeeklyProductDigest();
  config::RoutingOptions routing_ = Routes();
  testing::FakeClock clock_;
  std::unique_ptr<storage::SqliteOutboxStore> outbox_;
  std::unique_ptr<DigestBuilder> builder_;
};

TEST(LastScheduledMomentTest, FollowsTheScheduleTimeZoneAcrossDaylightSaving) {
  // Monday 09:00 in Paris is 08:00 UTC in winter and 07:00 UTC in summer.
  EXPECT_EQ(LastScheduledMoment(Utc(2026, 11, 23, 8, 30), absl::Weekday::monday, 540, Paris()),
            Utc(2026, 11, 23, 8, 0));
  EXPECT_EQ(LastScheduledMoment(Utc(2026, 11, 23, 7, 59), absl::Weekday::monday, 540, Paris()),
            Utc(2026, 11, 16, 8, 0));
  EXPECT_EQ(LastScheduledMoment(Utc(2026, 6, 1, 7, 0), absl::Weekday::monday, 540, Paris()),
            Utc(2026, 6, 1, 7, 0));
}

TEST_F(DigestSchedulerTest, SendsEachWeeksDigestOnceEvenAcrossRestarts) {
  clock_.Set(Utc(2026, 11, 23, 8, 30));  // Monday 09:30 in Paris
  auto scheduler = NewScheduler();
  auto pass = scheduler->RunOnce();
  ASSERT_TRUE(pass.ok()) << pass.status();
  EXPECT_EQ(pass->digests_sent, std::vector<std::string>{"product_weekly/product/2026-W47"});
  auto again = scheduler->RunOnce();
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_TRUE(again->digests_sent.empty());

  auto restarted = NewScheduler();
  clock_.Advance(absl::Hours(1));
  auto after_restart = restarted->RunOnce();
  ASSERT_TRUE(after_restart.ok()) << after_restart.status();
  EXPECT_TRUE(after_restart->digests_sent.empty());

  const std::vector<core::Insight> digests = Insights(core::kDigestReady);
  ASSERT_EQ(digests.size(), 1u);
  EXPECT_EQ(digests[0].audience, core::Team::kProduct);
  const auto body = nlohmann::json::parse(digests[0].body_json);
  EXPECT_EQ(body["period"], "2026-W47");
  EXPECT_EQ(body["content_type"], "text/html");
  EXPECT_NE(body["body"].get<std::string>().find("<svg"), std::string::npos);
  auto pending = outbox_->CountPending("slack_product");
  ASSERT_TRUE(pending.ok());
  EXPECT_EQ(*pending, 1);

  clock_.Set(Utc(2026, 11, 30, 8, 1));  // the next Monday, 09:01 in Paris
  auto next_week = restarted->RunOnce();
  ASSERT_TRUE(next_week.ok()) << next_week.status();
  EXPECT_EQ(next_week->digests_sent, std::vector<std::string>{"product_weekly/product/2026-W48"});
}

TEST_F(DigestSchedulerTest, WaitsForTheLocalTimeOfTheSchedule) {
  clock_.Set(Utc(2026, 11, 23, 8, 30));
  ASSERT_TRUE(NewScheduler()->RunOnce().ok());  // 2026-W47 sent
  clock_.Set(Utc(2026, 11, 30, 7, 59));         // 08:59 in Paris: W48 not due yet
  auto early = NewScheduler()->RunOnce();
  ASSERT_TRUE(early.ok()) << early.status();
  EXPECT_TRUE(early->digests_sent.empty());
}

TEST_F(DigestSchedulerTest, AlertsTheInjectedSpikeOnceToTheRoutesThatTakeIt) {
  // The trailing 7 days end just after 2026-W47.
  clock_.Set(TestWeek(7));
  auto scheduler = NewScheduler();
  auto pass = scheduler->RunOnce();
  ASSERT_TRUE(pass.ok()) << pass.status();
  EXPECT_NE(std::find(pass->spikes_sent.begin(), pass->spikes_sent.end(), "tag:login"),
            pass->spikes_sent.end());
  EXPECT_EQ(std::find(pass->spikes_sent.begin(), pass->spikes_sent.end(), "tag:billing"),
            pass->spikes_sent.end());
  const size_t alerts = Insights(core::kSpikeDetected).size();
  EXPECT_EQ(alerts, pass->spikes_sent.size());
  auto pending = outbox_->CountPending("pager");
  ASSERT_TRUE(pending.ok());
  EXPECT_EQ(*pending, static_cast<int64_t>(alerts));
  EXPECT_EQ(*outbox_->CountPending("crm"), 0);

  clock_.Advance(absl::Hours(2));  // past check_interval, inside the cooldown
  auto later = NewScheduler()->RunOnce();
  ASSERT_TRUE(later.ok()) << later.status();
  EXPECT_TRUE(later->spikes_sent.empty());
  EXPECT_EQ(Insights(core::kSpikeDetected).size(), alerts);
}

TEST_F(DigestSchedulerTest, QueuesNothingForADisabledDestination) {
  for (config::DestinationOptions& destination : routing_.destinations) destination.enabled = false;
  clock_.Set(TestWeek(7));  // a digest is due and the injected spike is in the window
  auto pass = NewScheduler()->RunOnce();
  ASSERT_TRUE(pass.ok()) << pass.status();
  EXPECT_TRUE(pass->digests_sent.empty());
  EXPECT_EQ(*outbox_->CountPending("slack_product"), 0);
  EXPECT_EQ(*outbox_->CountPending("pager"), 0);
  // The spike is still recorded as an insight (StreamInsights shows it); only its
  // deliveries are left out.
  EXPECT_FALSE(Insights(core::kSpikeDetected).empty());
}

TEST_F(DigestSchedulerTest, RejectsAScheduleOnAnUnknownRouteOrOneThatDoesNotTakeDigests) {
  options_.schedules[0].route = "nope";
  auto unknown = DigestScheduler::Create(options_, routing_, *builder_, history_.store(), *outbox_, clock_);
  ASSERT_EQ(unknown.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(unknown.status().message().find("digests.schedules[0].route"), absl::string_view::npos);
  options_.schedules[0].route = "risk";
  auto wrong_kind = DigestScheduler::Create(options_, routing_, *builder_, history_.store(), *outbox_, clock_);
  ASSERT_EQ(wrong_kind.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(DigestSchedulerTest, StartsAndShutsDownItsWorker) {
  clock_.Set(Utc(2026, 11, 23, 8, 30));
  auto scheduler = NewScheduler();
  scheduler->Start();
  // The first pass runs at once.
  EXPECT_TRUE(testing::WaitUntil([&] { return !Insights(core::kDigestReady).empty(); }));
  scheduler->Shutdown(absl::Seconds(5));
  EXPECT_EQ(Insights(core::kDigestReady).size(), 1u);
}

}  // namespace
}  // namespace debrief::digest
