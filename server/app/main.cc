// debriefd: the Debrief sidecar's one binary.
//
//   debriefd [serve] [--config FILE] [--grpc-listen HOST:PORT] [--http-listen HOST:PORT]
//            [--data-dir DIR]
//   debriefd check-config FILE
//
// This file parses the command line and turns signals into calls on app::Debriefd
// (SIGHUP: reload the configuration; SIGTERM/SIGINT: drain and stop).
#include <csignal>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "server/app/debriefd.h"
#include "server/common/logging.h"

namespace {

constexpr char kUsage[] = R"(usage:
  debriefd [serve] [--config FILE] [--grpc-listen HOST:PORT] [--http-listen HOST:PORT] [--data-dir DIR]
      Runs the sidecar. Port 0 picks a free port. Env: DEBRIEF_GRPC_LISTEN, DEBRIEF_HTTP_LISTEN,
      DEBRIEF_DATA_DIR. SIGHUP reloads the config; SIGTERM drains and stops.
  debriefd check-config FILE
      Validates FILE and prints the first problem with its key path; exit 1 on error.
)";

struct Command {
  std::string name = "serve";
  std::vector<std::string> positional;
  debrief::app::Overrides overrides;
};

// Parses argv; returns false (after printing why) on a usage error.
bool Parse(int argc, char** argv, Command& command) {
  std::vector<std::string> args(argv + 1, argv + argc);
  size_t i = 0;
  if (!args.empty() && !absl::StartsWith(args[0], "-")) command.name = args[i++];
  for (; i < args.size(); ++i) {
    const std::string& arg = args[i];
    auto value = [&](std::string& out) {
      const size_t eq = arg.find('=');
      if (eq != std::string::npos) {
        out = arg.substr(eq + 1);
        return true;
      }
      if (i + 1 >= args.size()) return false;
      out = args[++i];
      return true;
    };
    bool ok = true;
    if (arg == "-h" || arg == "--help") {
      std::cout << kUsage;
      std::exit(0);
    } else if (absl::StartsWith(arg, "--config")) {
      ok = value(command.overrides.config_path);
    } else if (absl::StartsWith(arg, "--grpc-listen")) {
      ok = value(command.overrides.grpc_listen);
    } else if (absl::StartsWith(arg, "--http-listen")) {
      ok = value(command.overrides.http_listen);
    } else if (absl::StartsWith(arg, "--data-dir")) {
      ok = value(command.overrides.data_dir);
    } else if (absl::StartsWith(arg, "-")) {
      std::cerr << "debriefd: unknown flag " << arg << "\n" << kUsage;
      return false;
    } else {
      command.positional.push_back(arg);
    }
    if (!ok) {
      std::cerr << "debriefd: " << arg << " needs a value\n";
      return false;
    }
  }
  return true;
}

int CheckConfig(const Command& command) {
  if (command.positional.size() != 1) {
    std::cerr << "usage: debriefd check-config FILE\n";
    return 2;
  }
  debrief::app::Overrides overrides = command.overrides;
  overrides.config_path = command.positional[0];
  const absl::Status status = debrief::app::CheckConfig(overrides);
  if (!status.ok()) {
    std::cerr << overrides.config_path << ": " << status.message() << "\n";
    return 1;
  }
  std::cout << overrides.config_path << ": OK\n";
  return 0;
}

int Serve(const Command& command) {
  // Signals are taken synchronously by this thread only: block them before any other
  // thread exists so every thread inherits the mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auto server = debrief::app::Debriefd::Start(command.overrides);
  if (!server.ok()) {
    std::cerr << "debriefd: " << server.status().message() << "\n";
    return 1;
  }
  const int http = (*server)->http_port();
  std::cout << "debriefd is ready\n"
            << "  gRPC  port " << (*server)->grpc_port() << "  (debrief.v1.Debrief, Insights, Admin; health; reflection on loopback)\n"
            << "  HTTP  port " << http << "  (/v1/tickets:debrief, /v1/tickets:suggest, /healthz, /readyz, /metrics)\n"
            << "  try:  curl -s -X POST http://127.0.0.1:" << http
            << "/v1/tickets:suggest -H 'Content-Type: application/json' -d "
               "'{\"ticket\":{\"ticketId\":\"1\",\"subject\":\"I was charged twice this month\"}}'\n"
            << std::flush;
  while (true) {
    int signal = 0;
    sigwait(&signals, &signal);
    if (signal == SIGHUP) {
      // Reload logs its own outcome, naming the bad key on rejection.
      (*server)->Reload().IgnoreError();
      continue;
    }
    (*server)->Shutdown();
    return 0;
  }
}

}  // namespace

int main(int argc, char** argv) {
  Command command;
  if (!Parse(argc, argv, command)) return 2;
  if (command.name == "serve") return Serve(command);
  if (command.name == "check-config") return CheckConfig(command);
  std::cerr << "debriefd: unknown command \"" << command.name << "\"\n" << kUsage;
  return 2;
}
