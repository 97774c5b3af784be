#include "server/rpc/status_conversion.h"

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace debrief::rpc {
namespace {

TEST(StatusConversionTest, GrpcCodesMapOneToOne) {
  for (int code = 0; code <= 16; ++code) {
    const absl::Status status(static_cast<absl::StatusCode>(code), code == 0 ? "" : "why");
    const grpc::Status converted = ToGrpcStatus(status);
    EXPECT_EQ(static_cast<int>(converted.error_code()), code);
    if (code != 0) {
      EXPECT_EQ(converted.error_message(), "why");
    }
  }
}

TEST(StatusConversionTest, HttpErrorsAreJsonWithStatusName) {
  EXPECT_EQ(HttpStatusFor(absl::StatusCode::kInvalidArgument), 400);
  EXPECT_EQ(HttpStatusFor(absl::StatusCode::kNotFound), 404);
  EXPECT_EQ(HttpStatusFor(absl::StatusCode::kResourceExhausted), 429);
  EXPECT_EQ(HttpStatusFor(absl::StatusCode::kUnavailable), 503);
  const auto body = nlohmann::json::parse(
      ErrorJson(absl::InvalidArgumentError("ticket.ticket_id: is required \xff"), 400));
  EXPECT_EQ(body["error"]["code"], 400);
  EXPECT_EQ(body["error"]["status"], "INVALID_ARGUMENT");
  EXPECT_EQ(body["error"]["message"].get<std::string>().substr(0, 16), "ticket.ticket_id");
}

}  // namespace
}  // namespace debrief::rpc
