#include "server/ingest/helpscout/helpscout_adapter.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "server/common/ids.h"

namespace debrief::ingest {
namespace {

std::string FullName(const PayloadReader& person) {
  return std::string(absl::StripAsciiWhitespace(
      absl::StrCat(person.Text("/first"), " ", person.Text("/last"))));
}

core::Party PartyOf(const PayloadReader& person) {
  return core::Party{person.Text("/id"), person.Text("/email"), FullName(person), ""};
}

// The conversation id at the end of a resource URI ".../v2/conversations/123".
std::string IdFromUri(absl::string_view uri) {
  const size_t marker = uri.rfind("/conversations/");
  if (marker == absl::string_view::npos) return "";
  absl::string_view id = uri.substr(marker + 15);
  id = id.substr(0, id.find_first_of("/?#"));
  uint64_t number = 0;
  return absl::SimpleAtoi(id, &number) ? std::string(id) : "";
}

}  // namespace

void ReadHelpScoutConversation(const PayloadReader& c, core::Ticket& ticket) {
  ticket.ticket_id = c.RequiredId("/id");
  ticket.ticket_number = c.Text("/number");
  ticket.subject = c.Text("/subject");
  ticket.status = absl::AsciiStrToLower(c.Text("/status"));
  ticket.channel = c.Text("/type");
  ticket.requester = c.Has("/primaryCustomer") ? PartyOf(c.At("/primaryCustomer"))
                                               : PartyOf(c.At("/createdBy"));
  ticket.assignee = PartyOf(c.At("/assignee"));
  ticket.group = c.Text("/mailboxId");
  ticket.tags.clear();
  for (const PayloadReader& tag : c.Items("/tags")) {
    const std::string name = tag.Text("/tag");
    if (!name.empty()) ticket.tags.push_back(name);
  }
  for (const PayloadReader& field : c.Items("/customFields")) {
    const std::string id = field.Text("/id");
    const std::string value = field.Has("/text") ? field.Text("/text") : field.Text("/value");
    if (!id.empty() && !value.empty()) ticket.custom_fields[id] = value;
  }
  ticket.created_at = c.Time("/createdAt");
  ticket.closed_at = c.Time("/closedAt");

  const std::vector<PayloadReader> threads = c.Items("/_embedded/threads");
  ticket.messages.clear();
  // The API lists threads newest first; the conversation reads oldest first.
  for (auto it = threads.rbegin(); it != threads.rend(); ++it) {
    const PayloadReader& thread = *it;
    const std::string type = thread.Text("/type");
    const std::string body = thread.Text("/body");
    if (body.empty() || type == "lineitem") continue;
    const std::string author_type = thread.Text("/createdBy/type");
    core::AuthorRole role = core::AuthorRole::kUnspecified;
    if (type == "customer" || author_type == "customer") {
      role = core::AuthorRole::kCustomer;
    } else if (author_type == "user" || type == "message" || type == "note") {
      role = core::AuthorRole::kAgent;
    }
    ticket.messages.push_back(MessageWithBody(role, thread.Text("/createdBy/id"), body,
                                              type != "note", thread.Time("/createdAt")));
  }
  ticket.partial = threads.empty();
  if (threads.empty()) {
    const std::string preview = c.Text("/preview");
    if (!preview.empty()) {
      ticket.messages.push_back(MessageWithBody(core::AuthorRole::kCustomer, ticket.requester.id,
                                                preview, true, ticket.created_at));
    }
  }
}

std::optional<SignatureScheme> HelpScoutAdapter::signature_scheme(absl::string_view) const {
  return SignatureScheme{.signature_header = "X-HelpScout-Signature",
                         .algorithm = MacAlgorithm::kSha1,
                         .encoding = MacEncoding::kBase64};
}

std::string HelpScoutAdapter::DeliveryIdForLog(const HookRequest&) const { return ""; }

absl::StatusOr<HookEvent> HelpScoutAdapter::Parse(const nlohmann::json& payload,
                                                  const HookRequest& request) const {
  const PayloadReader in(payload);
  HookEvent event;
  core::Ticket& ticket = event.ticket;
  ticket.source = core::Source::kHelpScout;
  event.event_type = request.Header("X-HelpScout-Event").empty()
                         ? "convo.status"
                         : std::string(request.Header("X-HelpScout-Event"));
  if (in.Has("/status")) {
    ReadHelpScoutConversation(in, ticket);
    // Full payloads embed no threads unless asked to; the API has them.
    event.enrich = ticket.partial;
  } else {
    // Notification mode: the id, or the resource URI.
    ticket.ticket_id = in.Text("/id");
    for (const char* pointer : {"/_links/self/href", "/href", "/uri", "/url", "/resourceUri"}) {
      if (!ticket.ticket_id.empty()) break;
      ticket.ticket_id = IdFromUri(in.Text(pointer));
    }
    if (ticket.ticket_id.empty()) {
      in.Fail("/id", "is required (a conversation object, or its id or URI in notification mode)");
    }
    event.enrich = true;
    event.close_confirmed = false;
    ticket.partial = true;
  }
  ticket.source_tenant = in.Text("/mailboxId");
  if (!in.status().ok()) return in.status();

  const std::string changed = in.Has("/userUpdatedAt") ? in.Text("/userUpdatedAt")
                                                        : in.Text("/closedAt");
  ticket.delivery_id = FallbackDeliveryId(
      {"helpscout", ticket.ticket_id, event.event_type, ticket.status,
       changed.empty() ? common::Sha256Hex(request.body) : changed});
  if (event.event_type != "convo.status") {
    event.ignore_reason = absl::StrCat("event ", event.event_type, " is not a status change");
  } else if (!event.close_confirmed) {
    event.closes = true;
  } else if (!IsCloseStatus(ticket.status)) {
    event.ignore_reason = absl::StrCat("status is ", ticket.status);
  } else {
    event.closes = true;
  }
  return event;
}

bool HelpScoutAdapter::IsCloseStatus(absl::string_view status) const { return status == "closed"; }

}  // namespace debrief::ingest
