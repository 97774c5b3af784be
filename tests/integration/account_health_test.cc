// Account memory through the real server in-process: UpsertAccounts (with validation
// that names the field and writes nothing), closes that update the account, replays
// that do not, and GetAccountHealth with scores, reasons, windows and timeline pages.
#include <algorithm>
#include <chrono>
#include <functional>
#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "debrief/v1/debrief_service.grpc.pb.h"
#include "debrief/v1/insights_service.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpcpp/client_context.h"
#include "gtest/gtest.h"
#include "tests/testing/test_server.h"

namespace debrief {
namespace {

using ::testing::HasSubstr;

std::unique_ptr<grpc::ClientContext> Context() {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  return context;
}

v1::Account Account(const std::string& id, const std::string& plan, int64_t arr_cents,
                    const std::string& renewal_date) {
  v1::Account account;
  account.set_id(id);
  account.set_name(absl::StrCat(id, " Inc"));
  account.set_plan(plan);
  account.set_arr_cents(arr_cents);
  account.set_currency("USD");
  account.set_renewal_date(renewal_date);
  return account;
}

// A close of `ticket_id` for `account_id`, rated `satisfaction`, closed `hours_ago`.
v1::OnTicketClosedRequest Close(const std::string& account_id, const std::string& ticket_id,
                                double satisfaction, int hours_ago) {
  v1::OnTicketClosedRequest request;
  v1::Ticket* ticket = request.mutable_ticket();
  ticket->set_source(v1::SOURCE_GENERIC);
  ticket->set_ticket_id(ticket_id);
  ticket->set_delivery_id("d-" + ticket_id);
  ticket->mutable_account()->set_id(account_id);
  ticket->mutable_satisfaction()->set_score(satisfaction);
  ticket->mutable_closed_at()->set_seconds(absl::ToUnixSeconds(absl::Now()) - hours_ago * 3600);
  v1::Message* message = ticket->add_messages();
  message->set_author_role(v1::AUTHOR_ROLE_CUSTOMER);
  message->set_body_text("Where can I find the invoice for last month?");
  return request;
}

class AccountHealthTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = testing::TestServer::Start();
    ASSERT_NE(server_, nullptr);
    debrief_ = v1::Debrief::NewStub(server_->channel());
    insights_ = v1::Insights::NewStub(server_->channel());
  }

  v1::GetAccountHealthResponse Health(const std::string& account_id, int page_size = 0,
                                      const std::string& token = "") {
    v1::GetAccountHealthRequest request;
    request.set_account_id(account_id);
    request.set_page_size(page_size);
    request.set_page_token(token);
    v1::GetAccountHealthResponse response;
    const grpc::Status status = insights_->GetAccountHealth(Context().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  std::unique_ptr<testing::TestServer> server_;
  std::unique_ptr<v1::Debrief::Stub> debrief_;
  std::unique_ptr<v1::Insights::Stub> insights_;
};

TEST_F(AccountHealthTest, UpsertAccountsCreatesAndUpdatesAndRejectsBadInputWritingNothing) {
  v1::UpsertAccountsRequest request;
  *request.add_accounts() = Account("acme", "pro", 12'000'000, "2031-03-01");
  *request.add_accounts() = Account("globex", "starter", 900'000, "");
  v1::UpsertAccountsResponse response;
  grpc::Status status = insights_->UpsertAccounts(Context().get(), request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.created(), 2);
  EXPECT_EQ(response.updated(), 0);

  v1::UpsertAccountsRequest change;
  change.add_accounts()->set_id("acme");
  change.mutable_accounts(0)->set_plan("enterprise");
  status = insights_->UpsertAccounts(Context().get(), change, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.created(), 0);
  EXPECT_EQ(response.updated(), 1);

  struct Bad {
    std::function<void(v1::UpsertAccountsRequest&)> build;
    std::string field;
  };
  const Bad bad[] = {
      {[](auto& r) { r.clear_accounts(); }, "accounts: at least one account is required"},
      {[](auto& r) { r.mutable_accounts(1)->set_renewal_date("2031-13-40"); },
       "accounts[1].renewal_date: must be a date YYYY-MM-DD"},
      {[](auto& r) { r.mutable_accounts(1)->set_id("acme"); }, "accounts[1].id: repeats accounts[0].id"},
      {[](auto& r) { r.mutable_accounts(0)->set_id(""); }, "accounts[0].id: is required"},
      {[](auto& r) { r.mutable_accounts(1)->set_arr_cents(-1); }, "accounts[1].arr_cents"},
      {[](auto& r) { r.mutable_accounts(1)->set_currency("usd"); }, "accounts[1].currency"},
  };
  for (const Bad& test : bad) {
    v1::UpsertAccountsRequest invalid;
    *invalid.add_accounts() = Account("acme", "downgraded", 1, "2031-01-01");
    *invalid.add_accounts() = Account("initech", "pro", 100, "");
    test.build(invalid);
    status = insights_->UpsertAccounts(Context().get(), invalid, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << test.field;
    EXPECT_THAT(status.error_message(), HasSubstr(test.field));
  }
  // None of the rejected batches wrote anything, not even their valid first account.
  const v1::AccountHealth health = Health("acme").health();
  EXPECT_EQ(health.account().plan(), "enterprise");
  EXPECT_EQ(health.account().arr_cents(), 12'000'000);
  EXPECT_EQ(health.account().renewal_date(), "2031-03-01");
  v1::GetAccountHealthRequest unknown;
  unknown.set_account_id("initech");
  v1::GetAccountHealthResponse nothing;
  EXPECT_EQ(insights_->GetAccountHealth(Context().get(), unknown, &nothing).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(AccountHealthTest, ClosesBuildTheHealthAndItsTimelineComesPageByPage) {
  v1::UpsertAccountsRequest crm;
  *crm.add_accounts() = Account("acme", "pro", 12'000'000, "2031-03-01");
  v1::UpsertAccountsResponse upserted;
  ASSERT_TRUE(insights_->UpsertAccounts(Context().get(), crm, &upserted).ok());

  // Five unhappy ratings over the last few days; satisfaction.low adds 10 points each
  // (whatever else analysis finds in the text may add more).
  int last_risk = 0;
  for (int i = 0; i < 5; ++i) {
    v1::OnTicketClosedResponse closed;
    const grpc::Status status = debrief_->OnTicketClosed(
        Context().get(), Close("acme", absl::StrCat("A-", i), 0.1, 24 * (5 - i)), &closed);
    ASSERT_TRUE(status.ok()) << status.error_message();
    const v1::Relationship& relationship = closed.debriefing().relationship();
    EXPECT_GT(relationship.renewal_risk(), last_risk) << "ticket " << i;
    EXPECT_GE(relationship.renewal_risk_delta(), 10) << "ticket " << i;
    last_risk = relationship.renewal_risk();
  }
  // A re-delivery is answered from the record and changes nothing.
  v1::OnTicketClosedResponse replay;
  ASSERT_TRUE(debrief_->OnTicketClosed(Context().get(), Close("acme", "A-4", 0.1, 24), &replay).ok());
  EXPECT_TRUE(replay.debriefing().replayed());

  const v1::GetAccountHealthResponse first = Health("acme", 2);
  const v1::AccountHealth& health = first.health();
  EXPECT_EQ(health.account().plan(), "pro");
  EXPECT_EQ(health.total_tickets(), 5);
  EXPECT_GE(health.renewal_risk(), 40);
  int rated_low = 0;
  std::set<std::string> tickets;
  for (const v1::ScoreReason& reason : health.risk_reasons()) {
    if (reason.signal() == "satisfaction.low") {
      ++rated_low;
      tickets.insert(reason.ticket_id());
      EXPECT_GT(reason.points(), 0);
      EXPECT_THAT(reason.text(), HasSubstr("rated support 0.10"));
    }
  }
  EXPECT_EQ(rated_low, 5);
  EXPECT_EQ(tickets.size(), 5u);
  EXPECT_EQ(health.risk_reasons(0).ticket_id(), "A-4") << "most recent first";
  ASSERT_EQ(health.windows_size(), 3);
  EXPECT_EQ(health.windows(0).days(), 7);
  EXPECT_EQ(health.windows(0).tickets(), 5);
  EXPECT_EQ(health.windows(2).days(), 90);
  EXPECT_TRUE(health.has_updated_at());

  // Pages of two, newest first, until the token runs out: every entry exactly once.
  std::vector<std::string> entries;
  v1::GetAccountHealthResponse page = first;
  for (int pages = 1;; ++pages) {
    ASSERT_LE(page.timeline_size(), 2);
    for (const v1::TimelineEntry& entry : page.timeline()) {
      entries.push_back(absl::StrCat(entry.kind(), ":", entry.ticket_id()));
    }
    if (page.next_page_token().empty()) break;
    ASSERT_LT(pages, 20);
    page = Health("acme", 2, page.next_page_token());
  }
  // By event time: the CRM update happened now, the closes days ago.
  EXPECT_EQ(entries.front(), "account_update:");
  EXPECT_EQ(entries[1], "close:A-4");
  EXPECT_EQ(entries.back(), "close:A-0");
  EXPECT_EQ(std::count_if(entries.begin(), entries.end(),
                          [](const std::string& e) { return e.rfind("close:", 0) == 0; }),
            5);
  EXPECT_EQ(std::set<std::string>(entries.begin(), entries.end()).size(), entries.size());
}

TEST_F(AccountHealthTest, BadHealthRequestsNameTheField) {
  struct Bad {
    v1::GetAccountHealthRequest request;
    grpc::StatusCode code;
    std::string message;
  };
  std::vector<Bad> bad(4);
  bad[0].code = grpc::StatusCode::INVALID_ARGUMENT;
  bad[0].message = "account_id: is required";
  bad[1].request.set_account_id("acme");
  bad[1].request.set_page_size(501);
  bad[1].code = grpc::StatusCode::INVALID_ARGUMENT;
  bad[1].message = "page_size: must be between 0 and 500";
  bad[2].request.set_account_id("acme");
  bad[2].request.set_page_token("not-a-token");
  bad[2].code = grpc::StatusCode::INVALID_ARGUMENT;
  bad[2].message = "page_token: is not a token from a previous response";
  bad[3].request.set_account_id("never-seen");
  bad[3].code = grpc::StatusCode::NOT_FOUND;
  bad[3].message = "account_id: no account \"never-seen\"";
  v1::UpsertAccountsRequest crm;
  *crm.add_accounts() = Account("acme", "pro", 1, "");
  v1::UpsertAccountsResponse upserted;
  ASSERT_TRUE(insights_->UpsertAccounts(Context().get(), crm, &upserted).ok());
  for (const Bad& test : bad) {
    v1::GetAccountHealthResponse response;
    const grpc::Status status = insights_->GetAccountHealth(Context().get(), test.request, &response);
    EXPECT_EQ(status.error_code(), test.code) << test.message;
    EXPECT_THAT(status.error_message(), HasSubstr(test.message));
  }
}

}  // namespace
}  // namespace debrief
