#include "server/ingest/zammad/zammad_adapter.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace debrief::ingest {
namespace {

// Associations are expanded to objects in the webhook and to names in some API answers.
std::string NameOf(const PayloadReader& in, absl::string_view pointer) {
  const nlohmann::json* node = in.Find(pointer);
  if (node != nullptr && node->is_object()) return in.Text(absl::StrCat(pointer, "/name"));
  return in.Text(pointer);
}

std::string FullName(const PayloadReader& person) {
  return std::string(absl::StripAsciiWhitespace(
      absl::StrCat(person.Text("/firstname"), " ", person.Text("/lastname"))));
}

}  // namespace

core::AuthorRole ZammadSenderRole(absl::string_view sender) {
  const std::string name = absl::AsciiStrToLower(sender);
  if (name == "customer") return core::AuthorRole::kCustomer;
  if (name == "agent") return core::AuthorRole::kAgent;
  if (name == "system") return core::AuthorRole::kSystem;
  return core::AuthorRole::kUnspecified;
}

core::Message ZammadArticle(const PayloadReader& article) {
  core::Message message;
  message.author_role = ZammadSenderRole(article.Text("/sender"));
  message.author_id = article.Text("/created_by_id");
  std::string body = article.Text("/body");
  if (absl::StrContains(article.Text("/content_type"), "html")) {
    message.body_html = std::move(body);
  } else {
    message.body_text = std::move(body);
  }
  message.is_public = !article.Bool("/internal", false);
  message.created_at = article.Time("/created_at");
  return message;
}

std::optional<SignatureScheme> ZammadAdapter::signature_scheme(absl::string_view) const {
  return SignatureScheme{.signature_header = "X-Hub-Signature",
                         .prefix = "sha1=",
                         .algorithm = MacAlgorithm::kSha1,
                         .encoding = MacEncoding::kHex};
}

std::string ZammadAdapter::DeliveryIdForLog(const HookRequest& request) const {
  return std::string(request.Header("X-Zammad-Delivery"));
}

absl::StatusOr<HookEvent> ZammadAdapter::Parse(const nlohmann::json& payload,
                                               const HookRequest& request) const {
  const PayloadReader in(payload);
  if (!in.Has("/ticket")) return absl::InvalidArgumentError("body.ticket: is required");
  HookEvent event;
  event.event_type = request.Header("X-Zammad-Trigger").empty()
                         ? "trigger"
                         : std::string(request.Header("X-Zammad-Trigger"));
  core::Ticket& ticket = event.ticket;
  ticket.source = core::Source::kZammad;
  const PayloadReader t = in.At("/ticket");
  ticket.ticket_id = t.RequiredId("/id");
  ticket.ticket_number = t.Text("/number");
  ticket.subject = t.Text("/title");
  ticket.status = absl::AsciiStrToLower(NameOf(t, "/state"));
  ticket.priority = PriorityFromLabel(NameOf(t, "/priority"));
  ticket.group = NameOf(t, "/group");
  ticket.channel = t.Text("/create_article_type");
  const PayloadReader customer = t.At("/customer");
  ticket.requester = core::Party{t.Text("/customer_id"), customer.Text("/email"),
                                 FullName(customer), customer.Text("/login")};
  const PayloadReader owner = t.At("/owner");
  ticket.assignee =
      core::Party{t.Text("/owner_id"), owner.Text("/email"), FullName(owner), owner.Text("/login")};
  ticket.account.id = t.Text("/organization_id");
  ticket.account.name = NameOf(t, "/organization");
  ticket.tags = t.Words("/tags");
  ticket.created_at = t.Time("/created_at");
  ticket.closed_at = t.Has("/close_at") ? t.Time("/close_at") : t.Time("/updated_at");
  if (in.Has("/article")) ticket.messages.push_back(ZammadArticle(in.At("/article")));
  // The default payload holds the triggering article only and never the tags.
  event.enrich = true;
  const std::optional<double> article_count = t.Number("/article_count");
  ticket.partial = article_count.value_or(0) > static_cast<double>(ticket.messages.size());
  if (!in.status().ok()) return in.status();

  ticket.delivery_id = std::string(request.Header("X-Zammad-Delivery"));
  if (ticket.delivery_id.empty()) {
    ticket.delivery_id =
        FallbackDeliveryId({"zammad", ticket.ticket_id, ticket.status, t.Text("/updated_at")});
  }
  if (IsCloseStatus(ticket.status)) {
    event.closes = true;
  } else {
    event.ignore_reason =
        absl::StrCat("state is ", ticket.status.empty() ? "not set" : ticket.status);
  }
  return event;
}

bool ZammadAdapter::IsCloseStatus(absl::string_view status) const { return status == "closed"; }

}  // namespace debrief::ingest
