#include "server/routing/destinations/webhook/webhook_destination.h"

#include <cstdlib>
#include <thread>

#include "absl/strings/escaping.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "httplib.h"
#include "nlohmann/json.hpp"
#include "server/routing/destinations/webhook/standard_webhooks.h"
#include "tests/fakes/fake_clock.h"
#include "tests/testing/loopback_http.h"

namespace debrief::routing {
namespace {

using ::testing::HasSubstr;

// A receiver on loopback that answers with a scripted status and keeps what it got.
class Receiver {
 public:
  Receiver() : http_([this](httplib::Server& server) {
    server.Post("/hooks", [this](const httplib::Request& req, httplib::Response& res) {
      absl::MutexLock lock(&mu_);
      requests_.push_back(req);
      res.status = status_;
      if (!retry_after_.empty()) res.set_header("Retry-After", retry_after_);
      res.set_content("{}", "application/json");
    });
  }) {}
  std::string url() const { return http_.url("/hooks"); }
  void Answer(int status, std::string retry_after = "") {
    absl::MutexLock lock(&mu_);
    status_ = status;
    retry_after_ = std::move(retry_after);
  }
  std::vector<httplib::Request> requests() {
    absl::MutexLock lock(&mu_);
    return requests_;
  }

 private:
  absl::Mutex mu_;
  int status_ ABSL_GUARDED_BY(mu_) = 200;
  std::string retry_after_ ABSL_GUARDED_BY(mu_);
  std::vector<httplib::Request> requests_ ABSL_GUARDED_BY(mu_);
  // Last: it stops serving before the members its handler uses go away.
  testing::LoopbackHttpServer http_;
};

// Verifies a Standard Webhooks request as a receiver holding `secret` would.
bool Verifies(const httplib::Request& req, const std::string& secret) {
  return testing::HasValidStandardWebhookSignature(req, *DecodeSigningSecret(secret));
}

const std::string kOldSecret = "whsec_" + absl::Base64Escape("old signing key bytes");
const std::string kNewSecret = "whsec_" + absl::Base64Escape("new signing key bytes");

core::Insight Insight() {
  return {.insight_id = "ins_01ABC", .kind = "renewal_risk_changed", .audience = core::Team::kSuccess,
          .account_id = "acme", .ticket_id = "42", .decision_id = "dcl_1",
          .created_at = absl::FromUnixSeconds(1'790'000'000), .body_json = R"({"renewal_risk":60})"};
}

class WebhookDestinationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("DEBRIEF_TEST_WH_OLD", kOldSecret.c_str(), 1);
    setenv("DEBRIEF_TEST_WH_NEW", kNewSecret.c_str(), 1);
    options_.name = "crm";
    options_.kind = "webhook";
    options_.url = receiver_.url();
    options_.secrets = {{.env = "DEBRIEF_TEST_WH_OLD"}, {.env = "DEBRIEF_TEST_WH_NEW"}};
    options_.timeout = absl::Seconds(5);
  }

  std::unique_ptr<WebhookDestination> Make() {
    auto http = CurlTransport::Create({.timeout = absl::Seconds(5)});
    EXPECT_TRUE(http.ok());
    auto destination = WebhookDestination::Create(options_, *std::move(http), clock_);
    EXPECT_TRUE(destination.ok()) << destination.status();
    return *std::move(destination);
  }

  Receiver receiver_;
  testing::FakeClock clock_;
  config::DestinationOptions options_;
};

TEST_F(WebhookDestinationTest, SignsEachMessageWithEverySecretSoARotatingReceiverVerifies) {
  auto destination = Make();
  const DeliveryResult result =
      destination->Deliver(Insight(), {.insight_id = "ins_01ABC", .extra_json = R"({"ticket_url":"u"})"}, 1);
  EXPECT_EQ(result.outcome, DeliveryResult::Outcome::kDelivered) << result.error;
  const auto requests = receiver_.requests();
  ASSERT_EQ(requests.size(), 1u);
  const httplib::Request& req = requests[0];
  EXPECT_EQ(req.get_header_value("webhook-id"), "ins_01ABC");
  EXPECT_EQ(req.get_header_value("webhook-timestamp"), std::to_string(absl::ToUnixSeconds(clock_.Now())));
  EXPECT_EQ(req.get_header_value("Content-Type"), "application/json");
  EXPECT_TRUE(Verifies(req, kOldSecret));
  EXPECT_TRUE(Verifies(req, kNewSecret));
  EXPECT_FALSE(Verifies(req, "whsec_" + absl::Base64Escape("some other key")));
  const auto body = nlohmann::json::parse(req.body);
  EXPECT_EQ(body["type"], "renewal_risk_changed");
  EXPECT_EQ(body["data"]["insight_id"], "ins_01ABC");
  EXPECT_EQ(body["data"]["account_id"], "acme");
  EXPECT_EQ(body["data"]["audience"], "success");
  EXPECT_EQ(body["data"]["body"]["renewal_risk"], 60);
  EXPECT_EQ(body["data"]["extra"]["ticket_url"], "u");
}

TEST_F(WebhookDestinationTest, ReportsStatusesAndRetryAfterForThePolicy) {
  auto destination = Make();
  receiver_.Answer(503, "30");
  DeliveryResult result = destination->Deliver(Insight(), {}, 1);
  EXPECT_EQ(result.outcome, DeliveryResult::Outcome::kRetry);
  EXPECT_EQ(result.http_status, 503);
  EXPECT_EQ(result.retry_after, absl::Seconds(30));
  receiver_.Answer(410);
  EXPECT_EQ(destination->Deliver(Insight(), {}, 2).outcome, DeliveryResult::Outcome::kGone);
  receiver_.Answer(400);
  result = destination->Deliver(Insight(), {}, 3);
  EXPECT_EQ(result.outcome, DeliveryResult::Outcome::kReject);
  EXPECT_THAT(result.error, HasSubstr("HTTP 400"));
}

TEST_F(WebhookDestinationTest, ANonListeningPortIsRetriedNotRejected) {
  options_.url = "http://127.0.0.1:1/hooks";
  auto destination = Make();
  const DeliveryResult result = destination->Deliver(Insight(), {}, 1);
  EXPECT_EQ(result.outcome, DeliveryResult::Outcome::kRetry);
  EXPECT_FALSE(result.error.empty());
}

TEST_F(WebhookDestinationTest, RefusesToStartWithAMissingOrMalformedSecretWithoutPrintingIt) {
  options_.secrets = {{.env = "DEBRIEF_TEST_WH_UNSET_VAR"}};
  unsetenv("DEBRIEF_TEST_WH_UNSET_VAR");
  auto http = CurlTransport::Create({});
  auto missing = WebhookDestination::Create(options_, *std::move(http), clock_);
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(missing.status().message(), HasSubstr("DEBRIEF_TEST_WH_UNSET_VAR"));

  setenv("DEBRIEF_TEST_WH_BAD", "whsec_not base64!!", 1);
  options_.secrets = {{.env = "DEBRIEF_TEST_WH_BAD"}};
  auto malformed = WebhookDestination::Create(options_, *CurlTransport::Create({}), clock_);
  EXPECT_EQ(malformed.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(malformed.status().message(), HasSubstr("destinations.crm.secrets[0]"));
  EXPECT_THAT(malformed.status().message(), ::testing::Not(HasSubstr("not base64")));
}

TEST(RetryAfterTest, ParsesSecondsAndHttpDates) {
  const absl::Time now = absl::FromUnixSeconds(1'790'000'000);
  EXPECT_EQ(ParseRetryAfter({{"retry-after", "120"}}, now), absl::Seconds(120));
  EXPECT_EQ(ParseRetryAfter({{"retry-after", absl::FormatTime("%a, %d %b %Y %H:%M:%S GMT",
                                                               now + absl::Minutes(2), absl::UTCTimeZone())}},
                            now),
            absl::Minutes(2));
  EXPECT_EQ(ParseRetryAfter({{"retry-after", "soon"}}, now), std::nullopt);
  EXPECT_EQ(ParseRetryAfter({}, now), std::nullopt);
}

}  // namespace
}  // namespace debrief::routing
