// The body of every adapter fuzz target: the input is a webhook body; the adapter must
// either reject it with an error or produce a ticket that keeps the invariants every
// later stage relies on. A crash, sanitizer report or broken invariant is a finding.
//
//   extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
//     return debrief::fuzz::FuzzAdapter(debrief::ingest::ZendeskAdapter(), data, size);
//   }
#ifndef DEBRIEF_TESTS_FUZZ_ADAPTER_FUZZER_H_
#define DEBRIEF_TESTS_FUZZ_ADAPTER_FUZZER_H_

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <iostream>

#include "server/core/json_codec.h"
#include "server/core/ticket.h"
#include "server/ingest/adapter.h"

namespace debrief::fuzz {

inline void Require(bool condition, const char* what) {
  if (!condition) {
    std::cerr << "adapter invariant broken: " << what << std::endl;
    std::abort();
  }
}

inline int FuzzAdapter(const ingest::Adapter& adapter, const uint8_t* data, size_t size) {
  ingest::HookRequest request;
  request.body = absl::string_view(reinterpret_cast<const char*>(data), size);
  const absl::StatusOr<ingest::HookEvent> event = ingest::ParseHook(adapter, request);
  if (!event.ok()) {
    Require(event.status().code() == absl::StatusCode::kInvalidArgument,
            "a bad body is INVALID_ARGUMENT");
    Require(absl::string_view(event.status().message()).substr(0, 4) == "body",
            "errors name a place in the body");
    return 0;
  }
  const core::Ticket& ticket = event->ticket;
  // The generic adapter keeps a bridge's own source; every other adapter names itself.
  Require(ticket.source == adapter.source() ||
              (adapter.source() == core::Source::kGeneric &&
               ticket.source != core::Source::kUnspecified),
          "the ticket names its source");
  Require(!ticket.ticket_id.empty(), "every event has a ticket id");
  Require(!ticket.delivery_id.empty(), "every event has a delivery id (or the fallback)");
  Require(event->closes || !event->ignore_reason.empty(), "an ignored event says why");
  // Storage serializes the ticket; invalid UTF-8 would throw here.
  const std::string json = core::TicketToJson(ticket).dump();
  Require(core::TicketFromJson(json).ok(), "the ticket round-trips through JSON");
  Require(!core::CloseKey(ticket).empty(), "the close key is defined");
  return 0;
}

}  // namespace debrief::fuzz

#endif  // DEBRIEF_TESTS_FUZZ_ADAPTER_FUZZER_H_
