// Delivery survives kill -9: the real debriefd binary routes every insight to a
// Standard Webhooks receiver in the test (which verifies each signature and records each
// webhook-id) while a client closes tickets steadily; the binary is SIGKILLed at random
// moments several times and restarted on the same data dir (unanswered closes are
// re-sent, like a helpdesk does). At the end, once the outbox is drained: every insight
// of every answered close arrived at least once, every request carried a valid signature
// and a body whose insight_id is its webhook-id (so a duplicate is always the same
// webhook-id), nothing arrived that the insights table does not hold, and every outbox row
// of the receiver is delivered.
#include <signal.h>
#include <sqlite3.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "debrief/v1/debrief_service.grpc.pb.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "httplib.h"
#include "nlohmann/json.hpp"
#include "absl/strings/str_replace.h"
#include "tests/testing/loopback_http.h"
#include "tests/testing/debriefd_child.h"
#include "tests/testing/child_process.h"
#include "tests/testing/test_env.h"
#include "tests/testing/test_server.h"
#include "tests/testing/wait_until.h"

namespace debrief {
namespace {

constexpr int kKills = 5;
constexpr absl::Duration kBudget = absl::Seconds(50);
constexpr int kMaxTickets = 400;
constexpr char kKeyBytes[] = "crash test signing key";

// Verifies Standard Webhooks signatures; counts each webhook-id it accepted.
class Receiver {
 public:
  Receiver() : http_([this](httplib::Server& server) {
    server.Post("/hooks", [this](const httplib::Request& req, httplib::Response& res) {
      const std::string id = req.get_header_value("webhook-id");
      const bool valid = testing::HasValidStandardWebhookSignature(req, kKeyBytes);
      const nlohmann::json body = nlohmann::json::parse(req.body, nullptr, false);
      absl::MutexLock lock(&mu_);
      if (!valid) {
        ++bad_signatures_;
        res.status = 401;
        return;
      }
      if (body.is_discarded() || body["data"].value("insight_id", "") != id) ++mismatched_ids_;
      ++received_[id];
      res.status = 204;
    });
  }) {}
  int port() const { return http_.port(); }
  std::map<std::string, int> received() {
    absl::MutexLock lock(&mu_);
    return received_;
  }
  int64_t requests() {
    absl::MutexLock lock(&mu_);
    int64_t total = 0;
    for (const auto& [id, count] : received_) total += count;
    return total;
  }
  int bad_signatures() {
    absl::MutexLock lock(&mu_);
    return bad_signatures_;
  }
  int mismatched_ids() {
    absl::MutexLock lock(&mu_);
    return mismatched_ids_;
  }

 private:
  absl::Mutex mu_;
  std::map<std::string, int> received_ ABSL_GUARDED_BY(mu_);
  int bad_signatures_ ABSL_GUARDED_BY(mu_) = 0;
  int mismatched_ids_ ABSL_GUARDED_BY(mu_) = 0;
  // Last: it stops serving before the members its handler uses go away.
  testing::LoopbackHttpServer http_;
};

v1::OnTicketClosedRequest Close(int n) {
  v1::OnTicketClosedRequest request;
  v1::Ticket* ticket = request.mutable_ticket();
  ticket->set_source(v1::SOURCE_ZENDESK);
  ticket->set_ticket_id(absl::StrCat("DC-", n));
  ticket->set_delivery_id(absl::StrCat("dc-", n));
  ticket->set_subject("Export crashes, thinking about Looker Studio");
  ticket->mutable_account()->set_id(absl::StrCat("acct-", n % 4));
  v1::Message* message = ticket->add_messages();
  message->set_author_role(v1::AUTHOR_ROLE_CUSTOMER);
  message->set_is_public(true);
  message->set_body_text(absl::StrCat(
      "Export #", n, " crashes with HTTP 500 Internal Server Error again. Honestly, Looker Studio is "
      "half the price. It would be great if the export could run in the background."));
  return request;
}

// Closes answered (with the insight ids they routed) and closes sent without an answer.
class Ledger {
 public:
  std::optional<int> Next(bool new_closes) {
    absl::MutexLock lock(&mu_);
    if (!resend_.empty()) {
      const int n = *resend_.begin();
      resend_.erase(resend_.begin());
      return n;
    }
    if (!new_closes || next_new_ >= kMaxTickets) return std::nullopt;
    unanswered_.insert(next_new_);
    return next_new_++;
  }
  void Answered(int n, const v1::Debriefing& debriefing) {
    absl::MutexLock lock(&mu_);
    unanswered_.erase(n);
    for (const v1::RoutedInsight& insight : debriefing.routed()) expected_.insert(insight.insight_id());
    ++answered_;
  }
  void Unanswered(int n) {
    absl::MutexLock lock(&mu_);
    if (unanswered_.count(n) > 0) resend_.insert(n);
  }
  void NewRun() {
    absl::MutexLock lock(&mu_);
    resend_ = unanswered_;
  }
  std::set<std::string> expected() {
    absl::MutexLock lock(&mu_);
    return expected_;
  }
  size_t unanswered() {
    absl::MutexLock lock(&mu_);
    return unanswered_.size();
  }
  int answered() {
    absl::MutexLock lock(&mu_);
    return answered_;
  }

 private:
  absl::Mutex mu_;
  std::set<std::string> expected_ ABSL_GUARDED_BY(mu_);
  std::set<int> unanswered_ ABSL_GUARDED_BY(mu_);
  std::set<int> resend_ ABSL_GUARDED_BY(mu_);
  int next_new_ ABSL_GUARDED_BY(mu_) = 0;
  int answered_ ABSL_GUARDED_BY(mu_) = 0;
};

void Client(v1::Debrief::Stub& stub, Ledger& ledger, const std::atomic<bool>& stop, bool new_closes) {
  while (!stop.load()) {
    const std::optional<int> n = ledger.Next(new_closes);
    if (!n.has_value()) return;
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    v1::OnTicketClosedResponse response;
    if (stub.OnTicketClosed(&context, Close(*n), &response).ok()) {
      ledger.Answered(*n, response.debriefing());
    } else {
      ledger.Unanswered(*n);
    }
  }
}

std::vector<std::string> Query(const std::string& db_path, const std::string& sql) {
  std::vector<std::string> rows;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << "cannot open " << db_path;
    return rows;
  }
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db);
  } else {
    while (sqlite3_step(statement) == SQLITE_ROW) {
      const unsigned char* text = sqlite3_column_text(statement, 0);
      rows.push_back(text == nullptr ? "" : reinterpret_cast<const char*>(text));
    }
  }
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return rows;
}

TEST(DeliveryCrashTest, EveryInsightOfEveryAnsweredCloseArrivesAfterRepeatedSigkills) {
  uint32_t seed = static_cast<uint32_t>(absl::ToUnixNanos(absl::Now()));
  if (const char* fixed = std::getenv("DEBRIEF_CRASH_SEED"); fixed != nullptr) {
    ASSERT_TRUE(absl::SimpleAtoi(fixed, &seed));
  }
  std::cout << "delivery crash test seed " << seed << " (rerun with DEBRIEF_CRASH_SEED=" << seed << ")\n";
  std::mt19937 random(seed);
  Receiver receiver;
  const std::string secret = "whsec_" + absl::Base64Escape(kKeyBytes);
  // Retries soon (a receiver connection cut by the kill is retried after 100ms, not 5s).
  const std::string config_text = absl::StrReplaceAll(
      testing::ShippedConfig(),
      {{"\ndestinations:\n",
        absl::StrCat("\ndestinations:\n  receiver:\n    kind: webhook\n    url: http://127.0.0.1:",
                     receiver.port(),
                     "/hooks\n    secrets: [{env: DEBRIEF_IT_CRASH_SECRET}]\n"
                     "    retry: {schedule: [100ms], jitter: 0}\n")},
       {"\nroutes:\n", "\nroutes:\n  - {name: all_to_receiver, destination: receiver}\n"}});
  const std::string dir = testing::MakeTempDir("delivery-crash");
  const std::string config = testing::WriteFile(dir, "debrief.yaml", config_text);
  const std::string data_dir = dir + "/data";
  Ledger ledger;
  const absl::Time deadline = absl::Now() + kBudget;

  int kills = 0;
  while (kills < kKills && absl::Now() < deadline) {
    ledger.NewRun();
    testing::DebriefdChild run = testing::StartDebriefd(config, data_dir, {"DEBRIEF_IT_CRASH_SECRET=" + secret});
    ASSERT_NE(run.stub, nullptr);
    std::atomic<bool> stop{false};
    std::thread client([&] { Client(*run.stub, ledger, stop, /*new_closes=*/true); });
    // Kill after a random number of deliveries this run, with closes and deliveries in flight.
    const int64_t target = receiver.requests() + std::uniform_int_distribution<int>(1, 40)(random);
    EXPECT_TRUE(testing::WaitUntil([&] { return receiver.requests() >= target; }, absl::Seconds(30)))
        << "no delivery before kill " << kills << ": " << run.process->stderr_text();
    run.process->Signal(SIGKILL);
    EXPECT_EQ(run.process->WaitForExit(absl::Seconds(30)), 128 + SIGKILL);
    stop = true;
    client.join();
    ++kills;
  }
  ASSERT_GE(kills, 3) << "the machine was too slow for a meaningful number of kills";

  // A last, clean run: unanswered closes are re-sent until answered, then the outbox drains.
  testing::DebriefdChild last = testing::StartDebriefd(config, data_dir, {"DEBRIEF_IT_CRASH_SECRET=" + secret});
  ASSERT_NE(last.stub, nullptr);
  std::atomic<bool> never{false};
  for (int attempt = 0; attempt < 3 && ledger.unanswered() > 0; ++attempt) {
    ledger.NewRun();
    Client(*last.stub, ledger, never, /*new_closes=*/false);
  }
  EXPECT_EQ(ledger.unanswered(), 0u);
  const std::set<std::string> expected = ledger.expected();
  ASSERT_FALSE(expected.empty());
  const std::string db = data_dir + "/debrief.db";
  EXPECT_TRUE(testing::WaitUntil(
      [&] { return Query(db, "SELECT COUNT(*) FROM outbox WHERE destination = 'receiver' AND state != 'delivered'") ==
                   std::vector<std::string>{"0"}; },
      absl::Seconds(60)))
      << "the outbox did not drain";
  last.process->Signal(SIGTERM);
  ASSERT_EQ(last.process->WaitForExit(absl::Seconds(60)), 0) << last.process->stderr_text();

  const std::map<std::string, int> received = receiver.received();
  const std::vector<std::string> stored = Query(db, "SELECT insight_id FROM insights");
  const std::set<std::string> stored_ids(stored.begin(), stored.end());
  int duplicates = 0;
  for (const std::string& id : expected) {
    EXPECT_EQ(received.count(id), 1u) << "insight " << id << " of an answered close never arrived";
  }
  for (const auto& [id, count] : received) {
    EXPECT_EQ(stored_ids.count(id), 1u) << "received " << id << ", which no close produced";
    duplicates += count - 1;
  }
  EXPECT_EQ(received.size(), stored_ids.size()) << "every stored insight was delivered";
  EXPECT_EQ(receiver.bad_signatures(), 0);
  EXPECT_EQ(receiver.mismatched_ids(), 0);
  EXPECT_EQ(Query(db, "SELECT COUNT(*) FROM outbox WHERE destination = 'receiver' AND state != 'delivered'"),
            std::vector<std::string>{"0"});
  std::cout << "kills " << kills << ", closes answered " << ledger.answered() << ", insights "
            << stored_ids.size() << ", deliveries " << receiver.requests() << " (" << duplicates
            << " re-sent after a kill, same webhook-id)\n";
}

}  // namespace
}  // namespace debrief
