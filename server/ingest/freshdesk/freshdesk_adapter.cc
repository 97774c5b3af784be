#include "server/ingest/freshdesk/freshdesk_adapter.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "server/common/ids.h"
#include "server/ingest/payload.h"

namespace debrief::ingest {
namespace {

// API status codes (2 open, 3 pending, 4 resolved, 5 closed) as the labels templates render.
std::string StatusLabel(std::string status) {
  status = absl::AsciiStrToLower(absl::StripAsciiWhitespace(status));
  if (status == "2") return "open";
  if (status == "3") return "pending";
  if (status == "4") return "resolved";
  if (status == "5") return "closed";
  return status;
}

std::string HostOf(absl::string_view url) {
  const size_t scheme = url.find("://");
  if (scheme != absl::string_view::npos) url.remove_prefix(scheme + 3);
  return std::string(url.substr(0, url.find('/')));
}

}  // namespace

std::optional<SignatureScheme> FreshdeskAdapter::signature_scheme(absl::string_view) const {
  return std::nullopt;
}

std::string FreshdeskAdapter::DeliveryIdForLog(const HookRequest&) const { return ""; }

absl::StatusOr<HookEvent> FreshdeskAdapter::Parse(const nlohmann::json& payload,
                                                  const HookRequest& request) const {
  const PayloadReader root(payload);
  const PayloadReader in = root.Has("/freshdesk_webhook") ? root.At("/freshdesk_webhook") : root;
  HookEvent event;
  core::Ticket& ticket = event.ticket;
  ticket.source = core::Source::kFreshdesk;
  event.event_type = in.Has("/triggered_event") ? in.Text("/triggered_event") : "automation";
  ticket.ticket_id = in.RequiredId("/ticket_id");
  ticket.subject = in.Text("/ticket_subject");
  ticket.url = in.Text("/ticket_url");
  ticket.source_tenant = HostOf(ticket.url);
  ticket.status = StatusLabel(in.Text("/ticket_status"));
  ticket.priority = PriorityFromLabel(in.Text("/ticket_priority"));
  ticket.channel = absl::AsciiStrToLower(in.Text("/ticket_source"));
  ticket.group = in.Text("/ticket_group_name");
  ticket.tags = in.Words("/ticket_tags");
  ticket.requester.name = in.Text("/requester_name");
  ticket.requester.email = in.Text("/requester_email");
  ticket.requester.id = in.Text("/requester_id");
  ticket.assignee.name = in.Text("/ticket_agent_name");
  ticket.assignee.email = in.Text("/ticket_agent_email");
  ticket.account.name = in.Text("/ticket_company_name");
  ticket.account.id = in.Text("/ticket_company_id");
  ticket.created_at = in.Time("/ticket_created_at");
  ticket.closed_at = in.Time("/ticket_updated_at");
  const std::string type = in.Text("/ticket_type");
  if (!type.empty()) ticket.custom_fields["ticket_type"] = type;
  // The description is HTML; templates may add the plain text and the latest reply.
  const std::string html = in.Text("/ticket_description");
  const std::string text = in.Text("/ticket_description_text");
  if (!html.empty() || !text.empty()) {
    core::Message first;
    first.author_role = core::AuthorRole::kCustomer;
    first.author_id = ticket.requester.id;
    first.body_text = text;
    first.body_html = text.empty() ? html : "";
    first.created_at = ticket.created_at;
    ticket.messages.push_back(std::move(first));
  }
  const std::string latest = in.Text("/ticket_latest_public_comment");
  if (!latest.empty()) {
    ticket.messages.push_back(
        MessageWithBody(core::AuthorRole::kUnspecified, "", latest, true, ticket.closed_at));
  }
  // The rule sends the description (and perhaps the latest reply), never the whole thread.
  ticket.partial = true;
  if (!in.status().ok()) return in.status();
  ticket.delivery_id = FallbackDeliveryId(
      {"freshdesk", ticket.ticket_id, ticket.status,
       in.Has("/ticket_updated_at") ? in.Text("/ticket_updated_at")
                                    : common::Sha256Hex(request.body)});
  if (IsCloseStatus(ticket.status)) {
    event.closes = true;
  } else {
    event.ignore_reason =
        absl::StrCat("status is ", ticket.status.empty() ? "not set" : ticket.status);
  }
  return event;
}

bool FreshdeskAdapter::IsCloseStatus(absl::string_view status) const {
  return status == "resolved" || status == "closed";
}

}  // namespace debrief::ingest
