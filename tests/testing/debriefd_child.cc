#include "tests/testing/debriefd_child.h"

#include <filesystem>
#include <optional>
#include <system_error>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "tests/testing/wait_until.h"

namespace debrief::testing {

DebriefdChild StartDebriefd(const std::string& config, const std::string& data_dir,
                            const std::vector<std::string>& env) {
  DebriefdChild run;
  run.process = ChildProcess::Start(DebriefdPath(),
                                    {"serve", "--config", config, "--grpc-listen", "127.0.0.1:0",
                                     "--http-listen", "127.0.0.1:0", "--data-dir", data_dir},
                                    env);
  if (run.process == nullptr) return run;
  // ChildProcess reads the stdout file the child creates between fork and exec; reading
  // it before then is reported as a failure, so wait until the child runs debriefd.
  const std::string exe = absl::StrCat("/proc/", run.process->pid(), "/exe");
  EXPECT_TRUE(WaitUntil(
      [&] {
        std::error_code error;
        return std::filesystem::read_symlink(exe, error).filename() == "debriefd" && !error;
      },
      absl::Seconds(30)));
  const std::optional<std::string> line =
      run.process->WaitForOutput("gRPC  port ", absl::Seconds(60));
  int port = 0;
  if (!line.has_value() || !absl::SimpleAtoi(line->substr(0, line->find(' ')), &port)) {
    ADD_FAILURE() << "debriefd did not start: " << run.process->stderr_text();
    return run;
  }
  run.stub = v1::Debrief::NewStub(
      grpc::CreateChannel(absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials()));
  return run;
}

}  // namespace debrief::testing
