// debrief_close: the smallest useful Debrief client, with the synchronous gRPC API.
// Reads a closed ticket from a JSON file, calls Debrief.OnTicketClosed and prints the
// debriefing as JSON, the way a helpdesk bridge would on every ticket close.
//
//   DEBRIEF_GRPC_TARGET=127.0.0.1:50051 debrief_close ticket.json
//
// Exit status: 0 with the debriefing on stdout; 1 when the call fails (the gRPC code
// and message on stderr); 2 on a usage or input error.
#include <chrono>
#include <iostream>
#include <string>

#include "debrief/v1/debrief_service.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "ticket_json.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: debrief_close TICKET.json   (gRPC address from $DEBRIEF_GRPC_TARGET)\n";
    return 2;
  }
  std::string error;
  std::optional<debrief::v1::Ticket> ticket = debrief_examples::LoadTicket(argv[1], error);
  if (!ticket.has_value()) {
    std::cerr << "debrief_close: " << error << "\n";
    return 2;
  }

  // One channel per process: it is thread-safe, reconnects by itself and multiplexes calls.
  std::shared_ptr<grpc::Channel> channel =
      grpc::CreateChannel(debrief_examples::GrpcTarget(), grpc::InsecureChannelCredentials());
  std::unique_ptr<debrief::v1::Debrief::Stub> debrief = debrief::v1::Debrief::NewStub(channel);

  debrief::v1::OnTicketClosedRequest request;
  *request.mutable_ticket() = *std::move(ticket);
  debrief::v1::OnTicketClosedResponse response;
  grpc::ClientContext context;
  // Always set a deadline. A close is recorded durably before Debrief answers, so a
  // retry after a timeout is safe: the same close is answered from the record.
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  // Waits for the server to come up instead of failing at once while it starts.
  context.set_wait_for_ready(true);

  const grpc::Status status = debrief->OnTicketClosed(&context, request, &response);
  if (!status.ok()) {
    // INVALID_ARGUMENT names the offending field, e.g. "ticket.messages[0].body_text: ...".
    std::cerr << "debrief_close: OnTicketClosed failed: code " << status.error_code() << ": "
              << status.error_message() << "\n";
    return 1;
  }
  std::cout << debrief_examples::ToJson(response.debriefing(), /*pretty=*/true) << "\n";
  return 0;
}
