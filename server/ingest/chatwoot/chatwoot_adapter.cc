#include "server/ingest/chatwoot/chatwoot_adapter.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "server/ingest/payload.h"

namespace debrief::ingest {
namespace {

// message_type: 0 incoming (contact), 1 outgoing (agent), 2 activity, 3 template (bot).
core::AuthorRole RoleOf(const std::string& message_type) {
  if (message_type == "0" || message_type == "incoming") return core::AuthorRole::kCustomer;
  if (message_type == "1" || message_type == "outgoing") return core::AuthorRole::kAgent;
  if (message_type == "2" || message_type == "activity") return core::AuthorRole::kSystem;
  if (message_type == "3" || message_type == "template") return core::AuthorRole::kBot;
  return core::AuthorRole::kUnspecified;
}

// "Channel::WebWidget" -> "webwidget".
std::string ChannelName(absl::string_view channel) {
  absl::ConsumePrefix(&channel, "Channel::");
  return absl::AsciiStrToLower(channel);
}

}  // namespace

std::optional<SignatureScheme> ChatwootAdapter::signature_scheme(absl::string_view) const {
  return SignatureScheme{.signature_header = "X-Chatwoot-Signature",
                         .prefix = "sha256=",
                         .algorithm = MacAlgorithm::kSha256,
                         .encoding = MacEncoding::kHex,
                         .signed_headers = {"X-Chatwoot-Timestamp"},
                         .separator = ".",
                         .timestamp_header = "X-Chatwoot-Timestamp",
                         .timestamp_format = TimestampFormat::kUnixSeconds};
}

std::string ChatwootAdapter::DeliveryIdForLog(const HookRequest& request) const {
  return std::string(request.Header("X-Chatwoot-Delivery"));
}

absl::StatusOr<HookEvent> ChatwootAdapter::Parse(const nlohmann::json& payload,
                                                 const HookRequest& request) const {
  const PayloadReader in(payload);
  HookEvent event;
  core::Ticket& ticket = event.ticket;
  ticket.source = core::Source::kChatwoot;
  event.event_type = in.Text("/event");
  if (event.event_type.empty()) in.Fail("/event", "is required");
  ticket.ticket_id = in.RequiredId("/id");
  ticket.ticket_number = ticket.ticket_id;
  ticket.subject = in.Text("/additional_attributes/mail_subject");
  ticket.status = absl::AsciiStrToLower(in.Text("/status"));
  ticket.priority = PriorityFromLabel(in.Text("/priority"));
  ticket.channel = ChannelName(in.Text("/channel"));
  ticket.tags = in.Words("/labels");
  const PayloadReader sender = in.At("/meta/sender");
  ticket.requester = core::Party{sender.Text("/id"), sender.Text("/email"), sender.Text("/name"),
                                 sender.Text("/identifier")};
  const PayloadReader assignee = in.At("/meta/assignee");
  ticket.assignee = core::Party{assignee.Text("/id"), assignee.Text("/email"),
                                assignee.Text("/name"), ""};
  ticket.group = in.Text("/meta/team/name");
  for (const std::string& key : in.Keys("/custom_attributes")) {
    const std::string pointer = absl::StrCat("/custom_attributes/", key);
    const nlohmann::json* value = in.Find(pointer);
    if (value != nullptr && value->is_primitive() && !value->is_null()) {
      ticket.custom_fields[key] = in.Text(pointer);
    }
  }
  ticket.created_at = in.Time("/created_at");
  ticket.closed_at = in.Has("/timestamp") ? in.Time("/timestamp") : in.Time("/updated_at");
  for (const PayloadReader& message : in.Items("/messages")) {
    if (ticket.source_tenant.empty()) ticket.source_tenant = message.Text("/account_id");
    const std::string content = message.Text("/content");
    if (content.empty()) continue;
    ticket.messages.push_back(MessageWithBody(RoleOf(message.Text("/message_type")),
                                              message.Text("/sender_id"), content,
                                              !message.Bool("/private", false),
                                              message.Time("/created_at")));
  }
  // Conversation webhooks carry the last message only.
  ticket.partial = true;
  if (!in.status().ok()) return in.status();

  ticket.delivery_id = std::string(request.Header("X-Chatwoot-Delivery"));
  if (ticket.delivery_id.empty()) {
    ticket.delivery_id = FallbackDeliveryId(
        {"chatwoot", ticket.source_tenant, ticket.ticket_id, ticket.status,
         in.Text("/timestamp")});
  }
  const bool status_event = event.event_type == "conversation_status_changed" ||
                            event.event_type == "conversation_resolved";
  if (!status_event) {
    event.ignore_reason = absl::StrCat("event ", event.event_type, " is not a status change");
  } else if (!IsCloseStatus(ticket.status)) {
    event.ignore_reason = absl::StrCat("status is ", ticket.status);
  } else {
    event.closes = true;
  }
  return event;
}

bool ChatwootAdapter::IsCloseStatus(absl::string_view status) const {
  return status == "resolved";
}

}  // namespace debrief::ingest
