#include "server/common/logging.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

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

namespace debrief::common {
namespace {

// Captures what is written to stderr (file descriptor 2) while alive. Each capture
// gets its own file: ctest runs every test case as a separate process in parallel,
// and a shared file let one case truncate another's capture.
class StderrCapture {
 public:
  StderrCapture() : path_(::testing::TempDir() + "/stderr-capture-XXXXXX") {
    fflush(stderr);
    saved_ = dup(2);
    const int file = mkstemp(path_.data());
    dup2(file, 2);
    close(file);
  }
  std::string Finish() {
    fflush(stderr);
    dup2(saved_, 2);
    close(saved_);
    std::ifstream in(path_);
    std::stringstream text;
    text << in.rdbuf();
    unlink(path_.c_str());
    return text.str();
  }

 private:
  std::string path_;
  int saved_;
};

TEST(LoggingTest, JsonLinesCarryTheDecisionIdAndEscapeTheMessage) {
  ASSERT_TRUE(ConfigureLogging({.format = "json", .level = "info"}).ok());
  StderrCapture capture;
  {
    LogContext context("dcl_TEST");
    ModuleLogger("unittest")->info("recorded \"quoted\"\nline");
    ModuleLogger("unittest")->flush();
  }
  ModuleLogger("unittest")->debug("below the level");
  ModuleLogger("unittest")->flush();
  const std::string text = capture.Finish();
  ASSERT_TRUE(ConfigureLogging({}).ok());
  const size_t newline = text.find('\n');
  ASSERT_NE(newline, std::string::npos) << text;
  const auto line = nlohmann::json::parse(text.substr(0, newline), nullptr, false);
  ASSERT_FALSE(line.is_discarded()) << text;
  EXPECT_EQ(line["decision_id"], "dcl_TEST");
  EXPECT_EQ(line["logger"], "debrief.unittest");
  EXPECT_EQ(line["level"], "info");
  EXPECT_EQ(line["msg"], "recorded \"quoted\"\nline");
  EXPECT_EQ(text.find("below the level"), std::string::npos);
}

TEST(LoggingTest, TextLinesCarryTheDecisionId) {
  ASSERT_TRUE(ConfigureLogging({.format = "text", .level = "info"}).ok());
  StderrCapture capture;
  {
    LogContext context("dsg_ABC");
    ModuleLogger("unittest")->warn("something happened");
    ModuleLogger("unittest")->flush();
  }
  const std::string text = capture.Finish();
  EXPECT_NE(text.find("[debrief.unittest] decision=dsg_ABC something happened"), std::string::npos)
      << text;
}

}  // namespace
}  // namespace debrief::common
