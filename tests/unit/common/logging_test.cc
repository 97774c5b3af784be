#include "server/common/logging.h"

#include "gtest/gtest.h"

namespace debrief::common {
namespace {

TEST(LoggingTest, LogContextNestsAndRestores) {
  EXPECT_EQ(LogContext::CurrentDecisionId(), "");
  {
    LogContext outer("dcl_outer");
    EXPECT_EQ(LogContext::CurrentDecisionId(), "dcl_outer");
    {
      LogContext inner("dsg_inner");
      EXPECT_EQ(LogContext::CurrentDecisionId(), "dsg_inner");
    }
    EXPECT_EQ(LogContext::CurrentDecisionId(), "dcl_outer");
  }
  EXPECT_EQ(LogContext::CurrentDecisionId(), "");
}

TEST(LoggingTest, RejectsUnknownFormatAndLevel) {
  EXPECT_FALSE(ValidateLoggingOptions({.format = "xml", .level = "info"}).ok());
  EXPECT_FALSE(ValidateLoggingOptions({.format = "text", .level = "loud"}).ok());
  EXPECT_TRUE(ValidateLoggingOptions({.format = "json", .level = "debug"}).ok());
}

}  // namespace
}  // namespace debrief::common
