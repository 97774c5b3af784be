#include "server/storage/sqlite_destination_issue_store.h"

#include "gtest/gtest.h"
#include "server/storage/sqlite_database.h"
#include "tests/testing/test_env.h"

namespace debrief::storage {
namespace {

std::unique_ptr<SqliteDatabase> OpenDatabase(const std::string& dir) {
  config::StorageOptions options;
  options.data_dir = dir;
  auto database = SqliteDatabase::Open(options);
  EXPECT_TRUE(database.ok()) << database.status();
  return *std::move(database);
}

TEST(SqliteDestinationIssueStoreTest, RemembersIssuesPerDestinationAndKeyAcrossReopen) {
  const std::string dir = testing::MakeTempDir("issues");
  {
    auto database = OpenDatabase(dir);
    SqliteDestinationIssueStore issues(*database);
    EXPECT_EQ(*issues.Find("jira", "error:3f9a"), std::nullopt);
    ASSERT_TRUE(issues.Remember("jira", "error:3f9a", "OPS-1").ok());
    ASSERT_TRUE(issues.Remember("jira_eu", "error:3f9a", "EU-7").ok());
  }
  auto database = OpenDatabase(dir);
  SqliteDestinationIssueStore issues(*database);
  EXPECT_EQ(*issues.Find("jira", "error:3f9a"), "OPS-1");
  EXPECT_EQ(*issues.Find("jira_eu", "error:3f9a"), "EU-7");
  EXPECT_EQ(*issues.Find("jira", "error:other"), std::nullopt);
}

TEST(SqliteDestinationIssueStoreTest, RememberReplacesTheIssueOfAKey) {
  auto database = OpenDatabase(testing::MakeTempDir("issues"));
  SqliteDestinationIssueStore issues(*database);
  ASSERT_TRUE(issues.Remember("jira", "feature:export:background-export", "OPS-1").ok());
  ASSERT_TRUE(issues.Remember("jira", "feature:export:background-export", "OPS-9").ok());
  EXPECT_EQ(*issues.Find("jira", "feature:export:background-export"), "OPS-9");
}

}  // namespace
}  // namespace debrief::storage
