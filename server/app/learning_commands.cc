#include "server/app/learning_commands.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "debrief/v1/debrief_service.grpc.pb.h"
#include "google/protobuf/util/json_util.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "server/config/config_loader.h"
#include "server/learning/evaluation.h"

namespace debrief::app {
namespace {

absl::StatusOr<std::string> ReadWhole(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot read"));
  std::ostringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

absl::StatusOr<std::vector<learning::LabelledText>> ReadLabelled(const std::string& path,
                                                                 const learning::CsvColumns& columns) {
  absl::StatusOr<std::string> contents = ReadWhole(path);
  if (!contents.ok()) return contents.status();
  absl::StatusOr<std::vector<learning::LabelledText>> rows =
      learning::ReadLabelledCsv(*contents, columns);
  if (!rows.ok()) return absl::InvalidArgumentError(absl::StrCat(path, ": ", rows.status().message()));
  return rows;
}

}  // namespace

int RunEval(const EvalCommand& command, std::ostream& out, std::ostream& err) {
  if (command.train_path.empty() || command.test_path.empty()) {
    err << "usage: debriefd eval --train FILE --test FILE [--label-column C] [--text-column C]\n";
    return 2;
  }
  config::LearningOptions options;
  if (absl::StatusOr<config::DebriefConfig> config = config::LoadConfigFile(command.config_path);
      config.ok()) {
    options = config->learning;
  } else if (config.status().code() != absl::StatusCode::kNotFound) {
    err << command.config_path << ": " << config.status().message() << "\n";
    return 1;
  }
  absl::StatusOr<std::vector<learning::LabelledText>> train = ReadLabelled(command.train_path, command.columns);
  absl::StatusOr<std::vector<learning::LabelledText>> test = ReadLabelled(command.test_path, command.columns);
  for (const auto* loaded : {&train, &test}) {
    if (!loaded->ok()) {
      err << "debriefd eval: " << loaded->status().message() << "\n";
      return 1;
    }
  }
  err << "training on " << train->size() << " texts (" << options.epochs << " passes), scoring "
      << test->size() << "...\n";
  absl::StatusOr<learning::EvalReport> report = learning::Evaluate(*train, *test, options);
  if (!report.ok()) {
    err << "debriefd eval: " << report.status().message() << "\n";
    return 1;
  }
  out << learning::FormatEvalReport(*report, command.worst);
  return 0;
}

absl::StatusOr<std::vector<v1::Ticket>> ReadBackfillFile(const std::string& path,
                                                         const learning::CsvColumns& columns) {
  std::vector<v1::Ticket> tickets;
  if (absl::EndsWithIgnoreCase(path, ".csv")) {
    absl::StatusOr<std::vector<learning::LabelledText>> rows = ReadLabelled(path, columns);
    if (!rows.ok()) return rows.status();
    const std::string name = std::filesystem::path(path).filename().string();
    for (size_t i = 0; i < rows->size(); ++i) {
      v1::Ticket ticket;
      ticket.set_source(v1::SOURCE_GENERIC);
      ticket.set_ticket_id(absl::StrCat(name, "-", i + 2));
      v1::Message* message = ticket.add_messages();
      message->set_author_role(v1::AUTHOR_ROLE_CUSTOMER);
      message->set_body_text((*rows)[i].text);
      message->set_is_public(true);
      for (const std::string& label : (*rows)[i].labels) ticket.add_tags(label);
      tickets.push_back(std::move(ticket));
    }
    return tickets;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot read"));
  std::string line;
  int number = 0;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  while (std::getline(in, line)) {
    ++number;
    if (absl::StripAsciiWhitespace(line).empty()) continue;
    v1::Ticket ticket;
    const google::protobuf::util::Status status =
        google::protobuf::util::JsonStringToMessage(line, &ticket, options);
    if (!status.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ":", number, ": not a debrief.v1.Ticket in JSON: ",
                       status.message().as_string()));
    }
    tickets.push_back(std::move(ticket));
  }
  return tickets;
}

int RunBackfill(const BackfillCommand& command, std::ostream& out, std::ostream& err) {
  if (command.path.empty()) {
    err << "usage: debriefd backfill FILE [--server HOST:PORT] [--label-column C]\n";
    return 2;
  }
  absl::StatusOr<std::vector<v1::Ticket>> tickets = ReadBackfillFile(command.path, command.columns);
  if (!tickets.ok()) {
    err << "debriefd backfill: " << tickets.status().message() << "\n";
    return 1;
  }
  std::unique_ptr<Debriefd> local;
  std::string target = command.server;
  if (target.empty()) {
    Overrides overrides = command.overrides;
    overrides.grpc_listen = "127.0.0.1:0";
    overrides.http_listen = "127.0.0.1:0";
    absl::StatusOr<std::unique_ptr<Debriefd>> started = Debriefd::Start(overrides);
    if (!started.ok()) {
      err << "debriefd backfill: " << started.status().message() << "\n";
      return 1;
    }
    local = std::move(*started);
    target = absl::StrCat("127.0.0.1:", local->grpc_port());
  }
  auto stub = v1::Debrief::NewStub(grpc::CreateChannel(target, grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  v1::BackfillResponse response;
  std::unique_ptr<grpc::ClientWriter<v1::BackfillRequest>> writer = stub->Backfill(&context, &response);
  const absl::Time start = absl::Now();
  absl::Time last_progress = start;
  size_t sent = 0;
  auto progress = [&](bool final) {
    const double seconds = std::max(1e-3, absl::ToDoubleSeconds(absl::Now() - start));
    err << absl::StrFormat("\rbackfill: %d/%d tickets sent (%.0f/s)", sent, tickets->size(),
                           static_cast<double>(sent) / seconds)
        << (final ? "\n" : "") << std::flush;
  };
  v1::BackfillRequest request;
  for (v1::Ticket& ticket : *tickets) {
    *request.mutable_ticket() = std::move(ticket);
    if (!writer->Write(request)) break;  // the server ended the stream; Finish says why
    ++sent;
    if (absl::Now() - last_progress >= absl::Milliseconds(250)) {
      last_progress = absl::Now();
      progress(false);
    }
  }
  writer->WritesDone();
  const grpc::Status status = writer->Finish();
  progress(true);
  const double seconds = absl::ToDoubleSeconds(absl::Now() - start);
  out << absl::StrFormat(
      "received %d, recorded %d, duplicates %d, rejected %d, labels trained %d in %.1f s\n",
      response.received(), response.recorded(), response.duplicates(), response.rejected(),
      response.trained(), seconds);
  for (const v1::BackfillError& error : response.errors()) {
    out << "  ticket #" << error.index() << " (" << error.ticket_id() << "): " << error.error() << "\n";
  }
  if (local != nullptr) local->Shutdown();
  if (!status.ok()) {
    err << "debriefd backfill: " << status.error_message() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace debrief::app
