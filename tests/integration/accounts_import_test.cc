// `debriefd accounts import FILE.csv`: the CSV reader's contract (quoting, aliases,
// errors that name the line and column) and the real binary importing into a data dir
// that the server then reads — all rows or none.
#include <string>

#include "absl/strings/str_cat.h"
#include "debrief/v1/insights_service.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpcpp/client_context.h"
#include "gtest/gtest.h"
#include "server/app/accounts_import.h"
#include "tests/testing/child_process.h"
#include "tests/testing/test_env.h"
#include "tests/testing/test_server.h"

namespace debrief::app {
namespace {

using ::testing::HasSubstr;

TEST(AccountsCsvTest, ReadsQuotedValuesAliasesAndAmounts) {
  const std::string csv =
      "\xEF\xBB\xBF" "Account_ID,Account_Name,plan,ARR,currency,renewal_date,segment\r\n"
      "acme,\"Acme, Inc.\",pro,120000.5,USD,2031-03-01,mid-market\r\n"
      "\r\n"
      "globex,\"Globex \"\"Intl\"\"\nEurope\",,99,,,\n";
  auto accounts = ParseAccountsCsv(csv, "crm.csv", config::LimitsOptions());
  ASSERT_TRUE(accounts.ok()) << accounts.status();
  ASSERT_EQ(accounts->size(), 2u);
  const core::Account& acme = (*accounts)[0];
  EXPECT_EQ(acme.id, "acme");
  EXPECT_EQ(acme.name, "Acme, Inc.");
  EXPECT_EQ(acme.arr_cents, 12'000'050);
  EXPECT_EQ(acme.renewal_date, "2031-03-01");
  EXPECT_EQ(acme.segment, "mid-market");
  const core::Account& globex = (*accounts)[1];
  EXPECT_EQ(globex.name, "Globex \"Intl\"\nEurope");
  EXPECT_EQ(globex.plan, "") << "an empty cell keeps the stored value";
  EXPECT_EQ(globex.arr_cents, 9'900);
}

TEST(AccountsCsvTest, ErrorsNameTheLineAndTheColumn) {
  struct Case {
    std::string csv;
    std::string message;
  };
  const Case cases[] = {
      {"", "crm.csv: is empty"},
      {"id,name,owner\n", "crm.csv:1: unknown column \"owner\""},
      {"name,plan\nAcme,pro\n", "crm.csv:1: an id (or account_id) column is required"},
      {"id,arr,arr_cents\n", "crm.csv:1: columns \"arr\" and \"arr_cents\" say the same thing"},
      {"id,arr\nacme,\"120,000\"\n", "crm.csv:2: arr: must be an amount"},
      {"id,arr\nacme,$5\n", "crm.csv:2: arr: must be an amount"},
      {"id,arr_cents\nacme,-5\n", "crm.csv:2: arr_cents: must be a whole number of cents"},
      {"id,renewal_date\nacme,2031-02-30\n", "crm.csv:2: renewal_date: must be a date YYYY-MM-DD"},
      {"id,currency\nacme,euro\n", "crm.csv:2: currency: must be an ISO 4217 code"},
      {"id,name\nacme,A\n,B\n", "crm.csv:3: id: is required"},
      {"id,name\nacme,A\nglobex,G\nacme,A2\n", "crm.csv:4: id: repeats the account of line 2"},
      {"id,name\nacme,A,extra\n", "crm.csv:2: has 3 values; the header has 2 columns"},
      {"id,name\nacme,\"never closed\n", "crm.csv:2: a quoted value is never closed"},
      {"id,name\nacme,\"A\"x\n", "crm.csv:2: unexpected text after a closing quote"},
      {"id,name\nacme,\xC3\x28\n", "crm.csv:2: name: is not valid UTF-8"},
  };
  for (const Case& test : cases) {
    auto accounts = ParseAccountsCsv(test.csv, "crm.csv", config::LimitsOptions());
    ASSERT_FALSE(accounts.ok()) << test.message;
    EXPECT_EQ(accounts.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(accounts.status().message()), HasSubstr(test.message));
  }
}

std::unique_ptr<grpc::ClientContext> Context() {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  return context;
}

TEST(AccountsImportCommandTest, ImportsAllRowsOrNoneAndTheServerSeesThem) {
  const std::string dir = testing::MakeTempDir("import");
  const std::string config = testing::WriteFile(dir, "debrief.yaml", testing::ShippedConfig());
  const std::string data_dir = dir + "/data";

  const std::string bad = testing::WriteFile(
      dir, "bad.csv", "id,name,renewal_date\ninitech,Initech,2031-01-01\nhooli,Hooli,someday\n");
  auto rejected = testing::ChildProcess::Start(
      testing::DebriefdPath(),
      {"accounts", "import", bad, "--config", config, "--data-dir", data_dir});
  ASSERT_NE(rejected, nullptr);
  EXPECT_EQ(rejected->WaitForExit(absl::Seconds(60)), 1);
  EXPECT_THAT(rejected->stderr_text(), HasSubstr("bad.csv:3: renewal_date: must be a date"));

  const std::string good = testing::WriteFile(
      dir, "crm.csv",
      "id,name,plan,arr,renewal_date\nacme,Acme,pro,120000,2031-03-01\nglobex,Globex,starter,9000,\n");
  auto imported = testing::ChildProcess::Start(
      testing::DebriefdPath(),
      {"accounts", "import", good, "--config", config, "--data-dir", data_dir});
  ASSERT_NE(imported, nullptr);
  EXPECT_EQ(imported->WaitForExit(absl::Seconds(60)), 0) << imported->stderr_text();
  EXPECT_THAT(imported->stdout_text(), HasSubstr("2 accounts created, 0 updated"));

  auto server = testing::TestServer::Restart(config, data_dir);
  ASSERT_NE(server, nullptr);
  auto insights = v1::Insights::NewStub(server->channel());
  v1::GetAccountHealthRequest request;
  request.set_account_id("acme");
  v1::GetAccountHealthResponse health;
  const grpc::Status status = insights->GetAccountHealth(Context().get(), request, &health);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(health.health().account().plan(), "pro");
  EXPECT_EQ(health.health().account().arr_cents(), 12'000'000);
  EXPECT_EQ(health.health().account().renewal_date(), "2031-03-01");
  request.set_account_id("initech");
  EXPECT_EQ(insights->GetAccountHealth(Context().get(), request, &health).error_code(),
            grpc::StatusCode::NOT_FOUND)
      << "the rejected file wrote nothing, not even its good row";
}

}  // namespace
}  // namespace debrief::app
