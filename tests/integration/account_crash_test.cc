// Crash consistency: the real debriefd binary, under steady load from several clients,
// is killed with SIGKILL at random moments, many times, and restarted on the same data
// dir; like a helpdesk, the clients re-send every close they got no answer for. Then:
// every close that was answered is in the store exactly once with the decision it was
// answered with, each account's counters agree with its recorded closes (the account
// update committed with its ticket or not at all), and PRAGMA integrity_check passes.
#include <signal.h>
#include <sqlite3.h>

#include <atomic>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "debrief/v1/debrief_service.grpc.pb.h"
#include "gtest/gtest.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "tests/testing/debriefd_child.h"
#include "tests/testing/child_process.h"
#include "tests/testing/test_env.h"
#include "tests/testing/test_server.h"
#include "tests/testing/wait_until.h"

namespace debrief {
namespace {

constexpr int kKills = 24;
constexpr absl::Duration kBudget = absl::Seconds(100);
constexpr int kClients = 3;
constexpr int kAccounts = 3;
constexpr int kMaxTickets = 3000;

v1::OnTicketClosedRequest Close(int n) {
  v1::OnTicketClosedRequest request;
  v1::Ticket* ticket = request.mutable_ticket();
  ticket->set_source(v1::SOURCE_GENERIC);
  ticket->set_ticket_id(absl::StrCat("K-", n));
  ticket->set_delivery_id(absl::StrCat("d-", n));
  ticket->mutable_account()->set_id(absl::StrCat("acct-", n % kAccounts));
  ticket->mutable_satisfaction()->set_score(0.2);
  v1::Message* message = ticket->add_messages();
  message->set_author_role(v1::AUTHOR_ROLE_CUSTOMER);
  message->set_body_text(absl::StrCat("The nightly export #", n, " failed again with error 500."));
  return request;
}

// What the clients learned: closes answered (with their decision ids) and closes sent
// without an answer, which a sender re-sends. Thread-safe.
class Ledger {
 public:
  // The next close to send: an unanswered one first, else (with `new_closes`) a new
  // one; nullopt when there is nothing left to send.
  std::optional<int> Next(bool new_closes) {
    absl::MutexLock lock(&mu_);
    if (!resend_.empty()) {
      const int n = resend_.front();
      resend_.pop_front();
      return n;
    }
    if (!new_closes || next_new_ >= kMaxTickets) return std::nullopt;
    unanswered_.insert(next_new_);
    return next_new_++;
  }
  void Answered(int n, const std::string& decision_id, bool replayed) {
    absl::MutexLock lock(&mu_);
    auto [it, inserted] = answered_.emplace(n, decision_id);
    if (!inserted && it->second != decision_id) {
      ADD_FAILURE() << "ticket K-" << n << " answered as " << it->second << " and then as "
                    << decision_id;
    }
    if (!inserted && !replayed) ADD_FAILURE() << "ticket K-" << n << " recorded twice";
    unanswered_.erase(n);
    ++answered_this_run_;
  }
  void Unanswered(int n) {
    absl::MutexLock lock(&mu_);
    if (answered_.count(n) == 0) resend_.push_back(n);
  }
  // A new server run: everything sent and never answered is queued for re-sending.
  void NewRun() {
    absl::MutexLock lock(&mu_);
    answered_this_run_ = 0;
    resend_.assign(unanswered_.begin(), unanswered_.end());
  }
  bool AwaitAnswers(int count, absl::Duration timeout) {
    absl::MutexLock lock(&mu_);
    auto reached = [&] { return answered_this_run_ >= count; };
    return mu_.AwaitWithTimeout(absl::Condition(&reached), timeout);
  }
  std::map<int, std::string> answered() const {
    absl::MutexLock lock(&mu_);
    return answered_;
  }
  size_t unanswered() const {
    absl::MutexLock lock(&mu_);
    return unanswered_.size();
  }

 private:
  mutable absl::Mutex mu_;
  std::map<int, std::string> answered_ ABSL_GUARDED_BY(mu_);
  std::set<int> unanswered_ ABSL_GUARDED_BY(mu_);
  std::deque<int> resend_ ABSL_GUARDED_BY(mu_);
  int next_new_ ABSL_GUARDED_BY(mu_) = 0;
  int answered_this_run_ ABSL_GUARDED_BY(mu_) = 0;
};

// One run of the binary on `data_dir`.
// Sends closes until `stop` or nothing is left to send; records what was answered and
// what was not.
void Client(v1::Debrief::Stub& stub, Ledger& ledger, const std::atomic<bool>& stop,
            bool new_closes) {
  while (!stop.load()) {
    const std::optional<int> n = ledger.Next(new_closes);
    if (!n.has_value()) return;
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    v1::OnTicketClosedResponse response;
    const grpc::Status status = stub.OnTicketClosed(&context, Close(*n), &response);
    if (status.ok()) {
      ledger.Answered(*n, response.debriefing().decision_id(), response.debriefing().replayed());
    } else {
      ledger.Unanswered(*n);
    }
  }
}

// Runs `sql` on the database and returns the first column of every row.
std::vector<std::string> Query(sqlite3* db, const std::string& sql) {
  std::vector<std::string> rows;
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db);
    return rows;
  }
  while (sqlite3_step(statement) == SQLITE_ROW) {
    const unsigned char* text = sqlite3_column_text(statement, 0);
    rows.push_back(text == nullptr ? "" : reinterpret_cast<const char*>(text));
  }
  sqlite3_finalize(statement);
  return rows;
}

TEST(AccountCrashTest, EveryAnsweredCloseSurvivesSigkillExactlyOnceWithItsAccountUpdate) {
  uint32_t seed = static_cast<uint32_t>(absl::ToUnixNanos(absl::Now()));
  if (const char* fixed = std::getenv("DEBRIEF_CRASH_SEED"); fixed != nullptr) {
    ASSERT_TRUE(absl::SimpleAtoi(fixed, &seed));
  }
  std::cout << "crash test seed " << seed << " (rerun with DEBRIEF_CRASH_SEED=" << seed << ")\n";
  std::mt19937 random(seed);
  const std::string dir = testing::MakeTempDir("crash");
  const std::string config = testing::WriteFile(dir, "debrief.yaml", testing::ShippedConfig());
  const std::string data_dir = dir + "/data";
  Ledger ledger;
  const absl::Time deadline = absl::Now() + kBudget;

  int kills = 0;
  while (kills < kKills && absl::Now() < deadline) {
    ledger.NewRun();
    testing::DebriefdChild run = testing::StartDebriefd(config, data_dir);
    ASSERT_NE(run.stub, nullptr);
    std::atomic<bool> stop{false};
    std::vector<std::thread> clients;
    for (int c = 0; c < kClients; ++c) {
      clients.emplace_back([&] { Client(*run.stub, ledger, stop, /*new_closes=*/true); });
    }
    // Kill after a random number of answers (0: as soon as it is ready), with the other
    // clients' closes in flight.
    const int answers = std::uniform_int_distribution<int>(0, 12)(random);
    EXPECT_TRUE(ledger.AwaitAnswers(answers, absl::Seconds(30)))
        << "no progress before kill " << kills << ": " << run.process->stderr_text();
    run.process->Signal(SIGKILL);
    EXPECT_EQ(run.process->WaitForExit(absl::Seconds(30)), 128 + SIGKILL);
    stop = true;
    for (std::thread& client : clients) client.join();
    ++kills;
  }
  ASSERT_GE(kills, 10) << "the machine was too slow for a meaningful number of kills";

  // A last, clean run: every close never answered is re-sent until it is, and a few
  // answered ones are re-delivered and must come back as the recorded replay.
  ledger.NewRun();
  testing::DebriefdChild last = testing::StartDebriefd(config, data_dir);
  ASSERT_NE(last.stub, nullptr);
  std::atomic<bool> never{false};
  for (int attempt = 0; attempt < 3 && ledger.unanswered() > 0; ++attempt) {
    ledger.NewRun();
    Client(*last.stub, ledger, never, /*new_closes=*/false);
  }
  EXPECT_EQ(ledger.unanswered(), 0u);
  const std::map<int, std::string> answered = ledger.answered();
  ASSERT_GT(answered.size(), static_cast<size_t>(kills));
  int redelivered = 0;
  for (auto it = answered.begin(); it != answered.end() && redelivered < 5; ++it, ++redelivered) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    v1::OnTicketClosedResponse response;
    ASSERT_TRUE(last.stub->OnTicketClosed(&context, Close(it->first), &response).ok());
    EXPECT_TRUE(response.debriefing().replayed());
    EXPECT_EQ(response.debriefing().decision_id(), it->second);
  }
  last.process->Signal(SIGTERM);
  ASSERT_EQ(last.process->WaitForExit(absl::Seconds(60)), 0) << last.process->stderr_text();
  std::cout << "kills " << kills << ", closes answered " << answered.size() << "\n";

  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2((data_dir + "/debrief.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr),
            SQLITE_OK);
  EXPECT_EQ(Query(db, "PRAGMA integrity_check"), std::vector<std::string>{"ok"});
  EXPECT_TRUE(Query(db, "SELECT ticket_id FROM tickets GROUP BY ticket_id HAVING COUNT(*) > 1").empty())
      << "a close was recorded twice";
  std::map<std::string, std::string> recorded;
  sqlite3_stmt* statement = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT ticket_id, decision_id FROM tickets", -1, &statement,
                               nullptr),
            SQLITE_OK);
  while (sqlite3_step(statement) == SQLITE_ROW) {
    recorded[reinterpret_cast<const char*>(sqlite3_column_text(statement, 0))] =
        reinterpret_cast<const char*>(sqlite3_column_text(statement, 1));
  }
  sqlite3_finalize(statement);
  for (const auto& [n, decision_id] : answered) {
    const std::string ticket_id = absl::StrCat("K-", n);
    auto it = recorded.find(ticket_id);
    ASSERT_NE(it, recorded.end()) << ticket_id << " was answered but is not in the store";
    EXPECT_EQ(it->second, decision_id) << ticket_id;
  }
  EXPECT_EQ(recorded.size(), answered.size()) << "everything recorded was eventually answered";
  // Each account's counter, closes and tickets moved together.
  for (int a = 0; a < kAccounts; ++a) {
    const std::string id = absl::StrCat("'acct-", a, "'");
    const std::vector<std::string> total =
        Query(db, absl::StrCat("SELECT total_tickets FROM accounts WHERE account_id = ", id));
    ASSERT_EQ(total.size(), 1u) << id;
    EXPECT_EQ(total[0], Query(db, absl::StrCat("SELECT COUNT(*) FROM account_closes WHERE "
                                               "account_id = ", id))[0]) << id;
    EXPECT_EQ(total[0], Query(db, absl::StrCat("SELECT COUNT(*) FROM tickets WHERE account_id = ",
                                               id))[0]) << id;
  }
  sqlite3_close(db);
}

}  // namespace
}  // namespace debrief
