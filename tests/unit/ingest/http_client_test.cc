#include "server/ingest/http_client.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/fake_helpdesk_apis.h"

namespace debrief::ingest {
namespace {

using ::testing::HasSubstr;

std::unique_ptr<CurlHttpClient> Client(absl::Duration timeout = absl::Seconds(5),
                                       int64_t max_bytes = 1 << 20) {
  absl::StatusOr<std::unique_ptr<CurlHttpClient>> client = CurlHttpClient::Create(
      {.connect_timeout = absl::Seconds(1), .timeout = timeout, .max_response_bytes = max_bytes});
  EXPECT_TRUE(client.ok());
  return std::move(*client);
}

TEST(CurlHttpClientTest, SendsAuthenticatedRequestsAndReturnsTheAnswer) {
  testing::FakeHelpScout api("tok");
  api.AddConversation("7", {{"id", 7}, {"status", "closed"}});
  absl::StatusOr<HttpReply> reply =
      Client()->Send({.url = api.base_url() + "/v2/conversations/7",
                      .headers = {{"Authorization", "Bearer tok"}}});
  ASSERT_TRUE(reply.ok()) << reply.status();
  EXPECT_EQ(reply->status, 200);
  EXPECT_THAT(reply->body, HasSubstr("closed"));
  absl::StatusOr<HttpReply> refused = Client()->Send({.url = api.base_url() + "/v2/conversations/7"});
  ASSERT_TRUE(refused.ok());
  EXPECT_TRUE(absl::IsPermissionDenied(ReplyStatus(*refused, "GET conversation 7")));
}

TEST(CurlHttpClientTest, ReportsAnUnreachableServerAsUnavailable) {
  const absl::StatusOr<HttpReply> reply = Client()->Send(
      {.url = "http://127.0.0.1:" + std::to_string(testing::ClosedPort()) + "/x"});
  EXPECT_TRUE(absl::IsUnavailable(reply.status())) << reply.status();
}

TEST(CurlHttpClientTest, GivesUpAfterTheTimeout) {
  testing::FakeHelpScout api("tok");
  api.Hold();
  const absl::StatusOr<HttpReply> reply = Client(absl::Milliseconds(300))->Send(
      {.url = api.base_url() + "/v2/conversations/7", .headers = {{"Authorization", "Bearer tok"}}});
  api.Release();
  EXPECT_TRUE(absl::IsDeadlineExceeded(reply.status())) << reply.status();
}

TEST(CurlHttpClientTest, RefusesAnswersLargerThanTheCap) {
  testing::FakeHelpScout api("tok");
  api.AddConversation("7", {{"id", 7}, {"preview", std::string(4096, 'x')}});
  const absl::StatusOr<HttpReply> reply = Client(absl::Seconds(5), 1024)->Send(
      {.url = api.base_url() + "/v2/conversations/7", .headers = {{"Authorization", "Bearer tok"}}});
  EXPECT_TRUE(absl::IsUnavailable(reply.status()));
  EXPECT_THAT(reply.status().message(), HasSubstr("larger than 1024 bytes"));
}

TEST(ReplyStatusTest, MapsHttpStatusesToCanonicalCodes) {
  EXPECT_TRUE(ReplyStatus({200, ""}, "x").ok());
  EXPECT_TRUE(absl::IsNotFound(ReplyStatus({404, ""}, "x")));
  EXPECT_TRUE(absl::IsAborted(ReplyStatus({409, ""}, "x")));
  EXPECT_TRUE(absl::IsUnavailable(ReplyStatus({429, ""}, "x")));
  EXPECT_TRUE(absl::IsUnavailable(ReplyStatus({503, ""}, "x")));
  EXPECT_TRUE(absl::IsFailedPrecondition(ReplyStatus({422, "secret body"}, "x")));
  EXPECT_EQ(ReplyStatus({422, "secret body"}, "PUT ticket").message(), "PUT ticket: HTTP 422");
}

}  // namespace
}  // namespace debrief::ingest
