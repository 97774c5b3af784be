// The webhook route in process, over fakes: an inbox whose disk fails (the vendor is told to
// retry with 503 + Retry-After, within Zendesk's one-minute limit, nothing is half-written,
// and the same delivery is accepted once the disk recovers), and a debriefing that hangs
// (the vendor is still answered at once: accept durably, then process).
#include "server/rpc/webhook_route.h"

#include <memory>
#include <regex>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "server/ingest/delivery_processor.h"
#include "server/ingest/inbox_worker.h"
#include "tests/fakes/in_memory_webhook_inbox.h"
#include "tests/fakes/scripted_close_handler.h"
#include "tests/testing/hook_signer.h"
#include "tests/testing/test_env.h"
#include "tests/testing/wait_until.h"

namespace debrief::rpc {
namespace {

using ::testing::HasSubstr;

common::Snapshot<ingest::SourceRegistry> ZammadSource(const common::Clock& clock) {
  config::SourceOptions zammad;
  zammad.name = "zammad";
  zammad.vendor = "zammad";
  zammad.auth = "signature";
  zammad.secrets.push_back(
      {.env = "", .file = testing::WriteFile(testing::MakeTempDir("route"), "secret", "zammad-secret")});
  return common::Snapshot<ingest::SourceRegistry>(
      std::move(*ingest::SourceRegistry::Create({.sources = {zammad}}, {}, clock)));
}

// A Zammad close delivery `delivery_id`, signed, as httplib hands it to the route.
httplib::Request ZammadClose(const std::string& delivery_id) {
  httplib::Request request;
  request.method = "POST";
  request.path = "/v1/hooks/zammad";
  request.body = testing::HookPayload("zammad");
  for (const auto& [name, value] : testing::HookHeaders("zammad", request.body, "zammad-secret",
                                                        absl::Now(), delivery_id)) {
    request.headers.emplace(name, value);
  }
  static const std::regex pattern(R"(/v1/hooks/([^/]+))");
  std::regex_match(request.path, request.matches, pattern);
  return request;
}

TEST(WebhookRouteTest, TellsTheVendorToRetryOnlyWhenTheInboxCannotCommit) {
  common::SystemClock clock;
  common::MetricsRegistry metrics;
  common::Snapshot<ingest::SourceRegistry> sources = ZammadSource(clock);
  testing::InMemoryWebhookInbox inbox;
  Admission admission(16, metrics);
  int wakes = 0;
  WebhookRoute route(sources, inbox, admission, config::LimitsOptions{}, clock, metrics,
                     [&wakes] { ++wakes; });
  const httplib::Request request = ZammadClose("job-1");

  inbox.set_failing(true);
  httplib::Response failed;
  route.Handle(request, failed);
  EXPECT_EQ(failed.status, 503);
  EXPECT_EQ(failed.get_header_value("Retry-After"), "30");
  EXPECT_THAT(failed.body, HasSubstr("\"status\":\"UNAVAILABLE\""));
  EXPECT_TRUE(inbox.rows().empty());
  EXPECT_EQ(wakes, 0);

  inbox.set_failing(false);
  httplib::Response accepted;
  route.Handle(request, accepted);
  EXPECT_EQ(accepted.status, 202);
  EXPECT_EQ(nlohmann::json::parse(accepted.body)["delivery_id"], "job-1");
  EXPECT_EQ(inbox.rows().size(), 1u);
  EXPECT_EQ(wakes, 1);
}

TEST(WebhookRouteTest, AnswersTheVendorWhileADebriefingHangs) {
  common::SystemClock clock;
  common::MetricsRegistry metrics;
  common::Snapshot<ingest::SourceRegistry> sources = ZammadSource(clock);
  testing::InMemoryWebhookInbox inbox;
  testing::ScriptedCloseHandler closer;
  closer.Hold();
  ingest::DeliveryProcessor processor({}, sources, closer, inbox, clock, metrics);
  absl::StatusOr<std::unique_ptr<ingest::InboxWorker>> worker = ingest::InboxWorker::Create(
      {.threads = 1, .poll_interval = absl::Seconds(30)}, inbox, processor, sources, clock,
      metrics);
  ASSERT_TRUE(worker.ok()) << worker.status();
  // Lets a held debriefing finish even when an assertion ends the test early.
  struct ReleaseOnExit {
    testing::ScriptedCloseHandler& closer;
    ~ReleaseOnExit() { closer.Release(); }
  } release_on_exit{closer};
  (*worker)->Start();
  Admission admission(16, metrics);
  WebhookRoute route(sources, inbox, admission, config::LimitsOptions{}, clock, metrics,
                     [&worker] { (*worker)->Wake(); });

  httplib::Response first;
  route.Handle(ZammadClose("job-1"), first);
  EXPECT_EQ(first.status, 202);
  // Its debriefing is now stuck in analysis...
  ASSERT_TRUE(testing::WaitUntil([&] { return closer.held_calls() == 1; }));
  // ...and the vendor's next deliveries are still answered, from the durable inbox.
  httplib::Response second;
  route.Handle(ZammadClose("job-2"), second);
  EXPECT_EQ(second.status, 202);
  httplib::Response again;
  route.Handle(ZammadClose("job-1"), again);
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(nlohmann::json::parse(again.body)["status"], "pending");
  EXPECT_EQ(closer.held_calls(), 1);

  closer.Release();
  EXPECT_TRUE(testing::WaitUntil([&] { return *inbox.PendingCount() == 0; }));
  (*worker)->Shutdown(absl::Seconds(5));
  EXPECT_EQ(closer.closed().size(), 2u);
}

}  // namespace
}  // namespace debrief::rpc
