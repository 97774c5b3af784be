// The one converter between the wire ticket (debrief.v1.Ticket) and core::Ticket.
// Used at every edge that speaks the v1 contract: rpc/ and the generic webhook adapter.
#ifndef DEBRIEF_SERVER_CODEC_TICKET_CODEC_H_
#define DEBRIEF_SERVER_CODEC_TICKET_CODEC_H_

#include <optional>

#include "absl/time/time.h"
#include "debrief/v1/ticket.pb.h"
#include "google/protobuf/timestamp.pb.h"
#include "server/core/ticket.h"

namespace debrief::codec {

// Converts a validated wire ticket. Unset timestamps become nullopt; an unset
// satisfaction message becomes nullopt.
core::Ticket TicketFromProto(const v1::Ticket& proto);
v1::Ticket TicketToProto(const core::Ticket& ticket);

std::optional<absl::Time> TimeFromProto(const google::protobuf::Timestamp& timestamp, bool present);
void TimeToProto(absl::Time time, google::protobuf::Timestamp& out);

}  // namespace debrief::codec

#endif  // DEBRIEF_SERVER_CODEC_TICKET_CODEC_H_
