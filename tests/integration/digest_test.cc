// Digests through the real server in-process: closes from last week, then
// Insights/GetDigest over gRPC and GET /v1/digests/{audience} over HTTP in its three
// formats, with bad audiences and periods refused naming the field.
#include <chrono>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "debrief/v1/debrief_service.grpc.pb.h"
#include "debrief/v1/insights_service.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpcpp/client_context.h"
#include "gtest/gtest.h"
#include "httplib.h"
#include "nlohmann/json.hpp"
#include "server/digest/iso_week.h"
#include "tests/testing/test_server.h"

namespace debrief {
namespace {

using ::testing::HasSubstr;

std::unique_ptr<grpc::ClientContext> Context() {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  return context;
}

class DigestIntegrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = testing::TestServer::Start();
    ASSERT_NE(server_, nullptr);
    const digest::IsoWeek week = digest::LastCompleteWeek(absl::Now(), absl::UTCTimeZone());
    period_ = digest::FormatIsoWeek(week);
    const absl::Time start = digest::WeekStart(week, absl::UTCTimeZone());
    auto stub = v1::Debrief::NewStub(server_->channel());
    for (int i = 0; i < 4; ++i) {
      v1::OnTicketClosedRequest request;
      v1::Ticket* ticket = request.mutable_ticket();
      ticket->set_source(v1::SOURCE_GENERIC);
      ticket->set_ticket_id(absl::StrCat("t", i));
      ticket->set_delivery_id(absl::StrCat("d", i));
      ticket->set_url(absl::StrCat("https://help.example.com/tickets/", i));
      ticket->mutable_account()->set_id(absl::StrCat("acct-", i % 2));
      ticket->mutable_closed_at()->set_seconds(absl::ToUnixSeconds(start + absl::Hours(30 + i)));
      v1::Message* message = ticket->add_messages();
      message->set_author_role(v1::AUTHOR_ROLE_CUSTOMER);
      message->set_body_text("I was charged twice this month, please refund the invoice.");
      v1::OnTicketClosedResponse response;
      ASSERT_TRUE(stub->OnTicketClosed(Context().get(), request, &response).ok());
    }
    insights_ = v1::Insights::NewStub(server_->channel());
  }

  std::unique_ptr<testing::TestServer> server_;
  std::unique_ptr<v1::Insights::Stub> insights_;
  std::string period_;
};

TEST_F(DigestIntegrationTest, GetDigestCountsLastWeeksCloses) {
  v1::GetDigestRequest request;
  request.set_audience(v1::TEAM_PRODUCT);
  v1::GetDigestResponse response;
  const grpc::Status status = insights_->GetDigest(Context().get(), request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.digest().period(), period_);
  EXPECT_EQ(response.digest().tickets(), 4);
  EXPECT_EQ(response.digest().audience(), v1::TEAM_PRODUCT);
  ASSERT_GT(response.digest().sections_size(), 0);
  EXPECT_EQ(response.digest().sections(0).id(), "pain_points");
  EXPECT_TRUE(response.digest().has_period_start());
}

TEST_F(DigestIntegrationTest, GetDigestRefusesBadAudiencesAndPeriodsNamingTheField) {
  v1::GetDigestRequest request;
  request.set_audience(v1::TEAM_ENGINEERING);
  v1::GetDigestResponse response;
  grpc::Status status = insights_->GetDigest(Context().get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("audience"));
  request.set_audience(v1::TEAM_SALES);
  request.set_period("2026-W60");
  status = insights_->GetDigest(Context().get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("period"));
}

TEST_F(DigestIntegrationTest, ServesTheDigestOverHttpAsJsonMarkdownAndHtml) {
  httplib::Client http("127.0.0.1", server_->http_port());
  auto json = http.Get(absl::StrCat("/v1/digests/success?period=", period_));
  ASSERT_TRUE(json);
  ASSERT_EQ(json->status, 200) << json->body;
  const auto body = nlohmann::json::parse(json->body);
  EXPECT_EQ(body["digest"]["period"], period_);
  EXPECT_EQ(body["digest"]["audience"], "TEAM_SUCCESS");

  auto markdown = http.Get(absl::StrCat("/v1/digests/product?format=md&period=", period_));
  ASSERT_TRUE(markdown);
  ASSERT_EQ(markdown->status, 200);
  EXPECT_THAT(markdown->get_header_value("Content-Type"), HasSubstr("text/markdown"));
  EXPECT_THAT(markdown->body, HasSubstr(absl::StrCat("# Product digest — ", period_)));
  EXPECT_THAT(markdown->body, HasSubstr("4 tickets closed"));

  auto html = http.Get("/v1/digests/sales?format=html");
  ASSERT_TRUE(html);
  ASSERT_EQ(html->status, 200);
  EXPECT_THAT(html->get_header_value("Content-Type"), HasSubstr("text/html"));
  EXPECT_THAT(html->body, HasSubstr("<!DOCTYPE html>"));
}

TEST_F(DigestIntegrationTest, HttpRefusesBadInputWithAJsonBodyNamingTheField) {
  httplib::Client http("127.0.0.1", server_->http_port());
  for (const auto& [path, field] : std::vector<std::pair<std::string, std::string>>{
           {"/v1/digests/marketing", "audience"},
           {"/v1/digests/product?period=2026-47", "period"},
           {"/v1/digests/product?format=pdf", "format"}}) {
    auto answer = http.Get(path);
    ASSERT_TRUE(answer) << path;
    EXPECT_EQ(answer->status, 400) << path;
    EXPECT_THAT(answer->get_header_value("Content-Type"), HasSubstr("application/json"));
    EXPECT_THAT(answer->body, HasSubstr(field)) << path;
  }
}

}  // namespace
}  // namespace debrief
