// What both C++ examples share: where Debrief listens, and tickets and answers as
// protobuf JSON (the same mapping the HTTP API uses).
//
//   std::string error;
//   std::optional<debrief::v1::Ticket> ticket = LoadTicket("ticket.json", error);
//   std::cout << ToJson(*ticket) << "\n";
#ifndef DEBRIEF_CLIENT_EXAMPLES_CPP_TICKET_JSON_H_
#define DEBRIEF_CLIENT_EXAMPLES_CPP_TICKET_JSON_H_

#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include "debrief/v1/ticket.pb.h"
#include "google/protobuf/util/json_util.h"

namespace debrief_examples {

// The gRPC address: $DEBRIEF_GRPC_TARGET, else debriefd's default listen address.
inline std::string GrpcTarget() {
  const char* target = std::getenv("DEBRIEF_GRPC_TARGET");
  return target != nullptr && *target != '\0' ? target : "127.0.0.1:50051";
}

// Reads a Ticket written in protobuf's JSON mapping. Unknown fields are errors, so a
// typo in a field name is reported instead of silently dropped. On failure returns
// nullopt and sets `error`.
inline std::optional<debrief::v1::Ticket> LoadTicket(const std::string& path, std::string& error) {
  std::ifstream file(path);
  if (!file) {
    error = path + ": cannot open";
    return std::nullopt;
  }
  std::stringstream text;
  text << file.rdbuf();
  debrief::v1::Ticket ticket;
  const auto status = google::protobuf::util::JsonStringToMessage(text.str(), &ticket);
  if (!status.ok()) {
    error = path + ": " + status.message().as_string();
    return std::nullopt;
  }
  return ticket;
}

// One message as compact JSON (camelCase field names, enums by name).
inline std::string ToJson(const google::protobuf::Message& message, bool pretty = false) {
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = pretty;
  // Printing fails only for messages holding an unresolvable Any, which ours never do.
  if (!google::protobuf::util::MessageToJsonString(message, &json, options).ok()) return "null";
  if (!json.empty() && json.back() == '\n') json.pop_back();
  return json;
}

}  // namespace debrief_examples

#endif  // DEBRIEF_CLIENT_EXAMPLES_CPP_TICKET_JSON_H_
