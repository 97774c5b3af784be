// A child process for tests that need the real binary: started with arguments,
// stdout and stderr captured to files, waited on by content (never by sleeping),
// signalled and reaped.
//
//   auto child = ChildProcess::Start(DebriefdPath(), {"serve", "--config", path});
//   std::string line = child->WaitForOutput("HTTP  port ", absl::Seconds(30));
//   child->Signal(SIGTERM);
//   int code = child->WaitForExit(absl::Seconds(30));
#ifndef DEBRIEF_TESTS_TESTING_CHILD_PROCESS_H_
#define DEBRIEF_TESTS_TESTING_CHILD_PROCESS_H_

#include <sys/types.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace debrief::testing {

// Thread-compatible.
class ChildProcess {
 public:
  // Starts `path` with `args`; nullptr (and a test failure) if it cannot be started.
  static std::unique_ptr<ChildProcess> Start(const std::string& path,
                                             const std::vector<std::string>& args,
                                             const std::vector<std::string>& env = {});
  ~ChildProcess();  // SIGKILLs and reaps a child still running

  // Waits until stdout contains `needle`; returns the rest of that line after it, or
  // nullopt on timeout or exit.
  std::optional<std::string> WaitForOutput(const std::string& needle, absl::Duration timeout);
  // Waits until stderr contains `needle`.
  bool WaitForError(const std::string& needle, absl::Duration timeout);
  void Signal(int signal);
  // The exit code (or 128 + signal), or nullopt on timeout.
  std::optional<int> WaitForExit(absl::Duration timeout);

  std::string stdout_text() const;
  std::string stderr_text() const;
  pid_t pid() const { return pid_; }

 private:
  ChildProcess() = default;
  pid_t pid_ = -1;
  bool reaped_ = false;
  int exit_code_ = 0;
  std::string stdout_path_;
  std::string stderr_path_;
};

// The built debriefd binary (DEBRIEFD_PATH compile definition).
std::string DebriefdPath();

}  // namespace debrief::testing

#endif  // DEBRIEF_TESTS_TESTING_CHILD_PROCESS_H_
