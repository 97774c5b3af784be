#include "server/ingest/inbox_worker.h"

#include "gtest/gtest.h"
#include "tests/fakes/in_memory_webhook_inbox.h"
#include "tests/fakes/scripted_close_handler.h"
#include "tests/testing/test_env.h"
#include "tests/testing/wait_until.h"

namespace debrief::ingest {
namespace {

TEST(InboxWorkerTest, ProcessesDeliveriesLeftFromBeforeAndNewOnes) {
  common::SystemClock clock;
  common::MetricsRegistry metrics;
  testing::InMemoryWebhookInbox inbox;
  testing::ScriptedCloseHandler closer;
  config::SourceOptions options;
  options.name = "front";
  options.vendor = "front";
  options.auth = "signature";
  options.secrets.push_back(
      {.env = "", .file = testing::WriteFile(testing::MakeTempDir("worker"), "secret", "s")});
  common::Snapshot<SourceRegistry> sources(
      std::move(*SourceRegistry::Create({.sources = {options}}, {}, clock)));
  DeliveryProcessor processor({}, sources, closer, inbox, clock, metrics);

  const auto accept = [&](const std::string& id) {
    core::InboxDelivery delivery;
    delivery.source = "front";
    delivery.delivery_key = id;
    delivery.received_at = clock.Now();
    delivery.ticket.source = core::Source::kFront;
    delivery.ticket.ticket_id = "cnv_" + id;
    delivery.ticket.delivery_id = id;
    core::Message message;
    message.body_text = "Dashboard is stale";
    delivery.ticket.messages.push_back(message);
    ASSERT_TRUE(inbox.Accept(delivery).ok());
  };
  // Pending before the worker starts (left by an earlier run).
  for (int i = 0; i < 5; ++i) accept(absl::StrCat("evt_old", i));

  auto worker = InboxWorker::Create({.threads = 2, .poll_interval = absl::Seconds(30)}, inbox,
                                    processor, sources, clock, metrics);
  ASSERT_TRUE(worker.ok());
  (*worker)->Start();
  EXPECT_TRUE(testing::WaitUntil([&] { return *inbox.PendingCount() == 0; }));
  accept("evt_new");
  // The long poll interval means only Wake can have picked it up this fast.
  (*worker)->Wake();
  EXPECT_TRUE(testing::WaitUntil([&] { return *inbox.PendingCount() == 0; }));
  (*worker)->Shutdown(absl::Seconds(5));
  EXPECT_EQ(closer.closed().size(), 6u);
}

}  // namespace
}  // namespace debrief::ingest
