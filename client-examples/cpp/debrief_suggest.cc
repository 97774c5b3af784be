// debrief_suggest: inline tag suggestions with gRPC's callback API, the way a service
// behind an agent's sidebar calls Debrief. Every ticket's SuggestTags is in flight at
// once; with --accept-top, the completion callback of each suggestion starts a
// RecordFeedback that accepts its best tag. Callbacks run on gRPC's threads and never
// block: they only start the next call or record the result.
//
//   DEBRIEF_GRPC_TARGET=127.0.0.1:50051 debrief_suggest [--accept-top] TICKET.json...
//
// Prints one JSON object per ticket, in completion order:
//   {"ticketId":"48213","suggestion":{<SuggestTagsResponse>},"feedback":{<RecordFeedbackResponse>}}
// or {"ticketId":"48213","error":{"code":3,"message":"..."}}. Exit status 1 if any call failed.
#include <chrono>
#include <condition_variable>
#include <iostream>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "debrief/v1/debrief_service.grpc.pb.h"
#include "google/protobuf/struct.pb.h"
#include "grpcpp/grpcpp.h"
#include "ticket_json.h"

namespace {

using debrief::v1::Debrief;

// Collects one result line per ticket and lets main() wait for all of them. Thread-safe.
class Results {
 public:
  explicit Results(size_t expected) : expected_(expected) {}

  void Add(std::string line, bool ok) {
    std::lock_guard<std::mutex> lock(mu_);
    lines_.push_back(std::move(line));
    all_ok_ = all_ok_ && ok;
    if (lines_.size() == expected_) done_.notify_one();
  }

  // Blocks until every ticket has a result; returns whether all calls succeeded.
  bool Wait(std::ostream& out) {
    std::unique_lock<std::mutex> lock(mu_);
    done_.wait(lock, [this] { return lines_.size() == expected_; });
    for (const std::string& line : lines_) out << line << "\n";
    return all_ok_;
  }

 private:
  const size_t expected_;
  std::mutex mu_;
  std::condition_variable done_;
  std::vector<std::string> lines_;
  bool all_ok_ = true;
};

// One ticket's calls: SuggestTags, then optionally RecordFeedback. Owns the contexts and
// messages, which gRPC uses until the callback runs, so it must outlive both calls.
class SuggestionCall {
 public:
  SuggestionCall(Debrief::Stub& stub, debrief::v1::Ticket ticket, bool accept_top, Results& results)
      : stub_(stub), accept_top_(accept_top), results_(results) {
    *suggest_request_.mutable_ticket() = std::move(ticket);
  }

  void Start() {
    Prepare(suggest_context_);
    stub_.async()->SuggestTags(&suggest_context_, &suggest_request_, &suggestion_,
                               [this](grpc::Status status) { OnSuggested(status); });
  }

 private:
  static void Prepare(grpc::ClientContext& context) {
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    context.set_wait_for_ready(true);
  }

  void OnSuggested(const grpc::Status& status) {
    if (!status.ok() || !accept_top_ || suggestion_.tags().empty()) {
      Finish(status);
      return;
    }
    // Tags come best first. Starting the next call from a callback is fine; waiting is not.
    feedback_request_.set_decision_id(suggestion_.decision_id());
    feedback_request_.add_accepted(suggestion_.tags(0).value());
    feedback_request_.set_agent_id("example-agent");
    feedback_sent_ = true;
    Prepare(feedback_context_);
    stub_.async()->RecordFeedback(&feedback_context_, &feedback_request_, &feedback_,
                                  [this](grpc::Status feedback_status) { Finish(feedback_status); });
  }

  void Finish(const grpc::Status& status) {
    google::protobuf::Value ticket_id;  // a JSON string, quoted and escaped by protobuf
    ticket_id.set_string_value(suggest_request_.ticket().ticket_id());
    std::string line = "{\"ticketId\":" + debrief_examples::ToJson(ticket_id);
    if (status.ok()) {
      line += ",\"suggestion\":" + debrief_examples::ToJson(suggestion_);
      if (feedback_sent_) {
        line += ",\"feedback\":" + debrief_examples::ToJson(feedback_);
      }
    } else {
      google::protobuf::Value message;
      message.set_string_value(status.error_message());
      line += ",\"error\":{\"code\":" + std::to_string(status.error_code()) +
              ",\"message\":" + debrief_examples::ToJson(message) + "}";
    }
    results_.Add(line + "}", status.ok());
  }

  Debrief::Stub& stub_;
  const bool accept_top_;
  Results& results_;
  grpc::ClientContext suggest_context_;
  debrief::v1::SuggestTagsRequest suggest_request_;
  debrief::v1::SuggestTagsResponse suggestion_;
  grpc::ClientContext feedback_context_;
  debrief::v1::RecordFeedbackRequest feedback_request_;
  debrief::v1::RecordFeedbackResponse feedback_;
  bool feedback_sent_ = false;
};

}  // namespace

int main(int argc, char** argv) {
  bool accept_top = false;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--accept-top") {
      accept_top = true;
    } else {
      paths.push_back(arg);
    }
  }
  if (paths.empty()) {
    std::cerr << "usage: debrief_suggest [--accept-top] TICKET.json...   (gRPC address from "
                 "$DEBRIEF_GRPC_TARGET)\n";
    return 2;
  }

  std::vector<debrief::v1::Ticket> tickets;
  for (const std::string& path : paths) {
    std::string error;
    std::optional<debrief::v1::Ticket> ticket = debrief_examples::LoadTicket(path, error);
    if (!ticket.has_value()) {
      std::cerr << "debrief_suggest: " << error << "\n";
      return 2;
    }
    tickets.push_back(*std::move(ticket));
  }

  std::unique_ptr<Debrief::Stub> stub = Debrief::NewStub(
      grpc::CreateChannel(debrief_examples::GrpcTarget(), grpc::InsecureChannelCredentials()));
  Results results(tickets.size());
  std::vector<std::unique_ptr<SuggestionCall>> calls;
  for (debrief::v1::Ticket& ticket : tickets) {
    calls.push_back(std::make_unique<SuggestionCall>(*stub, std::move(ticket), accept_top, results));
  }
  for (auto& call : calls) call->Start();
  // `calls` outlives every callback: Wait returns only after the last one has reported.
  return results.Wait(std::cout) ? 0 : 1;
}
