#include "tests/testing/test_env.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <system_error>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace debrief::testing {

std::string SourceDir() {
  if (const char* dir = std::getenv("DEBRIEF_SOURCE_DIR"); dir != nullptr && *dir != '\0') {
    return dir;
  }
  return DEBRIEF_SOURCE_DIR_DEFAULT;
}

namespace {

// Removes the directories MakeTempDir made once the binary's tests are done, if they all
// passed: a failed run keeps its files to look at, and so does DEBRIEF_KEEP_TEST_DIRS=1.
// Registered with gtest on first use, which owns it; TearDown runs after every suite.
class TempDirCleanup : public ::testing::Environment {
 public:
  static TempDirCleanup& Get() {
    static TempDirCleanup* cleanup = [] {
      auto* created = new TempDirCleanup();
      ::testing::AddGlobalTestEnvironment(created);
      return created;
    }();
    return *cleanup;
  }

  void Add(const std::string& dir) {
    std::lock_guard<std::mutex> lock(mutex_);
    dirs_.push_back(dir);
  }

  void TearDown() override {
    const char* keep = std::getenv("DEBRIEF_KEEP_TEST_DIRS");
    if ((keep != nullptr && std::string(keep) == "1") || !::testing::UnitTest::GetInstance()->Passed()) {
      return;
    }
    std::lock_guard<std::mutex> lock(mutex_);
    for (const std::string& dir : dirs_) {
      std::error_code ignored;
      std::filesystem::remove_all(dir, ignored);
    }
    dirs_.clear();
  }

 private:
  std::mutex mutex_;
  std::vector<std::string> dirs_;
};

}  // namespace

std::string MakeTempDir(const std::string& prefix) {
  static std::atomic<int> counter{0};
  const std::filesystem::path dir =
      std::filesystem::path(::testing::TempDir()) /
      absl::StrCat("debrief-", prefix, "-", getpid(), "-", counter.fetch_add(1));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  TempDirCleanup::Get().Add(dir.string());
  return dir.string();
}

std::string WriteFile(const std::string& dir, const std::string& name, const std::string& contents) {
  const std::string path = (std::filesystem::path(dir) / name).string();
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << contents;
  out.close();
  if (!out) {
    ADD_FAILURE() << "cannot write " << path;
  }
  return path;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "cannot read " << path;
    return "";
  }
  std::ostringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

}  // namespace debrief::testing
