#include "server/ingest/front/front_adapter.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "server/ingest/payload.h"

namespace debrief::ingest {

std::optional<SignatureScheme> FrontAdapter::signature_scheme(absl::string_view variant) const {
  if (variant == "rule") {
    return SignatureScheme{.signature_header = "X-Front-Signature",
                           .algorithm = MacAlgorithm::kSha1,
                           .encoding = MacEncoding::kBase64};
  }
  return SignatureScheme{.signature_header = "X-Front-Signature",
                         .algorithm = MacAlgorithm::kSha256,
                         .encoding = MacEncoding::kBase64,
                         .signed_headers = {"X-Front-Request-Timestamp"},
                         .separator = ":",
                         .timestamp_header = "X-Front-Request-Timestamp",
                         .timestamp_format = TimestampFormat::kUnixMillis};
}

std::string FrontAdapter::DeliveryIdForLog(const HookRequest& request) const {
  return TopLevelText(request.body, "id");
}

absl::StatusOr<HookEvent> FrontAdapter::Parse(const nlohmann::json& payload,
                                              const HookRequest&) const {
  const PayloadReader in(payload);
  HookEvent event;
  core::Ticket& ticket = event.ticket;
  ticket.source = core::Source::kFront;
  event.event_type = in.Text("/type");
  if (event.event_type.empty()) in.Fail("/type", "is required");
  if (event.event_type == "sync") {
    // The application webhook's validation request carries no conversation.
    event.ignore_reason = "validation request";
    ticket.ticket_id = "sync";
    ticket.delivery_id = "sync";
    if (!in.status().ok()) return in.status();
    return event;
  }
  ticket.delivery_id = in.Text("/id");
  const PayloadReader c = in.At("/conversation");
  ticket.ticket_id = c.RequiredId("/id");
  ticket.subject = c.Text("/subject");
  ticket.status = absl::AsciiStrToLower(c.Text("/status"));
  const std::string handle = c.Text("/recipient/handle");
  if (handle.find('@') != std::string::npos) ticket.requester.email = handle;
  ticket.requester.id = handle;
  const PayloadReader assignee = c.At("/assignee");
  ticket.assignee = core::Party{
      assignee.Text("/id"), assignee.Text("/email"),
      std::string(absl::StripAsciiWhitespace(
          absl::StrCat(assignee.Text("/first_name"), " ", assignee.Text("/last_name")))),
      assignee.Text("/username")};
  for (const PayloadReader& tag : c.Items("/tags")) {
    const std::string name = tag.Text("/name");
    if (!name.empty()) ticket.tags.push_back(name);
  }
  for (const std::string& key : c.Keys("/custom_fields")) {
    const std::string pointer = absl::StrCat("/custom_fields/", key);
    const nlohmann::json* value = c.Find(pointer);
    if (value != nullptr && value->is_primitive() && !value->is_null()) {
      ticket.custom_fields[key] = c.Text(pointer);
    }
  }
  ticket.created_at = c.Time("/created_at");
  ticket.closed_at = in.Time("/emitted_at");
  ticket.url = c.Text("/_links/self");
  if (c.Has("/last_message")) {
    const PayloadReader last = c.At("/last_message");
    const bool inbound = last.Bool("/is_inbound", false);
    core::Message message;
    message.author_role = inbound ? core::AuthorRole::kCustomer : core::AuthorRole::kAgent;
    message.author_id = last.Text("/author/id");
    message.body_text = last.Text("/text");
    if (message.body_text.empty()) message.body_html = last.Text("/body");
    message.is_public = last.Text("/type") != "comment";
    message.created_at = last.Time("/created_at");
    ticket.channel = last.Text("/type");
    if (!message.body_text.empty() || !message.body_html.empty()) {
      ticket.messages.push_back(std::move(message));
    }
  }
  // Events carry the last message at most.
  ticket.partial = true;
  if (!in.status().ok()) return in.status();

  if (ticket.delivery_id.empty()) {
    ticket.delivery_id = FallbackDeliveryId(
        {"front", ticket.ticket_id, event.event_type, in.Text("/emitted_at")});
  }
  if (event.event_type == "archive") {
    event.closes = true;
  } else {
    event.ignore_reason = absl::StrCat("event ", event.event_type, " is not an archive");
  }
  return event;
}

bool FrontAdapter::IsCloseStatus(absl::string_view status) const { return status == "archived"; }

}  // namespace debrief::ingest
