// The learned tagger's command-line tools:
//   debriefd eval --train FILE --test FILE [--label-column C] [--text-column C]
//       trains a fresh model on one labelled CSV and scores the other.
//   debriefd backfill FILE [--server HOST:PORT] [--label-column C] [--text-column C]
//       imports historical closed tickets (JSON lines of debrief.v1.Ticket, or CSV with
//       text and label columns) through the Backfill RPC: of a running debriefd with
//       --server, else of one started in-process on the configured data dir.
#ifndef DEBRIEF_SERVER_APP_LEARNING_COMMANDS_H_
#define DEBRIEF_SERVER_APP_LEARNING_COMMANDS_H_

#include <ostream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "debrief/v1/ticket.pb.h"
#include "server/app/debriefd.h"
#include "server/learning/labelled_data.h"

namespace debrief::app {

struct EvalCommand {
  std::string train_path;
  std::string test_path;
  learning::CsvColumns columns;
  // Labels listed by precision/recall, worst first.
  int worst = 10;
  // Learning options come from this config file; absent file = defaults.
  std::string config_path;
};

struct BackfillCommand {
  std::string path;
  learning::CsvColumns columns;
  // HOST:PORT of a running debriefd; empty starts one in-process with `overrides`.
  std::string server;
  Overrides overrides;
};

// Each returns the process exit code (0 ok, 1 failure, 2 usage) after printing the
// report to `out` and problems (and the progress line) to `err`.
int RunEval(const EvalCommand& command, std::ostream& out, std::ostream& err);
int RunBackfill(const BackfillCommand& command, std::ostream& out, std::ostream& err);

// The tickets of a backfill file: JSON lines (one debrief.v1.Ticket in protobuf's JSON
// mapping per line) unless it ends in .csv, whose rows become generic tickets with one
// customer message, the label column as tags and ids "<file name>-<row>".
// INVALID_ARGUMENT naming the line.
absl::StatusOr<std::vector<v1::Ticket>> ReadBackfillFile(const std::string& path,
                                                         const learning::CsvColumns& columns);

}  // namespace debrief::app

#endif  // DEBRIEF_SERVER_APP_LEARNING_COMMANDS_H_
