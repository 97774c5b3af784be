#include "tests/testing/child_process.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <fcntl.h>

#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "tests/testing/test_env.h"

namespace debrief::testing {
namespace {

// Polls `ready` until it holds or `timeout` passes, backing off up to 50 ms per poll.
template <typename Ready>
bool PollUntil(Ready ready, absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  absl::Duration pause = absl::Milliseconds(1);
  while (absl::Now() < deadline) {
    if (ready()) return true;
    absl::SleepFor(pause);
    pause = std::min(pause * 2, absl::Milliseconds(50));
  }
  return ready();
}

}  // namespace

std::string DebriefdPath() { return DEBRIEFD_PATH; }

std::unique_ptr<ChildProcess> ChildProcess::Start(const std::string& path,
                                                  const std::vector<std::string>& args,
                                                  const std::vector<std::string>& env) {
  std::unique_ptr<ChildProcess> child(new ChildProcess());
  const std::string dir = MakeTempDir("child");
  child->stdout_path_ = dir + "/stdout";
  child->stderr_path_ = dir + "/stderr";
  // Created before the child runs, so readers never race its first write.
  for (const std::string* file : {&child->stdout_path_, &child->stderr_path_}) {
    const int fd = open(file->c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd >= 0) close(fd);
  }
  const pid_t pid = fork();
  if (pid < 0) {
    ADD_FAILURE() << "fork failed";
    return nullptr;
  }
  if (pid == 0) {
    const int out = open(child->stdout_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int err = open(child->stderr_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(out, STDOUT_FILENO);
    dup2(err, STDERR_FILENO);
    // Signals blocked by the test runner must not stay blocked in the child.
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    for (const std::string& assignment : env) putenv(const_cast<char*>(assignment.c_str()));
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(path.c_str()));
    for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    execv(path.c_str(), argv.data());
    _exit(127);
  }
  child->pid_ = pid;
  return child;
}

ChildProcess::~ChildProcess() {
  if (pid_ > 0 && !reaped_) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
}

std::string ChildProcess::stdout_text() const { return ReadFile(stdout_path_); }
std::string ChildProcess::stderr_text() const { return ReadFile(stderr_path_); }

std::optional<std::string> ChildProcess::WaitForOutput(const std::string& needle,
                                                       absl::Duration timeout) {
  std::optional<std::string> rest;
  PollUntil(
      [&] {
        const std::string text = stdout_text();
        const size_t at = text.find(needle);
        if (at == std::string::npos) return WaitForExit(absl::ZeroDuration()).has_value();
        const size_t end = text.find('\n', at);
        if (end == std::string::npos) return false;
        rest = text.substr(at + needle.size(), end - at - needle.size());
        return true;
      },
      timeout);
  return rest;
}

bool ChildProcess::WaitForError(const std::string& needle, absl::Duration timeout) {
  return PollUntil([&] { return stderr_text().find(needle) != std::string::npos; }, timeout);
}

void ChildProcess::Signal(int signal) {
  if (pid_ > 0 && !reaped_) kill(pid_, signal);
}

std::optional<int> ChildProcess::WaitForExit(absl::Duration timeout) {
  const bool exited = PollUntil(
      [&] {
        if (reaped_) return true;
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) != pid_) return false;
        reaped_ = true;
        exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        return true;
      },
      timeout);
  if (!exited) return std::nullopt;
  return exit_code_;
}

}  // namespace debrief::testing
