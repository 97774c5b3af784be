#include "server/config/config_loader.h"

#include <cstdlib>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/config/secret.h"
#include "tests/testing/test_env.h"

namespace debrief::config {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

TEST(ConfigLoaderTest, ShippedConfigLoads) {
  auto config = LoadConfigFile(testing::SourceDir() + "/config/debrief.yaml");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_FALSE(config->taxonomy.tags.empty());
  EXPECT_FALSE(config->escalation.rules.empty());
  EXPECT_EQ(config->version.size(), 64u);
}

TEST(ConfigLoaderTest, EmptyFileGivesDefaults) {
  auto config = LoadConfigText("");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->server.grpc_listen, "127.0.0.1:50051");
  EXPECT_EQ(config->server.drain_timeout, absl::Seconds(20));
  EXPECT_EQ(config->learning.threshold, 0.5);
}

TEST(ConfigLoaderTest, ReadsDurationsWithUnits) {
  auto config = LoadConfigText("server:\n  drain_timeout: 1m30s\n  http_timeout: 250ms\n");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->server.drain_timeout, absl::Seconds(90));
  EXPECT_EQ(config->server.http_timeout, absl::Milliseconds(250));
}

struct BadConfig {
  std::string yaml;
  std::string key_path;  // the error must start with it
  std::string detail;    // and contain this
};

TEST(ConfigLoaderTest, RejectsBadFilesNamingTheKey) {
  const BadConfig cases[] = {
      {"server:\n  grpc_lisen: x\n", "server.grpc_lisen", "unknown key"},
      {"nonsense: 1\n", "nonsense", "unknown key"},
      {"server:\n  grpc_listen: nowhere\n", "server.grpc_listen", "HOST:PORT"},
      {"server:\n  max_inflight: many\n", "server.max_inflight", "integer"},
      {"server:\n  max_inflight: 0\n", "server.max_inflight", "at least 1"},
      {"server:\n  drain_timeout: soon\n", "server.drain_timeout", "duration"},
      {"server:\n  limits:\n    max_messages: -1\n", "server.limits.max_messages", "at least"},
      {"server:\n  reflection: maybe\n", "server.reflection", "loopback"},
      {"logging:\n  level: loud\n", "logging.level", "one of"},
      {"learning:\n  threshold: 1.5\n", "learning.threshold", "between 0 and 1"},
      {"storage:\n  sqlite_file: a/b.db\n", "storage.sqlite_file", "plain file name"},
      {"taxonomy:\n  tags:\n    - id: Billing\n", "taxonomy.tags[0].id", "a-z"},
      {"taxonomy:\n  tags:\n    - id: a\n      patterns: ['(unclosed']\n",
       "taxonomy.tags[0].patterns[0]", "invalid RE2"},
      {"taxonomy:\n  tags:\n    - id: a\n    - id: a\n", "taxonomy.tags[1].id", "duplicate"},
      {"taxonomy:\n  tags:\n    - id: a\n      helpdesk_tags: [x]\n    - id: b\n      "
       "helpdesk_tags: [X]\n",
       "taxonomy.tags[1].helpdesk_tags[0]", "already maps"},
      {"taxonomy:\n  tags:\n    - id: a\n      colour: red\n", "taxonomy.tags[0].colour", "unknown"},
      {"escalation:\n  rules:\n    - name: r\n      level: urgent\n      team: success\n",
       "escalation.rules[0]", "at least one condition"},
      {"escalation:\n  rules:\n    - name: r\n      when: [{field: tags, op: contains, value: "
       "x}]\n      level: urgent\n      team: success\n    - name: r\n      when: [{field: tags, "
       "op: contains, value: x}]\n      level: urgent\n      team: success\n",
       "escalation.rules[1].name", "duplicate"},
      {"server: [1, 2]\n", "server", "mapping"},
  };
  for (const BadConfig& c : cases) {
    auto config = LoadConfigText(c.yaml);
    ASSERT_FALSE(config.ok()) << c.yaml;
    EXPECT_EQ(config.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(config.status().message()), StartsWith(c.key_path + ":")) << c.yaml;
    EXPECT_THAT(std::string(config.status().message()), HasSubstr(c.detail)) << c.yaml;
  }
}

TEST(ConfigLoaderTest, ReportsYamlSyntaxErrorsWithLine) {
  auto config = LoadConfigText("server:\n  grpc_listen: [unclosed\n");
  ASSERT_FALSE(config.ok());
  EXPECT_THAT(std::string(config.status().message()), HasSubstr("line"));
}

TEST(ConfigLoaderTest, MissingFileIsNotFound) {
  auto config = LoadConfigFile("/nonexistent/debrief.yaml");
  EXPECT_EQ(config.status().code(), absl::StatusCode::kNotFound);
}

TEST(SecretTest, ResolvesFromEnvAndFileNeverFromText) {
  setenv("DEBRIEF_TEST_SECRET", "s3cret", 1);
  EXPECT_EQ(*ResolveSecret({.env = "DEBRIEF_TEST_SECRET"}), "s3cret");
  const std::string dir = testing::MakeTempDir("secret");
  const std::string path = testing::WriteFile(dir, "key", "file-secret\n");
  EXPECT_EQ(*ResolveSecret({.file = path}), "file-secret");
  auto missing = ResolveSecret({.env = "DEBRIEF_TEST_UNSET_SECRET"});
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(missing.status().message()), HasSubstr("DEBRIEF_TEST_UNSET_SECRET"));
}

}  // namespace
}  // namespace debrief::config
