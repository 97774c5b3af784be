// ForgetCustomer through the real server: after it, the customer's e-mail, name and
// ticket text are nowhere in the database file or its write-ahead log (the bytes are
// scanned, not the tables), the account's anonymous aggregates stay, the call is
// audited and idempotent, and bad requests name the field.
#include <chrono>
#include <filesystem>
#include <functional>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "debrief/v1/debrief_service.grpc.pb.h"
#include "debrief/v1/insights_service.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpcpp/client_context.h"
#include "gtest/gtest.h"
#include "tests/testing/test_env.h"
#include "tests/testing/test_server.h"

namespace debrief {
namespace {

using ::testing::HasSubstr;

constexpr char kEmail[] = "Jane.Roe@Example.org";
constexpr char kName[] = "Janet Roeberg";
constexpr char kText[] = "marmalade-teacup-7731";
constexpr char kOtherText[] = "harmless-widget-4242";
constexpr char kAccountName[] = "Quillfeather Marmalade Industries";

std::unique_ptr<grpc::ClientContext> Context() {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  return context;
}

v1::OnTicketClosedRequest Close(const std::string& ticket_id, bool jane) {
  v1::OnTicketClosedRequest request;
  v1::Ticket* ticket = request.mutable_ticket();
  ticket->set_source(v1::SOURCE_ZENDESK);
  ticket->set_ticket_id(ticket_id);
  ticket->set_subject(jane ? absl::StrCat("Order ", kText, " never arrived")
                           : absl::StrCat("Question about ", kOtherText));
  ticket->mutable_requester()->set_email(jane ? kEmail : "bob@example.net");
  ticket->mutable_requester()->set_name(jane ? kName : "Bob Otherperson");
  ticket->mutable_requester()->set_id(jane ? "zd-user-1" : "zd-user-2");
  ticket->mutable_account()->set_id("quill");
  ticket->mutable_account()->set_name(kAccountName);
  v1::Message* message = ticket->add_messages();
  message->set_author_role(v1::AUTHOR_ROLE_CUSTOMER);
  message->set_body_text(
      jane ? absl::StrCat("Hi, this is ", kName, ". My order ", kText,
                          " is late and I am very unhappy. Reach me at ", kEmail, ".")
           : absl::StrCat("How do I configure ", kOtherText, "? Thanks"));
  v1::Message* reply = ticket->add_messages();
  reply->set_author_role(v1::AUTHOR_ROLE_AGENT);
  reply->set_body_text(jane ? absl::StrCat("Sorry ", kName, ", ", kText, " ships today.")
                            : "Settings, then Widgets.");
  return request;
}

// Every byte of the database and its write-ahead log.
std::string DatabaseBytes(const std::string& data_dir) {
  std::string bytes;
  for (const char* name : {"debrief.db", "debrief.db-wal", "debrief.db-journal"}) {
    const std::string path = data_dir + "/" + name;
    if (std::filesystem::exists(path)) bytes += testing::ReadFile(path);
  }
  return bytes;
}

// True when `bytes` holds `needle` in any letter case.
bool Holds(const std::string& bytes, const std::string& needle) {
  return absl::AsciiStrToLower(bytes).find(absl::AsciiStrToLower(needle)) != std::string::npos;
}

class ForgetCustomerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = testing::TestServer::Start();
    ASSERT_NE(server_, nullptr);
    debrief_ = v1::Debrief::NewStub(server_->channel());
    insights_ = v1::Insights::NewStub(server_->channel());
    for (int i = 0; i < 6; ++i) {
      v1::OnTicketClosedResponse response;
      const grpc::Status status =
          debrief_->OnTicketClosed(Context().get(), Close(absl::StrCat("Z-", i), i % 2 == 0), &response);
      ASSERT_TRUE(status.ok()) << status.error_message();
    }
  }

  grpc::Status Forget(const v1::ForgetCustomerRequest& request, v1::ForgetCustomerResponse* out) {
    return insights_->ForgetCustomer(Context().get(), request, out);
  }

  std::unique_ptr<testing::TestServer> server_;
  std::unique_ptr<v1::Debrief::Stub> debrief_;
  std::unique_ptr<v1::Insights::Stub> insights_;
};

TEST_F(ForgetCustomerTest, ARequesterLeavesNoTraceInTheDatabaseFileButTheAggregatesStay) {
  const std::string before = DatabaseBytes(server_->data_dir());
  ASSERT_TRUE(Holds(before, kText)) << "the scan must be able to see ticket text";
  ASSERT_TRUE(Holds(before, kOtherText));

  v1::ForgetCustomerRequest request;
  request.set_requester_email("  JANE.ROE@example.ORG ");
  request.set_reason("GDPR request 2291");
  v1::ForgetCustomerResponse response;
  grpc::Status status = Forget(request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.tickets_erased(), 3);
  EXPECT_FALSE(response.already_forgotten());
  EXPECT_FALSE(response.audit_id().empty());

  const std::string after = DatabaseBytes(server_->data_dir());
  EXPECT_FALSE(Holds(after, kEmail));
  EXPECT_FALSE(Holds(after, kName));
  EXPECT_FALSE(Holds(after, "Roeberg"));
  EXPECT_FALSE(Holds(after, kText));
  EXPECT_TRUE(Holds(after, kOtherText)) << "other customers' tickets are kept";
  EXPECT_EQ(std::filesystem::file_size(server_->data_dir() + "/debrief.db-wal"), 0u);

  // The account keeps its anonymous aggregates and notes the erasure on its timeline.
  v1::GetAccountHealthRequest health_request;
  health_request.set_account_id("quill");
  v1::GetAccountHealthResponse health;
  ASSERT_TRUE(insights_->GetAccountHealth(Context().get(), health_request, &health).ok());
  EXPECT_EQ(health.health().total_tickets(), 6);
  EXPECT_EQ(health.health().windows(0).tickets(), 6);
  ASSERT_GT(health.timeline_size(), 0);
  EXPECT_EQ(health.timeline(0).kind(), "forgotten");
  EXPECT_THAT(health.timeline(0).summary(), HasSubstr(response.audit_id()));

  // Again: nothing left to erase, and a new audit record.
  v1::ForgetCustomerResponse again;
  status = Forget(request, &again);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(again.tickets_erased(), 0);
  EXPECT_TRUE(again.already_forgotten());
  EXPECT_NE(again.audit_id(), response.audit_id());
}

TEST_F(ForgetCustomerTest, AnAccountLeavesNoTraceAndIsNoLongerKnown) {
  v1::ForgetCustomerRequest request;
  request.set_account_id("quill");
  request.set_reason("contract terminated");
  v1::ForgetCustomerResponse response;
  const grpc::Status status = Forget(request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.tickets_erased(), 6);

  const std::string after = DatabaseBytes(server_->data_dir());
  EXPECT_FALSE(Holds(after, kAccountName));
  EXPECT_FALSE(Holds(after, kText));
  EXPECT_FALSE(Holds(after, kOtherText));
  EXPECT_FALSE(Holds(after, kEmail));

  v1::GetAccountHealthRequest health_request;
  health_request.set_account_id("quill");
  v1::GetAccountHealthResponse health;
  EXPECT_EQ(insights_->GetAccountHealth(Context().get(), health_request, &health).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(ForgetCustomerTest, BadRequestsNameTheFieldAndEraseNothing) {
  struct Bad {
    std::function<void(v1::ForgetCustomerRequest&)> build;
    std::string message;
  };
  const Bad bad[] = {
      {[](auto&) {}, "subject: one of requester_email, requester_id or account_id is required"},
      {[](auto& r) { r.set_requester_email("not-an-address"); },
       "requester_email: must be an e-mail address"},
      {[](auto& r) { r.set_requester_id(""); }, "requester_id: is required"},
      {[](auto& r) {
         r.set_requester_email(kEmail);
         r.set_reason(absl::StrCat("asked by ", kEmail));
       },
       "reason: must not repeat the personal data being erased"},
  };
  for (const Bad& test : bad) {
    v1::ForgetCustomerRequest request;
    test.build(request);
    v1::ForgetCustomerResponse response;
    const grpc::Status status = Forget(request, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << test.message;
    EXPECT_THAT(status.error_message(), HasSubstr(test.message));
  }
  EXPECT_TRUE(Holds(DatabaseBytes(server_->data_dir()), kText));
}

}  // namespace
}  // namespace debrief
