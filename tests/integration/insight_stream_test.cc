// Insights.StreamInsights through the real server: the backlog, then live insights, on
// one stream; a stream resumed from the last cursor received continues with no gap and
// no repeat; cancel ends it; audience and kind filters hold; bad requests are
// INVALID_ARGUMENT naming the field; shutting the server down ends an idle stream at once
// (resumable) instead of holding the drain.
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_replace.h"
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

// Routes every insight to a JSON-lines file, so every close's insights are stored.
std::string FeedConfig() {
  const std::string path = testing::MakeTempDir("stream") + "/insights.jsonl";
  return absl::StrReplaceAll(
      testing::ShippedConfig(),
      {{"\ndestinations:\n", "\ndestinations:\n  feed_file:\n    kind: jsonl\n    path: " + path + "\n"},
       {"\nroutes:\n", "\nroutes:\n  - {name: all_to_file, destination: feed_file}\n"}});
}

v1::Ticket ClosedTicket(int n) {
  v1::Ticket ticket;
  ticket.set_source(v1::SOURCE_ZENDESK);
  ticket.set_ticket_id("ZD-" + std::to_string(8000 + n));
  ticket.set_delivery_id("stream-" + std::to_string(n));
  ticket.set_subject("Export crashes, thinking about Looker Studio");
  ticket.mutable_account()->set_id("acct-" + std::to_string(n % 2));
  v1::Message* first = ticket.add_messages();
  first->set_author_role(v1::AUTHOR_ROLE_CUSTOMER);
  first->set_is_public(true);
  first->set_body_text(
      "The CSV export crashes with HTTP 500 Internal Server Error again. We're really frustrated. "
      "Honestly, Looker Studio is half the price. It would be great if the export could run in "
      "the background.");
  v1::Message* reply = ticket.add_messages();
  reply->set_author_role(v1::AUTHOR_ROLE_AGENT);
  reply->set_is_public(true);
  reply->set_body_text("Sorry, it was a bug on our side: we deployed a fix this morning.");
  return ticket;
}

// One open stream, read with a bounded deadline.
struct Stream {
  Stream(v1::Insights::Stub& stub, const v1::StreamInsightsRequest& request) {
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
    reader = stub.StreamInsights(&context, request);
  }
  // The next `count` insights (fewer when the stream ends first).
  std::vector<v1::Insight> Read(size_t count) {
    std::vector<v1::Insight> out;
    v1::Insight insight;
    while (out.size() < count && reader->Read(&insight)) out.push_back(insight);
    return out;
  }
  grpc::ClientContext context;
  std::unique_ptr<grpc::ClientReader<v1::Insight>> reader;
};

class InsightStreamTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = testing::TestServer::Start(FeedConfig());
    ASSERT_NE(server_, nullptr);
    debrief_ = v1::Debrief::NewStub(server_->channel());
    insights_ = v1::Insights::NewStub(server_->channel());
  }

  // Closes ticket `n`; returns the ids of the insights it produced.
  std::vector<std::string> Close(int n) {
    v1::OnTicketClosedRequest request;
    *request.mutable_ticket() = ClosedTicket(n);
    v1::OnTicketClosedResponse response;
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    const grpc::Status status = debrief_->OnTicketClosed(&context, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    std::vector<std::string> ids;
    for (const v1::RoutedInsight& insight : response.debriefing().routed()) ids.push_back(insight.insight_id());
    return ids;
  }

  std::unique_ptr<testing::TestServer> server_;
  std::unique_ptr<v1::Debrief::Stub> debrief_;
  std::unique_ptr<v1::Insights::Stub> insights_;
};

std::vector<std::string> Ids(const std::vector<v1::Insight>& insights) {
  std::vector<std::string> ids;
  for (const v1::Insight& insight : insights) ids.push_back(insight.insight_id());
  return ids;
}

TEST_F(InsightStreamTest, BacklogThenLiveThenResumeFromTheLastCursorGivesEveryInsightOnceInOrder) {
  const std::vector<std::string> backlog = Close(1);
  ASSERT_GE(backlog.size(), 3u);
  std::vector<v1::Insight> received;
  {
    Stream stream(*insights_, v1::StreamInsightsRequest());
    std::vector<v1::Insight> first = stream.Read(backlog.size());
    EXPECT_THAT(Ids(first), ::testing::UnorderedElementsAreArray(backlog));
    received.insert(received.end(), first.begin(), first.end());
    // Live: closed while the stream is open and caught up.
    const std::vector<std::string> live = Close(2);
    std::vector<v1::Insight> second = stream.Read(live.size());
    EXPECT_THAT(Ids(second), ::testing::UnorderedElementsAreArray(live));
    received.insert(received.end(), second.begin(), second.end());
    stream.context.TryCancel();
    EXPECT_EQ(stream.reader->Finish().error_code(), grpc::StatusCode::CANCELLED);
  }
  // Closed while nobody listens; the resumed stream starts right after the last cursor.
  const std::vector<std::string> missed = Close(3);
  v1::StreamInsightsRequest resume;
  resume.set_cursor(received.back().cursor());
  Stream resumed(*insights_, resume);
  std::vector<v1::Insight> third = resumed.Read(missed.size());
  EXPECT_THAT(Ids(third), ::testing::UnorderedElementsAreArray(missed));
  received.insert(received.end(), third.begin(), third.end());
  resumed.context.TryCancel();
  resumed.reader->Finish();

  std::set<std::string> unique;
  std::set<std::string> cursors;
  for (size_t i = 0; i < received.size(); ++i) {
    unique.insert(received[i].insight_id());
    cursors.insert(received[i].cursor());
    EXPECT_FALSE(received[i].kind().empty());
    EXPECT_TRUE(received[i].has_created_at());
  }
  EXPECT_EQ(unique.size(), received.size());
  EXPECT_EQ(cursors.size(), received.size());
  // Cursor order is feed order: each cursor resumes right after its insight.
  for (size_t i = 0; i + 1 < received.size(); ++i) {
    v1::StreamInsightsRequest from;
    from.set_cursor(received[i].cursor());
    Stream after(*insights_, from);
    std::vector<v1::Insight> next = after.Read(1);
    ASSERT_EQ(next.size(), 1u);
    EXPECT_EQ(next[0].insight_id(), received[i + 1].insight_id()) << "after cursor " << i;
    after.context.TryCancel();
    after.reader->Finish();
  }
}

TEST_F(InsightStreamTest, AudienceAndKindFiltersHold) {
  size_t stored = 0;
  for (int n = 1; n <= 3; ++n) stored += Close(n).size();
  // The whole feed, to know what each filter should give.
  std::vector<v1::Insight> feed;
  {
    Stream stream(*insights_, v1::StreamInsightsRequest());
    feed = stream.Read(stored);
    ASSERT_EQ(feed.size(), stored);
    stream.context.TryCancel();
    stream.reader->Finish();
  }
  size_t competitor = 0;
  size_t product = 0;
  for (const v1::Insight& insight : feed) {
    competitor += insight.kind() == "competitor_mentioned" ? 1 : 0;
    product += insight.audience() == v1::TEAM_PRODUCT ? 1 : 0;
  }
  ASSERT_GT(competitor, 0u);
  ASSERT_GT(product, 0u);
  ASSERT_LT(product, feed.size());

  v1::StreamInsightsRequest by_kind;
  by_kind.add_kinds("competitor_mentioned");
  Stream kinds(*insights_, by_kind);
  for (const v1::Insight& insight : kinds.Read(competitor)) EXPECT_EQ(insight.kind(), "competitor_mentioned");
  kinds.context.TryCancel();
  kinds.reader->Finish();

  v1::StreamInsightsRequest by_audience;
  by_audience.add_audiences(v1::TEAM_PRODUCT);
  Stream audiences(*insights_, by_audience);
  const std::vector<v1::Insight> products = audiences.Read(product);
  EXPECT_EQ(products.size(), product);
  for (const v1::Insight& insight : products) EXPECT_EQ(insight.audience(), v1::TEAM_PRODUCT);
  // Nothing else is pending for this filter: a new close's product insights come next.
  const std::vector<std::string> next = Close(4);
  std::vector<v1::Insight> more = audiences.Read(1);
  ASSERT_EQ(more.size(), 1u);
  EXPECT_EQ(more[0].audience(), v1::TEAM_PRODUCT);
  EXPECT_THAT(next, ::testing::Contains(more[0].insight_id()));
  audiences.context.TryCancel();
  audiences.reader->Finish();
}

TEST_F(InsightStreamTest, BadRequestsAreRefusedNamingTheField) {
  auto refused = [&](const v1::StreamInsightsRequest& request) {
    Stream stream(*insights_, request);
    EXPECT_TRUE(stream.Read(1).empty());
    return stream.reader->Finish();
  };
  v1::StreamInsightsRequest request;
  request.add_kinds("competitor_mentioned");
  request.add_kinds("gossip");
  grpc::Status status = refused(request);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), ::testing::StartsWith("kinds[1]:"));
  request.Clear();
  request.add_audiences(v1::TEAM_UNSPECIFIED);
  status = refused(request);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), ::testing::StartsWith("audiences[0]:"));
  request.Clear();
  request.set_cursor("yesterday");
  status = refused(request);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), ::testing::StartsWith("cursor:"));
}

TEST_F(InsightStreamTest, ShutdownEndsAnIdleStreamResumably) {
  const std::vector<std::string> ids = Close(1);
  Stream stream(*insights_, v1::StreamInsightsRequest());
  ASSERT_EQ(stream.Read(ids.size()).size(), ids.size());
  server_->Stop();
  EXPECT_TRUE(stream.Read(1).empty());
  const grpc::Status status = stream.reader->Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_THAT(status.error_message(), HasSubstr("resume from the last cursor"));
}

}  // namespace
}  // namespace debrief
