#include "server/analysis/error_signatures.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/unit/analysis/test_tickets.h"

namespace debrief::analysis {
namespace {

using ::testing::Contains;
using ::testing::Field;

std::vector<core::ErrorSignature> Errors(const core::Ticket& ticket) {
  return ErrorSignatureExtractor().Extract(ScanTicket(ticket));
}

std::vector<core::ErrorSignature> Errors(const std::string& text) {
  return Errors(testing::CustomerSays(text));
}

struct Case {
  const char* name;
  std::string text;
  std::string kind;
  std::string verbatim;
  std::string normalized;
};

class ErrorCases : public ::testing::TestWithParam<Case> {};

TEST_P(ErrorCases, ExtractsVerbatimAndNormalizes) {
  const core::Ticket ticket = testing::CustomerSays(GetParam().text);
  const auto errors = Errors(ticket);
  ASSERT_FALSE(errors.empty()) << GetParam().text;
  const auto it = std::find_if(errors.begin(), errors.end(),
                               [&](const auto& e) { return e.kind == GetParam().kind; });
  ASSERT_NE(it, errors.end()) << "no " << GetParam().kind << " in " << GetParam().text;
  EXPECT_EQ(it->verbatim, GetParam().verbatim);
  EXPECT_EQ(it->normalized, GetParam().normalized);
  EXPECT_EQ(testing::Pointed(ticket, it->evidence), GetParam().verbatim);
  EXPECT_EQ(it->fingerprint, ErrorFingerprint(it->kind, it->normalized));
}

INSTANTIATE_TEST_SUITE_P(
    Table, ErrorCases,
    ::testing::Values(
        Case{"exception_with_message", "I get java.lang.IllegalStateException: Queue 4412 is full when saving",
             "exception", "java.lang.IllegalStateException: Queue 4412 is full when saving",
             "java.lang.IllegalStateException: Queue <n> is full when saving"},
        Case{"python_error", "Traceback says KeyError: 'user_id'", "exception", "KeyError: 'user_id'",
             "KeyError: <str>"},
        Case{"http_status_with_reason", "The API answered 503 Service Unavailable twice.", "http_status",
             "503 Service Unavailable", "HTTP 503"},
        Case{"http_status_by_prefix", "Upload fails with HTTP 413 every time", "http_status", "HTTP 413",
             "HTTP 413"},
        Case{"error_code", "The app shows error code E-4021 on login", "error_code", "E-4021", "E-4021"},
        Case{"errno_name", "Webhook delivery failed: ECONNREFUSED", "error_code", "ECONNREFUSED",
             "ECONNREFUSED"},
        Case{"error_message_line",
             "Console: Error: Request to /api/v2/users/8812 failed at 2024-05-01T10:22:03Z", "error_message",
             "Request to /api/v2/users/8812 failed at 2024-05-01T10:22:03Z", "Request to <path> failed at <ts>"},
        Case{"quoted_message", "It says \"Unable to sync record 0x7f3a9c for [EMAIL]\" and stops",
             "error_message", "Unable to sync record 0x7f3a9c for [EMAIL]", "Unable to sync record <hex> for <email>"}),
    [](const ::testing::TestParamInfo<Case>& param_info) { return std::string(param_info.param.name); });

TEST(ErrorSignaturesTest, FindsTheExceptionAndTopFrameInsideAStackTrace) {
  const core::Ticket ticket = testing::CustomerSays(
      "Here is the log:\n"
      "Exception in thread \"main\" java.lang.NullPointerException: Cannot invoke \"Order.total()\"\n"
      "    at com.acme.billing.InvoiceService.render(InvoiceService.java:214)\n"
      "    at com.acme.billing.InvoiceController.get(InvoiceController.java:88)\n"
      "Caused by: java.io.IOException: Broken pipe\n"
      "Please help");
  const auto errors = Errors(ticket);
  EXPECT_THAT(errors, Contains(Field(&core::ErrorSignature::normalized,
                                     "java.lang.NullPointerException: Cannot invoke <str>")));
  EXPECT_THAT(errors, Contains(Field(&core::ErrorSignature::normalized, "java.io.IOException: Broken pipe")));
  EXPECT_THAT(errors, Contains(Field(&core::ErrorSignature::normalized,
                                     "at com.acme.billing.InvoiceService.render")));
  // Only the top frame of the trace.
  EXPECT_THAT(errors, ::testing::Not(Contains(Field(&core::ErrorSignature::normalized,
                                                    "at com.acme.billing.InvoiceController.get"))));
  for (const auto& error : errors) EXPECT_EQ(testing::Pointed(ticket, error.evidence), error.verbatim);
}

TEST(ErrorSignaturesTest, PythonTracebackKeepsTheInnermostFrame) {
  const auto errors = Errors(
      "Traceback (most recent call last):\n"
      "  File \"/srv/app/api.py\", line 12, in handle\n"
      "  File \"/srv/app/db.py\", line 98, in fetch\n"
      "ValueError: invalid literal for int() with base 10: 'abc'");
  EXPECT_THAT(errors, Contains(Field(&core::ErrorSignature::normalized, "db.py in fetch")));
  EXPECT_THAT(errors, ::testing::Not(Contains(Field(&core::ErrorSignature::normalized, "api.py in handle"))));
  EXPECT_THAT(errors, Contains(Field(&core::ErrorSignature::kind, "exception")));
}

TEST(ErrorSignaturesTest, SameErrorInTwoTicketsSharesAFingerprintAndDifferentErrorsDoNot) {
  const auto a = Errors("Error: Timeout after 30000 ms calling https://api.acme.io/v1/orders?id=991");
  const auto b = Errors("error: timeout after 5000 ms calling https://eu.acme.io/v1/orders?id=12");
  const auto c = Errors("Error: Permission denied for workspace 42");
  ASSERT_EQ(a.size(), 1u);
  ASSERT_EQ(b.size(), 1u);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(a[0].normalized, "Timeout after <n> ms calling <url>");
  EXPECT_NE(a[0].fingerprint, c[0].fingerprint);
  // Case differs ("Timeout" vs "timeout"), so the texts are distinct errors by design only
  // if the words differ; here they are the same error.
  EXPECT_EQ(NormalizeErrorText("Timeout after 30000 ms calling https://x.io/a"),
            NormalizeErrorText("Timeout after 5 ms calling https://y.io/b?c=1"));
  const auto d = Errors("The API returned 500 Internal Server Error");
  const auto e = Errors("got a 502 Bad Gateway from the API");
  ASSERT_FALSE(d.empty());
  ASSERT_FALSE(e.empty());
  EXPECT_NE(d[0].fingerprint, e[0].fingerprint);
  EXPECT_EQ(Errors("status 500")[0].fingerprint, d[0].fingerprint);
}

TEST(ErrorSignaturesTest, FindsEveryStatusOfALineWhereverItsKeywordAndReasonAre) {
  // The status pattern runs on a window around each number: the keyword before it (up to
  // "response code" plus any blanks and separators), the reason phrase after it.
  const auto errors = Errors(
      "Yesterday the upload endpoint kept failing and the response code  =  502 (bad gateway) came back, "
      "then after a retry we got 404 and at night it was 500 - internal server error; 5000 is a count.");
  std::vector<std::string> verbatims;
  for (const auto& error : errors) {
    if (error.kind == "http_status") verbatims.push_back(error.verbatim);
  }
  EXPECT_THAT(verbatims, ::testing::ElementsAre("response code  =  502 (bad gateway)", "got 404",
                                                "500 - internal server error"));
  const auto far = Errors(std::string(300, 'x') + " status:\t\t 503");
  ASSERT_EQ(far.size(), 1u);
  EXPECT_EQ(far[0].verbatim, "status:\t\t 503");
  // A keyword glued to a word before it is no keyword.
  EXPECT_TRUE(Errors("the preferror 500 users").empty());
}

// The normalized stack frames among `errors`, in order.
std::vector<std::string> FramesOf(const std::vector<core::ErrorSignature>& errors) {
  std::vector<std::string> frames;
  for (const core::ErrorSignature& error : errors) {
    if (error.kind == "stack_frame") frames.push_back(error.normalized);
  }
  return frames;
}

TEST(ErrorSignaturesTest, FindsTheFirstFrameOfJavaScriptDotNetAndRubyTraces) {
  EXPECT_THAT(FramesOf(Errors("TypeError: Cannot read properties of undefined (reading 'id')\n"
                              "    at Object.handler (/srv/app/index.js:10:5)\n"
                              "    at processTicksAndRejections (node:internal/process/task_queues:95:5)")),
              ::testing::ElementsAre("at Object.handler index.js"));
  EXPECT_THAT(FramesOf(Errors("NoMethodError: undefined method\napp/models/user.rb:42:in `save'\n"
                              "from app/x.rb:1:in `run'")),
              ::testing::ElementsAre("user.rb in save"));
  EXPECT_THAT(FramesOf(Errors("System.NullReferenceException: Object reference not set\n"
                              "   at Acme.Billing.Invoice.Render() in C:\\src\\Billing\\Invoice.cs:line 42\n"
                              "   at Acme.Billing.Api.Get(Int32 id) in C:\\src\\Billing\\Api.cs:line 7")),
              ::testing::ElementsAre("at Acme.Billing.Invoice.Render"));
  // "at" starting a sentence is not a frame.
  EXPECT_TRUE(Errors("at least it works (mostly) now").empty());
}

TEST(ErrorSignaturesTest, NumbersThatAreNotErrorsAreIgnored) {
  EXPECT_TRUE(Errors("We have 500 users and 404 tickets this month.").empty());
  EXPECT_TRUE(Errors("The error is gone now, thanks!").empty());
}

TEST(ErrorSignaturesTest, OneSignaturePerFingerprintPerTicket) {
  const auto errors = Errors(testing::Conversation(
      {{testing::kCustomer, "I get HTTP 429 on every call"},
       {testing::kAgent, "Internal note: rate limiter returns 429 Too Many Requests for this tenant"}}));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].evidence.message_index, 0);
}

}  // namespace
}  // namespace debrief::analysis
