// Small helpers every test may use: the source tree, private temp dirs, files.
#ifndef DEBRIEF_TESTS_TESTING_TEST_ENV_H_
#define DEBRIEF_TESTS_TESTING_TEST_ENV_H_

#include <string>

namespace debrief::testing {

// The repository root (DEBRIEF_SOURCE_DIR, set by CTest; else the compile-time path).
std::string SourceDir();

// A new empty directory under the test temp dir, unique per call. Removed when the test
// binary ends with every test passed (DEBRIEF_KEEP_TEST_DIRS=1 keeps it).
std::string MakeTempDir(const std::string& prefix);

// Writes `contents` to `dir`/`name`; returns the path.
std::string WriteFile(const std::string& dir, const std::string& name, const std::string& contents);

// The whole file; aborts the test binary if unreadable.
std::string ReadFile(const std::string& path);

}  // namespace debrief::testing

#endif  // DEBRIEF_TESTS_TESTING_TEST_ENV_H_
