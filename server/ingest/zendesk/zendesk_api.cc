#include "server/ingest/zendesk/zendesk_api.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "server/common/status_macros.h"
#include "server/ingest/payload.h"

namespace debrief::ingest {
namespace {

// A custom field id as Zendesk expects it: a number when it is one.
nlohmann::json FieldId(const std::string& id) {
  int64_t number = 0;
  if (absl::SimpleAtoi(id, &number)) return number;
  return id;
}

}  // namespace

ZendeskApi::ZendeskApi(const config::ApiOptions& api, const config::WriteBackOptions& write_back,
                       std::string secret, std::unique_ptr<HttpClient> http)
    : api_(api), write_back_(write_back), secret_(std::move(secret)), http_(std::move(http)) {}

std::string ZendeskApi::TicketUrl(const std::string& ticket_id) const {
  return absl::StrCat(api_.base_url, "/api/v2/tickets/", UrlEscape(ticket_id));
}

absl::StatusOr<nlohmann::json> ZendeskApi::GetJson(const std::string& url,
                                                   const std::string& what) {
  DEBRIEF_ASSIGN_OR_RETURN(
      HttpReply reply,
      http_->Send({.method = "GET",
                   .url = url,
                   .headers = {ApiAuthHeader(api_, secret_, ""), {"Accept", "application/json"}}}));
  DEBRIEF_RETURN_IF_ERROR(ReplyStatus(reply, what));
  absl::StatusOr<nlohmann::json> body = ParsePayload(reply.body);
  if (!body.ok()) return absl::UnavailableError(absl::StrCat(what, ": ", body.status().message()));
  return body;
}

absl::Status ZendeskApi::Fetch(core::Ticket& ticket) {
  const std::string what = absl::StrCat("Zendesk ticket ", ticket.ticket_id);
  DEBRIEF_ASSIGN_OR_RETURN(nlohmann::json answer,
                           GetJson(absl::StrCat(TicketUrl(ticket.ticket_id), ".json"), what));
  const PayloadReader root(answer);
  const PayloadReader t = root.At("/ticket");
  core::Ticket fetched;
  fetched.subject = t.Text("/subject");
  fetched.status = absl::AsciiStrToLower(t.Text("/status"));
  fetched.priority = PriorityFromLabel(t.Text("/priority"));
  fetched.tags = t.Words("/tags");
  fetched.requester.id = t.Text("/requester_id");
  fetched.assignee.id = t.Text("/assignee_id");
  fetched.account.id = t.Text("/organization_id");
  fetched.group = t.Text("/group_id");
  fetched.channel = t.Text("/via/channel");
  fetched.created_at = t.Time("/created_at");
  for (const PayloadReader& field : t.Items("/custom_fields")) {
    const std::string value = field.Text("/value");
    if (!value.empty()) fetched.custom_fields[field.Text("/id")] = value;
  }
  const std::string score = absl::AsciiStrToLower(t.Text("/satisfaction_rating/score"));
  if (score == "good" || score == "bad") {
    fetched.satisfaction = core::Satisfaction{score == "good" ? 1.0 : 0.0, score,
                                              t.Text("/satisfaction_rating/comment")};
  }

  // Comments, oldest first, with the users who wrote them side-loaded for their roles.
  std::string url = absl::StrCat(TicketUrl(ticket.ticket_id), "/comments.json?include=users");
  std::map<std::string, std::string> roles;
  for (int page = 0; page < api_.max_pages && !url.empty(); ++page) {
    DEBRIEF_ASSIGN_OR_RETURN(nlohmann::json comments, GetJson(url, absl::StrCat(what, " comments")));
    const PayloadReader in(comments);
    for (const PayloadReader& user : in.Items("/users")) {
      const std::string id = user.Text("/id");
      roles[id] = user.Text("/role");
      if (id == fetched.requester.id) {
        fetched.requester.email = user.Text("/email");
        fetched.requester.name = user.Text("/name");
      }
    }
    for (const PayloadReader& comment : in.Items("/comments")) {
      const std::string author = comment.Text("/author_id");
      const auto role = roles.find(author);
      core::AuthorRole author_role = author == fetched.requester.id ? core::AuthorRole::kCustomer
                                                                    : core::AuthorRole::kAgent;
      if (role != roles.end() && role->second == "end-user") author_role = core::AuthorRole::kCustomer;
      core::Message message;
      message.author_role = author_role;
      message.author_id = author;
      message.body_text = comment.Has("/plain_body") ? comment.Text("/plain_body")
                                                     : comment.Text("/body");
      if (message.body_text.empty()) message.body_html = comment.Text("/html_body");
      message.is_public = comment.Bool("/public", true);
      message.created_at = comment.Time("/created_at");
      fetched.messages.push_back(std::move(message));
    }
    if (!in.status().ok()) {
      return absl::UnavailableError(absl::StrCat(what, " comments: ", in.status().message()));
    }
    // Follow pagination only on the configured host.
    url = in.Text("/next_page");
    if (!absl::StartsWith(url, absl::StrCat(api_.base_url, "/"))) url.clear();
  }
  if (!root.status().ok()) {
    return absl::UnavailableError(absl::StrCat(what, ": ", root.status().message()));
  }
  MergeFetched(std::move(fetched), ticket);
  return absl::OkStatus();
}

absl::Status ZendeskApi::PutTicket(const std::string& ticket_id, const nlohmann::json& body) {
  DEBRIEF_ASSIGN_OR_RETURN(
      HttpReply reply,
      http_->Send({.method = "PUT",
                   .url = absl::StrCat(TicketUrl(ticket_id), ".json"),
                   .headers = {ApiAuthHeader(api_, secret_, ""),
                               {"Content-Type", "application/json"},
                               {"Accept", "application/json"}},
                   .body = body.dump()}));
  return ReplyStatus(reply, absl::StrCat("updating Zendesk ticket ", ticket_id));
}

absl::StatusOr<WriteBackResult> ZendeskApi::Write(const core::Ticket& ticket,
                                                  const core::Debriefing& debriefing) {
  const std::string what = absl::StrCat("Zendesk ticket ", ticket.ticket_id);
  if (write_back_.mode == "note") {
    std::string url = absl::StrCat(TicketUrl(ticket.ticket_id), "/comments.json");
    for (int page = 0; page < api_.max_pages && !url.empty(); ++page) {
      DEBRIEF_ASSIGN_OR_RETURN(nlohmann::json comments, GetJson(url, absl::StrCat(what, " comments")));
      const PayloadReader in(comments);
      for (const PayloadReader& comment : in.Items("/comments")) {
        if (absl::StrContains(comment.Text("/body"), debriefing.decision_id)) {
          return WriteBackResult::kNoteAlreadyThere;
        }
      }
      url = in.Text("/next_page");
      if (!absl::StartsWith(url, absl::StrCat(api_.base_url, "/"))) url.clear();
    }
    // Only a comment: a `tags` key here would replace the ticket's tags.
    DEBRIEF_RETURN_IF_ERROR(PutTicket(
        ticket.ticket_id,
        {{"ticket", {{"comment", {{"body", SuggestionNote(debriefing)}, {"public", false}}}}}}));
    return WriteBackResult::kNoteAdded;
  }

  DEBRIEF_ASSIGN_OR_RETURN(nlohmann::json answer,
                           GetJson(absl::StrCat(TicketUrl(ticket.ticket_id), ".json"), what));
  const PayloadReader t = PayloadReader(answer).At("/ticket");
  std::map<std::string, std::string> current;
  for (const PayloadReader& field : t.Items("/custom_fields")) {
    current[field.Text("/id")] = field.Text("/value");
  }
  nlohmann::json fields = nlohmann::json::array();
  for (const auto& [field, value] : {std::pair{write_back_.tags_field, SuggestedTagsFieldValue(debriefing)},
                                     std::pair{write_back_.escalation_field, EscalationFieldValue(debriefing)}}) {
    if (field.empty() || !FieldIsOurs(current[field])) continue;
    fields.push_back({{"id", FieldId(field)}, {"value", value}});
  }
  if (fields.empty()) return WriteBackResult::kKeptHumanValue;
  // safe_update makes Zendesk refuse (409) if a human changed the ticket since it was read.
  DEBRIEF_RETURN_IF_ERROR(PutTicket(
      ticket.ticket_id, {{"ticket",
                          {{"custom_fields", fields},
                           {"safe_update", true},
                           {"updated_stamp", t.Text("/updated_at")}}}}));
  return WriteBackResult::kFieldsWritten;
}

}  // namespace debrief::ingest
