#include "server/ingest/jira_sm/jira_sm_adapter.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "server/ingest/payload.h"

namespace debrief::ingest {
namespace {

// The text of an Atlassian Document Format node; paragraphs end with a newline. Nesting is
// bounded by ParsePayload's depth limit.
void AppendAdfText(const nlohmann::json& node, std::string& out) {
  if (!node.is_object()) return;
  const auto type = node.find("type");
  const auto text = node.find("text");
  if (text != node.end() && text->is_string()) out += text->get<std::string>();
  const auto content = node.find("content");
  if (content != node.end() && content->is_array()) {
    for (const nlohmann::json& child : *content) AppendAdfText(child, out);
  }
  if (type != node.end() && type->is_string()) {
    const std::string& name = type->get_ref<const std::string&>();
    if (name == "paragraph" || name == "heading" || name == "hardBreak" || name == "listItem") {
      out += "\n";
    }
  }
}

// A description or comment body: plain text (API v2) or an ADF document (API v3).
std::string BodyText(const PayloadReader& in, absl::string_view pointer) {
  const nlohmann::json* node = in.Find(pointer);
  if (node != nullptr && node->is_object()) {
    std::string text;
    AppendAdfText(*node, text);
    return std::string(absl::StripTrailingAsciiWhitespace(text));
  }
  return in.Text(pointer);
}

core::Party PartyOf(const PayloadReader& user) {
  return core::Party{user.Has("/accountId") ? user.Text("/accountId") : user.Text("/name"),
                     user.Text("/emailAddress"), user.Text("/displayName"), ""};
}

std::string HostOf(absl::string_view url) {
  const size_t scheme = url.find("://");
  if (scheme == absl::string_view::npos) return "";
  url.remove_prefix(scheme + 3);
  return std::string(url.substr(0, url.find('/')));
}

}  // namespace

std::optional<SignatureScheme> JiraSmAdapter::signature_scheme(absl::string_view) const {
  return SignatureScheme{.signature_header = "X-Hub-Signature",
                         .prefix = "sha256=",
                         .algorithm = MacAlgorithm::kSha256,
                         .encoding = MacEncoding::kHex};
}

std::string JiraSmAdapter::DeliveryIdForLog(const HookRequest& request) const {
  return std::string(request.Header("X-Atlassian-Webhook-Identifier"));
}

absl::StatusOr<HookEvent> JiraSmAdapter::Parse(const nlohmann::json& payload,
                                               const HookRequest& request) const {
  const PayloadReader in(payload);
  HookEvent event;
  core::Ticket& ticket = event.ticket;
  ticket.source = core::Source::kJiraSm;
  // Admin webhooks wrap the issue; Automation's "Issue data (Jira format)" body is the issue.
  const bool automation = !in.Has("/issue") && in.Has("/fields");
  event.event_type = automation ? "automation" : in.Text("/webhookEvent");
  if (!automation && !in.Has("/issue")) in.Fail("/issue", "is required");
  const PayloadReader issue = automation ? in : in.At("/issue");
  const PayloadReader fields = issue.At("/fields");
  ticket.ticket_id = issue.RequiredId("/id");
  ticket.ticket_number = issue.Text("/key");
  const std::string host = HostOf(issue.Text("/self"));
  ticket.source_tenant = host;
  if (!host.empty() && !ticket.ticket_number.empty()) {
    ticket.url = absl::StrCat("https://", host, "/browse/", ticket.ticket_number);
  }
  ticket.subject = fields.Text("/summary");
  ticket.status = absl::AsciiStrToLower(fields.Text("/status/statusCategory/key"));
  const std::string status_name = fields.Text("/status/name");
  if (!status_name.empty()) ticket.custom_fields["status"] = status_name;
  const std::string resolution = fields.Text("/resolution/name");
  if (!resolution.empty()) ticket.custom_fields["resolution"] = resolution;
  const std::string request_type = fields.Text("/customfield_10010/requestType/name");
  if (!request_type.empty()) ticket.custom_fields["request_type"] = request_type;
  ticket.priority = PriorityFromLabel(fields.Text("/priority/name"));
  ticket.channel = fields.Text("/issuetype/name");
  ticket.group = fields.Text("/project/key");
  ticket.tags = fields.Words("/labels");
  ticket.requester = PartyOf(fields.At("/reporter"));
  ticket.assignee = PartyOf(fields.At("/assignee"));
  ticket.created_at = fields.Time("/created");
  ticket.closed_at = fields.Has("/resolutiondate") ? fields.Time("/resolutiondate")
                                                   : in.Time("/timestamp", EpochUnit::kMillis);
  for (const std::string& key : fields.Keys("")) {
    if (!absl::StartsWith(key, "customfield_")) continue;
    const std::string pointer = absl::StrCat("/", key);
    const nlohmann::json* value = fields.Find(pointer);
    if (value == nullptr || value->is_null()) continue;
    std::string text;
    if (value->is_primitive()) {
      text = fields.Text(pointer);
    } else if (value->is_object() && value->contains("value")) {
      text = fields.Text(absl::StrCat(pointer, "/value"));
    }
    if (!text.empty()) ticket.custom_fields[key] = text;
  }

  const std::string description = BodyText(fields, "/description");
  if (!description.empty()) {
    ticket.messages.push_back(MessageWithBody(core::AuthorRole::kCustomer, ticket.requester.id,
                                              description, true, ticket.created_at));
  }
  const std::vector<PayloadReader> comments = fields.Items("/comment/comments");
  for (size_t i = 0; i < comments.size(); ++i) {
    const PayloadReader& comment = comments[i];
    const std::string pointer = absl::StrCat("/comment/comments/", i, "/body");
    const std::string body = BodyText(fields, pointer);
    if (body.empty()) continue;
    const core::Party author = PartyOf(comment.At("/author"));
    const core::AuthorRole role = !author.id.empty() && author.id == ticket.requester.id
                                      ? core::AuthorRole::kCustomer
                                      : core::AuthorRole::kAgent;
    ticket.messages.push_back(MessageWithBody(role, author.id, body,
                                              comment.Bool("/jsdPublic", true),
                                              comment.Time("/created")));
  }
  const std::optional<double> total = fields.Number("/comment/total");
  ticket.partial = total.has_value() && *total > static_cast<double>(comments.size());
  bool status_moved = !in.Has("/changelog");
  for (const PayloadReader& change : in.Items("/changelog/items")) {
    const std::string field = change.Text("/field");
    if (field == "status" || field == "resolution") status_moved = true;
  }
  if (!in.status().ok()) return in.status();

  ticket.delivery_id = std::string(request.Header("X-Atlassian-Webhook-Identifier"));
  if (ticket.delivery_id.empty()) {
    ticket.delivery_id = FallbackDeliveryId(
        {"jira_sm", ticket.ticket_id, ticket.status, fields.Text("/updated")});
  }
  if (event.event_type != "jira:issue_updated" && event.event_type != "automation") {
    event.ignore_reason = absl::StrCat("event ", event.event_type, " is not an issue update");
  } else if (!IsCloseStatus(ticket.status)) {
    event.ignore_reason = absl::StrCat("status category is ", ticket.status);
  } else if (!status_moved) {
    event.ignore_reason = "the issue was already done; this update did not change its status";
  } else {
    event.closes = true;
  }
  return event;
}

bool JiraSmAdapter::IsCloseStatus(absl::string_view status) const { return status == "done"; }

}  // namespace debrief::ingest
