#include "server/ingest/payload.h"

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace debrief::ingest {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(ParsePayloadTest, RejectsBodiesThatAreNotAJsonObject) {
  EXPECT_EQ(ParsePayload("").status().message(), "body: is empty");
  EXPECT_THAT(ParsePayload("{\"a\": ").status().message(),
              HasSubstr("body: is not valid JSON (error at byte"));
  EXPECT_EQ(ParsePayload("[1,2]").status().message(), "body: must be a JSON object");
  EXPECT_EQ(ParsePayload("\"\xff\"").status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(ParsePayloadTest, RejectsNumbersOutOfRangeInsteadOfThrowing) {
  EXPECT_EQ(ParsePayload(R"({"account_id": 2211e30829848})").status().message(),
            "body: is not valid JSON (a number is out of range)");
}

TEST(ParsePayloadTest, RejectsNestingDeeperThanTheLimit) {
  std::string deep(kMaxPayloadDepth + 1, '[');
  deep = absl::StrCat("{\"a\":", deep, std::string(kMaxPayloadDepth + 1, ']'), "}");
  EXPECT_THAT(ParsePayload(deep).status().message(), HasSubstr("nested deeper than 64"));
  // Brackets inside strings do not count.
  EXPECT_TRUE(ParsePayload(absl::StrCat("{\"a\":\"", std::string(200, '['), "\"}")).ok());
}

TEST(PayloadReaderTest, ReadsTextNumbersAndBooleansAndNamesTheFieldOfAWrongType) {
  const nlohmann::json payload = nlohmann::json::parse(
      R"({"detail": {"id": 5158, "subject": "Hi", "ok": true, "tags": ["a", "b"], "obj": {}}})");
  PayloadReader in(payload);
  EXPECT_EQ(in.Text("/detail/id"), "5158");
  EXPECT_EQ(in.Text("/detail/ok"), "true");
  EXPECT_EQ(in.Text("/detail/missing"), "");
  EXPECT_THAT(in.Words("/detail/tags"), ElementsAre("a", "b"));
  EXPECT_TRUE(in.status().ok());
  EXPECT_EQ(in.Text("/detail/obj"), "");
  EXPECT_EQ(in.status().message(), "body.detail.obj: must be a string or a number");
  // The first error is kept.
  in.RequiredId("/detail/nothing");
  EXPECT_EQ(in.status().message(), "body.detail.obj: must be a string or a number");
}

TEST(PayloadReaderTest, NamesArrayElementsInPaths) {
  const nlohmann::json payload = nlohmann::json::parse(R"({"messages": [{"id": 1}, {"id": []}]})");
  PayloadReader in(payload);
  for (const PayloadReader& message : in.Items("/messages")) message.Text("/id");
  EXPECT_EQ(in.status().message(), "body.messages[1].id: must be a string or a number");
}

TEST(PayloadReaderTest, RequiresIds) {
  const nlohmann::json payload = nlohmann::json::parse(R"({"ticket": {"id": ""}})");
  PayloadReader in(payload);
  in.RequiredId("/ticket/id");
  EXPECT_EQ(in.status().message(), "body.ticket.id: is required");
}

TEST(PayloadReaderTest, SplitsTagStringsOnSpacesAndCommas) {
  const nlohmann::json payload = nlohmann::json::parse(R"({"tags": "billing vip, refund"})");
  EXPECT_THAT(PayloadReader(payload).Words("/tags"), ElementsAre("billing", "vip", "refund"));
}

TEST(PayloadReaderTest, ReadsTimesInEveryVendorFormat) {
  const nlohmann::json payload = nlohmann::json::parse(R"({
    "zendesk": "2025-01-08T16:45:20.987654321Z", "jira": "2017-01-30T18:30:41.962+0100",
    "offset": "2025-01-08T17:45:20+01:00", "seconds": 1737363369, "front": 1518307966.678,
    "millis": 1485797534721, "empty": "", "bad": "last tuesday"})");
  PayloadReader in(payload);
  EXPECT_EQ(in.Time("/zendesk"), absl::FromUnixNanos(1736354720987654321));
  EXPECT_EQ(in.Time("/jira"), absl::FromUnixMillis(1485797441962));
  EXPECT_EQ(in.Time("/offset"), absl::FromUnixSeconds(1736354720));
  EXPECT_EQ(in.Time("/seconds"), absl::FromUnixSeconds(1737363369));
  EXPECT_EQ(in.Time("/front"), absl::FromUnixMillis(1518307966678));
  EXPECT_EQ(in.Time("/millis", EpochUnit::kMillis), absl::FromUnixMillis(1485797534721));
  EXPECT_EQ(in.Time("/empty"), std::nullopt);
  EXPECT_TRUE(in.status().ok());
  EXPECT_EQ(in.Time("/bad"), std::nullopt);
  EXPECT_THAT(in.status().message(), HasSubstr("body.bad: must be an RFC 3339 time"));
}

TEST(PayloadReaderTest, RejectsTimesOutOfRange) {
  const nlohmann::json payload = nlohmann::json::parse(R"({"huge": 1e300, "inf": "infinite-future"})");
  PayloadReader in(payload);
  EXPECT_EQ(in.Time("/huge"), std::nullopt);
  EXPECT_EQ(in.status().message(), "body.huge: is not a time in range");
  PayloadReader other(payload);
  EXPECT_EQ(other.Time("/inf"), std::nullopt);
  EXPECT_FALSE(other.status().ok());
}

TEST(PriorityFromLabelTest, MapsEveryVendorsLabels) {
  EXPECT_EQ(PriorityFromLabel("HIGH"), core::Priority::kHigh);
  EXPECT_EQ(PriorityFromLabel("Medium"), core::Priority::kNormal);
  EXPECT_EQ(PriorityFromLabel("2 normal"), core::Priority::kNormal);
  EXPECT_EQ(PriorityFromLabel("Highest"), core::Priority::kUrgent);
  EXPECT_EQ(PriorityFromLabel("Lowest"), core::Priority::kLow);
  EXPECT_EQ(PriorityFromLabel(""), core::Priority::kUnspecified);
}

TEST(FallbackDeliveryIdTest, IsStableAndDependsOnEveryPart) {
  EXPECT_EQ(FallbackDeliveryId({"freshdesk", "11", "resolved"}),
            FallbackDeliveryId({"freshdesk", "11", "resolved"}));
  EXPECT_NE(FallbackDeliveryId({"freshdesk", "11", "resolved"}),
            FallbackDeliveryId({"freshdesk", "11", "closed"}));
  EXPECT_NE(FallbackDeliveryId({"a", "bc"}), FallbackDeliveryId({"ab", "c"}));
}

}  // namespace
}  // namespace debrief::ingest
