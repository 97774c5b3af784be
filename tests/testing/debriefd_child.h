// The real debriefd binary as a child process serving gRPC on a free loopback port, with a
// client stub: for tests that kill the server and start it again on the same data.
//
//   testing::DebriefdChild run = testing::StartDebriefd(config_path, data_dir);
//   if (run.stub == nullptr) return;  // the failure is already reported
//   run.stub->OnTicketClosed(&context, request, &response);
#ifndef DEBRIEF_TESTS_TESTING_DEBRIEFD_CHILD_H_
#define DEBRIEF_TESTS_TESTING_DEBRIEFD_CHILD_H_

#include <memory>
#include <string>
#include <vector>

#include "debrief/v1/debrief_service.grpc.pb.h"
#include "tests/testing/child_process.h"

namespace debrief::testing {

struct DebriefdChild {
  std::unique_ptr<ChildProcess> process;
  // Null (with a test failure reported) when the server did not start.
  std::unique_ptr<v1::Debrief::Stub> stub;
};

// Runs `debriefd serve --config <config> --data-dir <data_dir>` on free loopback ports with
// the extra environment `env` ("NAME=value"), and waits until it serves gRPC.
DebriefdChild StartDebriefd(const std::string& config, const std::string& data_dir,
                            const std::vector<std::string>& env = {});

}  // namespace debrief::testing

#endif  // DEBRIEF_TESTS_TESTING_DEBRIEFD_CHILD_H_
