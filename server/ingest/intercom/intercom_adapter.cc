#include "server/ingest/intercom/intercom_adapter.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "server/ingest/payload.h"

namespace debrief::ingest {
namespace {

core::AuthorRole RoleOf(absl::string_view author_type) {
  if (author_type == "user" || author_type == "lead" || author_type == "contact") {
    return core::AuthorRole::kCustomer;
  }
  if (author_type == "admin" || author_type == "team") return core::AuthorRole::kAgent;
  if (author_type == "bot") return core::AuthorRole::kBot;
  return core::AuthorRole::kUnspecified;
}

}  // namespace

std::optional<SignatureScheme> IntercomAdapter::signature_scheme(absl::string_view) const {
  return SignatureScheme{.signature_header = "X-Hub-Signature",
                         .prefix = "sha1=",
                         .algorithm = MacAlgorithm::kSha1,
                         .encoding = MacEncoding::kHex};
}

std::string IntercomAdapter::DeliveryIdForLog(const HookRequest& request) const {
  return TopLevelText(request.body, "id");
}

absl::StatusOr<HookEvent> IntercomAdapter::Parse(const nlohmann::json& payload,
                                                 const HookRequest&) const {
  const PayloadReader in(payload);
  HookEvent event;
  core::Ticket& ticket = event.ticket;
  ticket.source = core::Source::kIntercom;
  event.event_type = in.Text("/topic");
  if (event.event_type.empty()) in.Fail("/topic", "is required");
  ticket.delivery_id = in.Text("/id");
  ticket.source_tenant = in.Text("/app_id");
  const PayloadReader item = in.At("/data/item");
  ticket.ticket_id = item.RequiredId("/id");
  ticket.ticket_number = item.Text("/ticket_id");
  ticket.subject = item.Text("/title");
  if (ticket.subject.empty()) ticket.subject = item.Text("/ticket_attributes/_default_title_");
  if (ticket.subject.empty()) ticket.subject = item.Text("/source/subject");
  if (ticket.subject.empty()) ticket.subject = item.Text("/conversation_message/subject");
  ticket.status = absl::AsciiStrToLower(item.Text("/state"));
  if (ticket.status.empty() || item.Has("/ticket_state/category")) {
    const std::string category = item.Text("/ticket_state/category");
    if (!category.empty()) ticket.status = absl::AsciiStrToLower(category);
  }
  ticket.priority = item.Text("/priority") == "priority" ? core::Priority::kHigh
                                                         : core::Priority::kUnspecified;
  ticket.url = item.Text("/links/conversation_web");
  ticket.channel = absl::AsciiStrToLower(item.Text("/source/delivered_as"));
  if (ticket.channel.empty()) ticket.channel = absl::AsciiStrToLower(item.Text("/channel"));

  // API 1.x names the customer `user`; 2.x lists `contacts`.
  if (item.Has("/user")) {
    const PayloadReader user = item.At("/user");
    ticket.requester = core::Party{user.Text("/id"), user.Text("/email"), user.Text("/name"),
                                   user.Text("/user_id")};
  } else {
    for (const PayloadReader& contact : item.Items("/contacts/contacts")) {
      ticket.requester = core::Party{contact.Text("/id"), contact.Text("/email"),
                                     contact.Text("/name"), contact.Text("/external_id")};
      break;
    }
  }
  if (item.Has("/assignee")) {
    const PayloadReader assignee = item.At("/assignee");
    ticket.assignee = core::Party{assignee.Text("/id"), assignee.Text("/email"),
                                  assignee.Text("/name"), ""};
  } else {
    ticket.assignee.id = item.Text("/admin_assignee_id");
  }
  ticket.group = item.Text("/team_assignee_id");
  ticket.account.id = item.Text("/company_id");
  for (const PayloadReader& tag : item.Items("/tags/tags")) {
    const std::string name = tag.Text("/name");
    if (!name.empty()) ticket.tags.push_back(name);
  }
  for (const std::string& key : item.Keys("/custom_attributes")) {
    const std::string pointer = absl::StrCat("/custom_attributes/", key);
    const nlohmann::json* value = item.Find(pointer);
    if (value != nullptr && value->is_primitive() && !value->is_null()) {
      ticket.custom_fields[key] = item.Text(pointer);
    }
  }
  if (const std::optional<double> rating = item.Number("/conversation_rating/rating")) {
    if (*rating >= 1 && *rating <= 5) {
      ticket.satisfaction = core::Satisfaction{(*rating - 1) / 4, item.Text("/conversation_rating/rating"),
                                               item.Text("/conversation_rating/remark")};
    }
  }
  ticket.created_at = item.Time("/created_at");
  ticket.closed_at = item.Has("/statistics/last_close_at") ? item.Time("/statistics/last_close_at")
                                                            : item.Time("/updated_at");

  // The opening message: `conversation_message` (1.x) or `source` (2.x).
  const PayloadReader opening =
      item.Has("/conversation_message") ? item.At("/conversation_message") : item.At("/source");
  const std::string opening_body = opening.Text("/body");
  if (!opening_body.empty()) {
    ticket.messages.push_back(MessageWithBody(RoleOf(opening.Text("/author/type")),
                                              opening.Text("/author/id"), opening_body, true,
                                              ticket.created_at));
  }
  const std::vector<PayloadReader> parts = item.Items("/conversation_parts/conversation_parts");
  for (const PayloadReader& part : parts) {
    const std::string body = part.Text("/body");
    const std::string part_type = part.Text("/part_type");
    if (part_type == "close" && !item.Has("/statistics/last_close_at")) {
      ticket.closed_at = part.Time("/created_at");
    }
    if (body.empty()) continue;
    ticket.messages.push_back(MessageWithBody(RoleOf(part.Text("/author/type")),
                                              part.Text("/author/id"), body, part_type != "note",
                                              part.Time("/created_at")));
  }
  // Intercom sends at most a page of parts; the total says whether any are missing.
  const std::optional<double> total = item.Number("/conversation_parts/total_count");
  ticket.partial = total.has_value() && *total > static_cast<double>(parts.size());
  if (!in.status().ok()) return in.status();

  if (ticket.delivery_id.empty()) {
    ticket.delivery_id = FallbackDeliveryId(
        {"intercom", ticket.ticket_id, event.event_type, item.Text("/updated_at")});
  }
  if (event.event_type == "conversation.admin.closed" || event.event_type == "ticket.closed") {
    event.closes = true;
  } else {
    event.ignore_reason = absl::StrCat("topic ", event.event_type, " is not a close");
  }
  return event;
}

bool IntercomAdapter::IsCloseStatus(absl::string_view status) const {
  return status == "closed" || status == "resolved";
}

}  // namespace debrief::ingest
