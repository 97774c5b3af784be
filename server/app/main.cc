// debriefd: the Debrief sidecar's one binary.
//
//   debriefd [serve] [--config FILE] [--grpc-listen HOST:PORT] [--http-listen HOST:PORT]
//            [--data-dir DIR]
//   debriefd check-config FILE
//   debriefd accounts import FILE.csv [--config FILE] [--data-dir DIR]
//   debriefd eval --train FILE --test FILE [--label-column C] [--text-column C]
//   debriefd backfill FILE [--server HOST:PORT] [--label-column C] [--text-column C]
//   debriefd digest --audience product|success|sales [--period 2026-W47] [--format md|html|json]
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
#include "server/app/accounts_import.h"
#include "server/app/debriefd.h"
#include "server/app/digest_command.h"
#include "server/app/learning_commands.h"
#include "server/common/logging.h"

namespace {

constexpr char kUsage[] = R"(usage:
  debriefd [serve] [--config FILE] [--grpc-listen HOST:PORT] [--http-listen HOST:PORT] [--data-dir DIR]
      Runs the sidecar. Port 0 picks a free port. Env: DEBRIEF_GRPC_LISTEN, DEBRIEF_HTTP_LISTEN,
      DEBRIEF_DATA_DIR. SIGHUP reloads the config; SIGTERM drains and stops.
  debriefd check-config FILE
      Validates FILE and prints the first problem with its key path; exit 1 on error.
  debriefd accounts import FILE.csv [--config FILE] [--data-dir DIR]
      Creates or updates accounts from CRM data (header row: id, name, plan, arr or
      arr_cents, currency, renewal_date, segment), all rows or none; exit 1 naming the
      first bad line. Safe while debriefd serves the same data dir.
  debriefd eval --train FILE --test FILE [--label-column C] [--text-column C] [--config FILE]
      Trains a fresh learned tagger on one labelled CSV (learning options from the config,
      defaults without one) and scores the other: accuracy, micro/macro F1, the worst
      labels' precision/recall, training time, examples/s, model memory.
  debriefd backfill FILE [--server HOST:PORT] [--label-column C] [--text-column C]
      Imports historical closed tickets (JSON lines of debrief.v1.Ticket, or a .csv with
      text and label columns): recorded and trained on through the Backfill RPC of the
      debriefd at --server, else of one started in-process on the configured data dir.
  debriefd digest --audience product|success|sales [--period 2026-W47] [--format md|html|json]
                  [--config FILE] [--data-dir DIR]
      Prints the weekly digest of an ISO week (default: the last complete week in
      digests.time_zone) as Markdown (default), a self-contained HTML page, or JSON.
)";

struct Command {
  std::string name = "serve";
  std::vector<std::string> positional;
  debrief::app::Overrides overrides;
  // eval and backfill.
  std::string train;
  std::string test;
  std::string server;
  debrief::learning::CsvColumns columns;
  // digest.
  debrief::app::DigestCommand digest;
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
    } else if (absl::StartsWith(arg, "--train")) {
      ok = value(command.train);
    } else if (absl::StartsWith(arg, "--test")) {
      ok = value(command.test);
    } else if (absl::StartsWith(arg, "--server")) {
      ok = value(command.server);
    } else if (absl::StartsWith(arg, "--audience")) {
      ok = value(command.digest.audience);
    } else if (absl::StartsWith(arg, "--period")) {
      ok = value(command.digest.period);
    } else if (absl::StartsWith(arg, "--format")) {
      ok = value(command.digest.format);
    } else if (absl::StartsWith(arg, "--label-column")) {
      ok = value(command.columns.label_column);
    } else if (absl::StartsWith(arg, "--text-column")) {
      ok = value(command.columns.text_column);
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

int Accounts(const Command& command) {
  if (command.positional.size() != 2 || command.positional[0] != "import") {
    std::cerr << "usage: debriefd accounts import FILE.csv [--config FILE] [--data-dir DIR]\n";
    return 2;
  }
  const std::string& path = command.positional[1];
  const absl::StatusOr<debrief::core::UpsertResult> result =
      debrief::app::ImportAccountsCsv(command.overrides, path);
  if (!result.ok()) {
    std::cerr << "debriefd: " << result.status().message() << "\n";
    return 1;
  }
  std::cout << path << ": " << result->created << " accounts created, " << result->updated
            << " updated\n";
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
  if (command.name == "accounts") return Accounts(command);
  if (command.name == "digest") {
    if (!command.positional.empty()) {
      std::cerr << "usage: debriefd digest --audience product|success|sales [--period 2026-W47] "
                   "[--format md|html|json]\n";
      return 2;
    }
    command.digest.overrides = command.overrides;
    const debrief::common::SystemClock clock;
    const absl::Status status = debrief::app::RunDigestCommand(command.digest, clock, std::cout);
    if (!status.ok()) {
      std::cerr << "debriefd: " << status.message() << "\n";
      return status.code() == absl::StatusCode::kInvalidArgument ? 2 : 1;
    }
    return 0;
  }
  if (command.name == "eval") {
    return debrief::app::RunEval({.train_path = command.train,
                                  .test_path = command.test,
                                  .columns = command.columns,
                                  .config_path = command.overrides.config_path},
                                 std::cout, std::cerr);
  }
  if (command.name == "backfill") {
    if (command.positional.size() != 1) {
      std::cerr << "usage: debriefd backfill FILE [--server HOST:PORT] [--label-column C]\n";
      return 2;
    }
    return debrief::app::RunBackfill({.path = command.positional[0],
                                      .columns = command.columns,
                                      .server = command.server,
                                      .overrides = command.overrides},
                                     std::cout, std::cerr);
  }
  std::cerr << "debriefd: unknown command \"" << command.name << "\"\n" << kUsage;
  return 2;
}
