#include "server/ingest/generic/generic_adapter.h"

#include "absl/strings/str_cat.h"
#include "debrief/v1/ticket.pb.h"
#include "google/protobuf/util/json_util.h"
#include "server/codec/ticket_codec.h"
#include "server/ingest/payload.h"

namespace debrief::ingest {

std::optional<SignatureScheme> GenericAdapter::signature_scheme(absl::string_view) const {
  return SignatureScheme{.signature_header = "webhook-signature",
                         .prefix = "v1,",
                         .algorithm = MacAlgorithm::kSha256,
                         .encoding = MacEncoding::kBase64,
                         .signed_headers = {"webhook-id", "webhook-timestamp"},
                         .separator = ".",
                         .timestamp_header = "webhook-timestamp",
                         .timestamp_format = TimestampFormat::kUnixSeconds,
                         .signature_list = true,
                         .base64_secrets = true};
}

std::string GenericAdapter::DeliveryIdForLog(const HookRequest& request) const {
  return std::string(request.Header("webhook-id"));
}

absl::StatusOr<HookEvent> GenericAdapter::Parse(const nlohmann::json& payload,
                                                const HookRequest& request) const {
  const PayloadReader in(payload);
  HookEvent event;
  event.event_type = in.Has("/event") ? in.Text("/event") : "ticket.closed";
  const nlohmann::json* ticket_json = in.Find("/ticket");
  if (ticket_json == nullptr || !ticket_json->is_object()) {
    return absl::InvalidArgumentError("body.ticket: is required (a debrief.v1.Ticket object)");
  }
  for (const std::string& key : in.Keys("")) {
    if (key != "event" && key != "ticket") {
      return absl::InvalidArgumentError(absl::StrCat("body.", key, ": unknown field"));
    }
  }
  if (!in.status().ok()) return in.status();
  v1::Ticket proto;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  const google::protobuf::util::Status parsed =
      google::protobuf::util::JsonStringToMessage(ticket_json->dump(), &proto, options);
  if (!parsed.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("body.ticket: ", parsed.message().as_string()));
  }
  event.ticket = codec::TicketFromProto(proto);
  core::Ticket& ticket = event.ticket;
  if (ticket.source == core::Source::kUnspecified) ticket.source = core::Source::kGeneric;
  if (ticket.ticket_id.empty()) return absl::InvalidArgumentError("body.ticket.ticketId: is required");
  const absl::string_view webhook_id = request.Header("webhook-id");
  if (!webhook_id.empty()) ticket.delivery_id = std::string(webhook_id);
  if (ticket.delivery_id.empty()) {
    ticket.delivery_id = FallbackDeliveryId({"generic", ticket.source_tenant, ticket.ticket_id,
                                             event.event_type, ticket_json->dump()});
  }
  if (event.event_type == "ticket.closed") {
    event.closes = true;
  } else {
    event.ignore_reason = absl::StrCat("event ", event.event_type, " is not ticket.closed");
  }
  return event;
}

bool GenericAdapter::IsCloseStatus(absl::string_view) const { return true; }

}  // namespace debrief::ingest
