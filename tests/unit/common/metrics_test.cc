#include "server/common/metrics.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace debrief::common {
namespace {

using ::testing::HasSubstr;

TEST(MetricsTest, ExposesCountersWithLabels) {
  MetricsRegistry registry;
  auto& requests = registry.AddCounter("debrief_requests_total", "Requests.", {"method", "code"});
  requests.WithLabels({"OnTicketClosed", "OK"}).Increment();
  requests.WithLabels({"OnTicketClosed", "OK"}).Increment(2);
  requests.WithLabels({"SuggestTags", "INVALID_ARGUMENT"}).Increment();
  const std::string page = registry.Exposition();
  EXPECT_THAT(page, HasSubstr("# TYPE debrief_requests_total counter\n"));
  EXPECT_THAT(page, HasSubstr("debrief_requests_total{method=\"OnTicketClosed\",code=\"OK\"} 3\n"));
  EXPECT_THAT(page,
              HasSubstr("debrief_requests_total{method=\"SuggestTags\",code=\"INVALID_ARGUMENT\"} 1\n"));
}

TEST(MetricsTest, HistogramBucketsAreCumulative) {
  MetricsRegistry registry;
  auto& latency = registry.AddHistogram("lat_seconds", "Latency.", {"method"}, {0.1, 1.0});
  Histogram& h = latency.WithLabels({"m"});
  h.Observe(0.05);
  h.Observe(0.5);
  h.Observe(5);
  const std::string page = registry.Exposition();
  EXPECT_THAT(page, HasSubstr("lat_seconds_bucket{method=\"m\",le=\"0.1\"} 1\n"));
  EXPECT_THAT(page, HasSubstr("lat_seconds_bucket{method=\"m\",le=\"1\"} 2\n"));
  EXPECT_THAT(page, HasSubstr("lat_seconds_bucket{method=\"m\",le=\"+Inf\"} 3\n"));
  EXPECT_THAT(page, HasSubstr("lat_seconds_count{method=\"m\"} 3\n"));
  EXPECT_THAT(page, HasSubstr("lat_seconds_sum{method=\"m\"} 5.55\n"));
}

TEST(MetricsTest, EscapesLabelValues) {
  MetricsRegistry registry;
  registry.AddCounter("c_total", "C.", {"tag"}).WithLabels({"a\"b\\c\nd"}).Increment();
  EXPECT_THAT(registry.Exposition(), HasSubstr("c_total{tag=\"a\\\"b\\\\c\\nd\"} 1\n"));
}

}  // namespace
}  // namespace debrief::common
