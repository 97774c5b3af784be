#include "server/ingest/zendesk/zendesk_adapter.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "server/common/ids.h"
#include "server/ingest/payload.h"

namespace debrief::ingest {
namespace {

constexpr absl::string_view kEventPrefix = "zen:event-type:";
constexpr absl::string_view kStatusChanged = "zen:event-type:ticket.status_changed";

core::Party PartyAt(const PayloadReader& party) {
  return core::Party{party.Text("/id"), party.Text("/email"), party.Text("/name"),
                     party.Text("/external_id")};
}

// An event webhook: the envelope plus `detail`, the ticket without its conversation.
HookEvent ParseEvent(const PayloadReader& in, const HookRequest& request) {
  HookEvent event;
  event.event_type = in.Text("/type");
  core::Ticket& ticket = event.ticket;
  const PayloadReader detail = in.At("/detail");
  ticket.ticket_id = detail.Text("/id");
  if (ticket.ticket_id.empty()) {
    const std::string subject_text = in.Text("/subject");
    absl::string_view subject = subject_text;
    if (absl::ConsumePrefix(&subject, "zen:ticket:")) ticket.ticket_id = std::string(subject);
  }
  if (ticket.ticket_id.empty()) in.Fail("/detail/id", "is required");
  ticket.delivery_id = in.Text("/id");
  if (ticket.delivery_id.empty()) {
    ticket.delivery_id = std::string(request.Header("X-Zendesk-Webhook-Invocation-Id"));
  }
  ticket.source_tenant = in.Text("/account_id");
  if (ticket.source_tenant.empty()) {
    ticket.source_tenant = std::string(request.Header("X-Zendesk-Account-Id"));
  }
  ticket.subject = detail.Text("/subject");
  ticket.requester.id = detail.Text("/requester_id");
  ticket.assignee.id = detail.Text("/assignee_id");
  ticket.account.id = detail.Text("/organization_id");
  ticket.group = detail.Text("/group_id");
  ticket.channel = detail.Text("/via/channel");
  ticket.priority = PriorityFromLabel(detail.Text("/priority"));
  ticket.tags = detail.Words("/tags");
  ticket.created_at = detail.Time("/created_at");
  ticket.closed_at = in.Time("/time");
  const std::string description = detail.Text("/description");
  if (!description.empty()) {
    ticket.messages.push_back(MessageWithBody(core::AuthorRole::kCustomer, ticket.requester.id,
                                              description, true, ticket.created_at));
  }
  // Events carry no comments, custom fields or satisfaction: the API has them.
  event.enrich = true;
  ticket.partial = true;

  const std::string current = absl::AsciiStrToUpper(in.Text("/event/current"));
  const std::string previous = absl::AsciiStrToUpper(in.Text("/event/previous"));
  ticket.status = absl::AsciiStrToLower(current.empty() ? detail.Text("/status") : current);
  if (event.event_type != kStatusChanged) {
    event.ignore_reason = absl::StrCat("event ", event.event_type, " is not a status change");
  } else if (current != "SOLVED" && current != "CLOSED") {
    event.ignore_reason = absl::StrCat("status changed to ", current);
  } else if (current == "CLOSED" && previous == "SOLVED") {
    event.ignore_reason = "SOLVED -> CLOSED: the ticket was debriefed when it was solved";
  } else {
    event.closes = true;
  }
  if (ticket.delivery_id.empty()) {
    ticket.delivery_id = FallbackDeliveryId(
        {"zendesk", ticket.ticket_id, ticket.status, in.Text("/time")});
  }
  return event;
}

// A trigger webhook with the body Debrief documents (docs/HELPDESKS.md): `ticket` with
// rendered placeholders, `satisfaction`.
HookEvent ParseTrigger(const PayloadReader& in, const HookRequest& request) {
  HookEvent event;
  event.event_type = "trigger";
  core::Ticket& ticket = event.ticket;
  const PayloadReader t = in.At("/ticket");
  ticket.ticket_id = t.RequiredId("/id");
  ticket.subject = t.Has("/title") ? t.Text("/title") : t.Text("/subject");
  ticket.url = t.Has("/link") ? t.Text("/link") : t.Text("/url");
  ticket.status = absl::AsciiStrToLower(t.Text("/status"));
  ticket.priority = PriorityFromLabel(t.Text("/priority"));
  ticket.channel = absl::AsciiStrToLower(t.Text("/via"));
  ticket.group = t.Text("/group_name");
  ticket.tags = t.Words("/tags");
  ticket.requester = PartyAt(t.At("/requester"));
  ticket.assignee = PartyAt(t.At("/assignee"));
  const PayloadReader organization = t.At("/organization");
  ticket.account.id = organization.Has("/id") ? organization.Text("/id")
                                              : organization.Text("/external_id");
  ticket.account.name = organization.Text("/name");
  ticket.created_at = t.Time("/created_at");
  ticket.closed_at = t.Time("/updated_at");
  for (const std::string& key : t.Keys("")) {
    absl::string_view id = key;
    if (absl::ConsumePrefix(&id, "ticket_field_")) {
      const std::string value = t.Text(absl::StrCat("/", key));
      if (!value.empty()) ticket.custom_fields[std::string(id)] = value;
    }
  }
  const std::string description = t.Text("/description");
  if (!description.empty()) {
    ticket.messages.push_back(MessageWithBody(core::AuthorRole::kCustomer, ticket.requester.id,
                                              description, true, ticket.created_at));
  }
  const std::string latest = t.Text("/latest_comment");
  if (!latest.empty() && latest != description) {
    ticket.messages.push_back(
        MessageWithBody(core::AuthorRole::kUnspecified, "", latest, true, ticket.closed_at));
  }
  const std::string rating = absl::AsciiStrToLower(in.Text("/satisfaction/current_rating"));
  if (rating == "good" || rating == "bad") {
    ticket.satisfaction = core::Satisfaction{rating == "good" ? 1.0 : 0.0, rating,
                                             in.Text("/satisfaction/current_comment")};
  }
  // A trigger body holds the first and the latest comment only.
  event.enrich = true;
  ticket.partial = true;
  ticket.source_tenant = std::string(request.Header("X-Zendesk-Account-Id"));
  ticket.delivery_id = std::string(request.Header("X-Zendesk-Webhook-Invocation-Id"));
  if (ticket.delivery_id.empty()) {
    ticket.delivery_id = FallbackDeliveryId(
        {"zendesk", ticket.ticket_id, ticket.status,
         t.Has("/updated_at") ? t.Text("/updated_at") : common::Sha256Hex(request.body)});
  }
  if (ticket.status == "solved" || ticket.status == "closed") {
    event.closes = true;
  } else {
    event.ignore_reason = absl::StrCat("status is ", ticket.status.empty() ? "not set" : ticket.status);
  }
  return event;
}

}  // namespace

std::optional<SignatureScheme> ZendeskAdapter::signature_scheme(absl::string_view) const {
  return SignatureScheme{.signature_header = "X-Zendesk-Webhook-Signature",
                         .algorithm = MacAlgorithm::kSha256,
                         .encoding = MacEncoding::kBase64,
                         .signed_headers = {"X-Zendesk-Webhook-Signature-Timestamp"},
                         .timestamp_header = "X-Zendesk-Webhook-Signature-Timestamp",
                         .timestamp_format = TimestampFormat::kRfc3339};
}

std::string ZendeskAdapter::DeliveryIdForLog(const HookRequest& request) const {
  const absl::string_view invocation = request.Header("X-Zendesk-Webhook-Invocation-Id");
  return invocation.empty() ? TopLevelText(request.body, "id") : std::string(invocation);
}

absl::StatusOr<HookEvent> ZendeskAdapter::Parse(const nlohmann::json& payload,
                                                const HookRequest& request) const {
  PayloadReader in(payload);
  HookEvent event;
  if (absl::StartsWith(in.Text("/type"), kEventPrefix)) {
    event = ParseEvent(in, request);
  } else if (in.Has("/ticket")) {
    event = ParseTrigger(in, request);
  } else {
    return absl::InvalidArgumentError(
        "body: is neither a Zendesk event (type zen:event-type:...) nor a trigger body with a "
        "ticket object");
  }
  if (!in.status().ok()) return in.status();
  event.ticket.source = core::Source::kZendesk;
  return event;
}

bool ZendeskAdapter::IsCloseStatus(absl::string_view status) const {
  return status == "solved" || status == "closed";
}

}  // namespace debrief::ingest
