// Admin.ListDeadLetters and Admin.ReplayDeadLetters through the real server: a receiver
// that refuses (400) dead-letters every insight at once with its error; the dead letters
// are listed by destination, kind and time range, page by page; once the receiver is
// fixed a replay delivers them. A destination a 410 disabled is re-enabled by a replay
// that asks for it. Bad filters are INVALID_ARGUMENT naming the field.
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_replace.h"
#include "absl/synchronization/mutex.h"
#include "debrief/v1/admin_service.grpc.pb.h"
#include "debrief/v1/debrief_service.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpcpp/client_context.h"
#include "gtest/gtest.h"
#include "httplib.h"
#include "tests/testing/loopback_http.h"
#include "tests/testing/test_server.h"
#include "tests/testing/wait_until.h"

namespace debrief {
namespace {

using ::testing::HasSubstr;

// A webhook receiver on loopback answering `status` (with a body naming the problem)
// until told otherwise; keeps the webhook-ids it accepted.
class Receiver {
 public:
  explicit Receiver(int status) : status_(status), http_([this](httplib::Server& server) {
    server.Post("/hooks", [this](const httplib::Request& req, httplib::Response& res) {
      absl::MutexLock lock(&mu_);
      res.status = status_;
      if (status_ >= 300) {
        res.set_content(R"({"error":"unknown field account_tier"})", "application/json");
        return;
      }
      accepted_.push_back(req.get_header_value("webhook-id"));
    });
  }) {}
  int port() const { return http_.port(); }
  void Answer(int status) {
    absl::MutexLock lock(&mu_);
    status_ = status;
  }
  std::vector<std::string> accepted() {
    absl::MutexLock lock(&mu_);
    return accepted_;
  }

 private:
  absl::Mutex mu_;
  int status_ ABSL_GUARDED_BY(mu_);
  std::vector<std::string> accepted_ ABSL_GUARDED_BY(mu_);
  // Last: it stops serving before the members its handler uses go away.
  testing::LoopbackHttpServer http_;
};

std::string ConfigWithReceiver(int port) {
  setenv("DEBRIEF_IT_DEAD_LETTER_SECRET", "whsec_c2VjcmV0IGtleSBmb3IgZGVhZCBsZXR0ZXJz", 1);
  return absl::StrReplaceAll(
      testing::ShippedConfig(),
      {{"\ndestinations:\n", "\ndestinations:\n  receiver:\n    kind: webhook\n    url: http://127.0.0.1:" +
                                 std::to_string(port) +
                                 "/hooks\n    secrets: [{env: DEBRIEF_IT_DEAD_LETTER_SECRET}]\n"},
       {"\nroutes:\n", "\nroutes:\n  - {name: all_to_receiver, destination: receiver}\n"}});
}

v1::Ticket ClosedTicket(const std::string& id, const std::string& account) {
  v1::Ticket ticket;
  ticket.set_source(v1::SOURCE_ZENDESK);
  ticket.set_ticket_id(id);
  ticket.set_delivery_id("dl-" + id);
  ticket.set_subject("Export crashes, thinking about Looker Studio");
  ticket.mutable_account()->set_id(account);
  ticket.mutable_account()->set_name(account + " Inc");
  v1::Message* first = ticket.add_messages();
  first->set_author_role(v1::AUTHOR_ROLE_CUSTOMER);
  first->set_is_public(true);
  first->set_body_text(
      "The CSV export crashes with HTTP 500 Internal Server Error again. Honestly, Looker Studio "
      "is half the price. It would be great if the export could run in the background.");
  v1::Message* reply = ticket.add_messages();
  reply->set_author_role(v1::AUTHOR_ROLE_AGENT);
  reply->set_is_public(true);
  reply->set_body_text("Sorry, it was a bug on our side: we deployed a fix this morning.");
  return ticket;
}

std::unique_ptr<grpc::ClientContext> Context() {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  return context;
}

class DeadLettersTest : public ::testing::Test {
 protected:
  void StartServer(int receiver_status) {
    receiver_ = std::make_unique<Receiver>(receiver_status);
    server_ = testing::TestServer::Start(ConfigWithReceiver(receiver_->port()));
    ASSERT_NE(server_, nullptr);
    debrief_ = v1::Debrief::NewStub(server_->channel());
    admin_ = v1::Admin::NewStub(server_->channel());
  }

  // Closes `count` tickets (one account each); returns insight id → kind of what they routed.
  std::map<std::string, std::string> CloseTickets(int count) {
    std::map<std::string, std::string> routed;
    for (int i = 0; i < count; ++i) {
      v1::OnTicketClosedRequest request;
      *request.mutable_ticket() = ClosedTicket("ZD-" + std::to_string(7000 + i), "acct-" + std::to_string(i));
      v1::OnTicketClosedResponse response;
      const grpc::Status status = debrief_->OnTicketClosed(Context().get(), request, &response);
      EXPECT_TRUE(status.ok()) << status.error_message();
      for (const v1::RoutedInsight& insight : response.debriefing().routed()) {
        routed[insight.insight_id()] = insight.kind();
      }
    }
    return routed;
  }

  // Every dead letter matching `filter`, read `page_size` at a time.
  std::vector<v1::DeadLetter> ListAll(const v1::DeadLetterFilter& filter, int page_size, int* pages) {
    std::vector<v1::DeadLetter> all;
    v1::ListDeadLettersRequest request;
    *request.mutable_filter() = filter;
    request.set_page_size(page_size);
    *pages = 0;
    for (int guard = 0; guard < 100; ++guard) {
      v1::ListDeadLettersResponse response;
      const grpc::Status status = admin_->ListDeadLetters(Context().get(), request, &response);
      EXPECT_TRUE(status.ok()) << status.error_message();
      if (!status.ok()) break;
      ++*pages;
      all.insert(all.end(), response.dead_letters().begin(), response.dead_letters().end());
      if (response.next_page_token().empty()) break;
      request.set_page_token(response.next_page_token());
    }
    return all;
  }

  size_t CountDead(const v1::DeadLetterFilter& filter = {}) {
    int pages = 0;
    return ListAll(filter, 1000, &pages).size();
  }

  grpc::Status List(const v1::ListDeadLettersRequest& request) {
    v1::ListDeadLettersResponse response;
    return admin_->ListDeadLetters(Context().get(), request, &response);
  }

  std::unique_ptr<Receiver> receiver_;
  std::unique_ptr<testing::TestServer> server_;
  std::unique_ptr<v1::Debrief::Stub> debrief_;
  std::unique_ptr<v1::Admin::Stub> admin_;
};

TEST_F(DeadLettersTest, RefusedInsightsAreListedFilteredPagedAndDeliveredOnReplay) {
  StartServer(400);
  const auto before = std::chrono::system_clock::now();
  const std::map<std::string, std::string> routed = CloseTickets(3);
  ASSERT_GE(routed.size(), 6u);
  ASSERT_TRUE(testing::WaitUntil([&] { return CountDead() == routed.size(); }));

  int pages = 0;
  const std::vector<v1::DeadLetter> all = ListAll({}, 0, &pages);
  ASSERT_EQ(all.size(), routed.size());
  std::set<std::string> ids;
  for (const v1::DeadLetter& dead : all) {
    ids.insert(dead.insight_id());
    EXPECT_EQ(dead.destination(), "receiver");
    EXPECT_EQ(dead.kind(), routed.at(dead.insight_id()));
    EXPECT_EQ(dead.attempts(), 1);
    EXPECT_THAT(dead.last_error(), HasSubstr("400"));
    EXPECT_THAT(dead.last_error(), HasSubstr("unknown field account_tier"));
    EXPECT_THAT(dead.account_id(), ::testing::StartsWith("acct-"));
    EXPECT_GT(dead.dead_at().seconds(), 0);
  }
  EXPECT_EQ(ids.size(), routed.size());

  // Paging: two at a time gives the same set, oldest first, no repeats.
  const std::vector<v1::DeadLetter> paged = ListAll({}, 2, &pages);
  EXPECT_EQ(pages, static_cast<int>((routed.size() + 1) / 2 + (routed.size() % 2 == 0 ? 1 : 0)));
  ASSERT_EQ(paged.size(), all.size());
  for (size_t i = 0; i < paged.size(); ++i) {
    EXPECT_EQ(paged[i].id(), all[i].id());
    if (i > 0) {
      EXPECT_GT(paged[i].id(), paged[i - 1].id());
    }
  }

  // Filters: kind, destination, time range.
  size_t competitor = 0;
  for (const auto& [id, kind] : routed) competitor += kind == "competitor_mentioned" ? 1 : 0;
  ASSERT_GT(competitor, 0u);
  v1::DeadLetterFilter by_kind;
  by_kind.set_kind("competitor_mentioned");
  for (const v1::DeadLetter& dead : ListAll(by_kind, 0, &pages)) EXPECT_EQ(dead.kind(), "competitor_mentioned");
  EXPECT_EQ(CountDead(by_kind), competitor);
  v1::DeadLetterFilter other_destination;
  other_destination.set_destination("cs_platform");
  EXPECT_EQ(CountDead(other_destination), 0u);
  v1::DeadLetterFilter later;
  later.mutable_from()->set_seconds(std::chrono::system_clock::to_time_t(std::chrono::system_clock::now()) + 3600);
  EXPECT_EQ(CountDead(later), 0u);
  v1::DeadLetterFilter earlier;
  earlier.mutable_to()->set_seconds(std::chrono::system_clock::to_time_t(before) - 1);
  EXPECT_EQ(CountDead(earlier), 0u);
  v1::DeadLetterFilter window;
  window.mutable_from()->set_seconds(std::chrono::system_clock::to_time_t(before) - 1);
  window.mutable_to()->set_seconds(std::chrono::system_clock::to_time_t(std::chrono::system_clock::now()) + 60);
  EXPECT_EQ(CountDead(window), routed.size());

  // The receiver is fixed: replaying one kind delivers exactly those; the rest stay dead.
  receiver_->Answer(204);
  v1::ReplayDeadLettersRequest replay;
  *replay.mutable_filter() = by_kind;
  v1::ReplayDeadLettersResponse replayed;
  grpc::Status status = admin_->ReplayDeadLetters(Context().get(), replay, &replayed);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(replayed.replayed(), static_cast<int64_t>(competitor));
  ASSERT_TRUE(testing::WaitUntil([&] { return receiver_->accepted().size() == competitor; }));
  for (const std::string& id : receiver_->accepted()) EXPECT_EQ(routed.at(id), "competitor_mentioned");
  EXPECT_EQ(CountDead(), routed.size() - competitor);

  // Then everything: every insight delivered once, nothing dead.
  status = admin_->ReplayDeadLetters(Context().get(), v1::ReplayDeadLettersRequest(), &replayed);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(replayed.replayed(), static_cast<int64_t>(routed.size() - competitor));
  ASSERT_TRUE(testing::WaitUntil([&] { return receiver_->accepted().size() == routed.size(); }));
  const std::vector<std::string> accepted = receiver_->accepted();
  EXPECT_EQ(std::set<std::string>(accepted.begin(), accepted.end()), ids);
  EXPECT_EQ(CountDead(), 0u);
}

TEST_F(DeadLettersTest, BadFiltersAreRefusedNamingTheField) {
  StartServer(204);
  auto expect_invalid = [](const grpc::Status& status, const std::string& field) {
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << field;
    EXPECT_THAT(status.error_message(), ::testing::StartsWith(field + ":"));
  };
  v1::ListDeadLettersRequest request;
  request.mutable_filter()->set_kind("not_a_kind");
  expect_invalid(List(request), "filter.kind");
  request.Clear();
  request.set_page_size(5000);
  expect_invalid(List(request), "page_size");
  request.Clear();
  request.set_page_size(-1);
  expect_invalid(List(request), "page_size");
  request.Clear();
  request.set_page_token("not-a-token");
  expect_invalid(List(request), "page_token");
  request.Clear();
  request.mutable_filter()->mutable_from()->set_seconds(2000);
  request.mutable_filter()->mutable_to()->set_seconds(1000);
  expect_invalid(List(request), "filter.to");
  request.Clear();
  request.mutable_filter()->mutable_from()->set_nanos(-5);
  expect_invalid(List(request), "filter.from");

  v1::ReplayDeadLettersRequest replay;
  v1::ReplayDeadLettersResponse replayed;
  replay.set_enable_destination(true);
  expect_invalid(admin_->ReplayDeadLetters(Context().get(), replay, &replayed), "filter.destination");
  replay.mutable_filter()->set_destination("no_such_destination");
  expect_invalid(admin_->ReplayDeadLetters(Context().get(), replay, &replayed), "filter.destination");
  replay.Clear();
  replay.mutable_filter()->set_kind("nope");
  expect_invalid(admin_->ReplayDeadLetters(Context().get(), replay, &replayed), "filter.kind");
}

TEST_F(DeadLettersTest, AReplayAskingForItReEnablesADestinationDisabledByA410) {
  StartServer(410);
  const std::map<std::string, std::string> routed = CloseTickets(1);
  ASSERT_FALSE(routed.empty());
  httplib::Client http("127.0.0.1", server_->http_port());
  // The first attempt is answered 410: the destination is disabled, the insight stays queued.
  ASSERT_TRUE(testing::WaitUntil([&] {
    auto metrics = http.Get("/metrics");
    return metrics && metrics->body.find(
                          R"(debrief_insight_deliveries_total{destination="receiver",outcome="disabled"} 1)") !=
                          std::string::npos;
  }));
  receiver_->Answer(204);
  EXPECT_TRUE(receiver_->accepted().empty());

  v1::ReplayDeadLettersRequest replay;
  replay.mutable_filter()->set_destination("receiver");
  replay.set_enable_destination(true);
  v1::ReplayDeadLettersResponse replayed;
  const grpc::Status status = admin_->ReplayDeadLetters(Context().get(), replay, &replayed);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_TRUE(replayed.destination_enabled());
  EXPECT_EQ(replayed.replayed(), 0);
  ASSERT_TRUE(testing::WaitUntil([&] { return receiver_->accepted().size() == routed.size(); }));
  const std::vector<std::string> accepted = receiver_->accepted();
  std::set<std::string> expected;
  for (const auto& [id, kind] : routed) expected.insert(id);
  EXPECT_EQ(std::set<std::string>(accepted.begin(), accepted.end()), expected);

  // Asking again: nothing was disabled any more.
  const grpc::Status again = admin_->ReplayDeadLetters(Context().get(), replay, &replayed);
  ASSERT_TRUE(again.ok()) << again.error_message();
  EXPECT_FALSE(replayed.destination_enabled());
}

}  // namespace
}  // namespace debrief
