#include "server/ingest/zammad/zammad_api.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "server/common/status_macros.h"
#include "server/ingest/payload.h"
#include "server/ingest/zammad/zammad_adapter.h"

namespace debrief::ingest {

ZammadApi::ZammadApi(const config::ApiOptions& api, const config::WriteBackOptions& write_back,
                     std::string secret, std::unique_ptr<HttpClient> http)
    : api_(api), write_back_(write_back), secret_(std::move(secret)), http_(std::move(http)) {}

absl::StatusOr<nlohmann::json> ZammadApi::Call(const std::string& method, const std::string& path,
                                               const std::string& what,
                                               const nlohmann::json* body) {
  HttpCall call{.method = method,
                .url = absl::StrCat(api_.base_url, path),
                .headers = {ApiAuthHeader(api_, secret_, "Token token="),
                            {"Accept", "application/json"}}};
  if (body != nullptr) {
    call.headers.emplace_back("Content-Type", "application/json");
    call.body = body->dump();
  }
  DEBRIEF_ASSIGN_OR_RETURN(HttpReply reply, http_->Send(call));
  DEBRIEF_RETURN_IF_ERROR(ReplyStatus(reply, what));
  // Articles come back as a bare array, so this does not use ParsePayload (objects only).
  nlohmann::json parsed = nlohmann::json::parse(reply.body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return absl::UnavailableError(absl::StrCat(what, ": answer is not JSON"));
  return parsed;
}

absl::Status ZammadApi::Fetch(core::Ticket& ticket) {
  const std::string id = UrlEscape(ticket.ticket_id);
  const std::string what = absl::StrCat("Zammad ticket ", ticket.ticket_id);
  DEBRIEF_ASSIGN_OR_RETURN(nlohmann::json answer,
                           Call("GET", absl::StrCat("/api/v1/tickets/", id, "?expand=true"), what,
                                nullptr));
  DEBRIEF_ASSIGN_OR_RETURN(nlohmann::json articles,
                           Call("GET", absl::StrCat("/api/v1/ticket_articles/by_ticket/", id),
                                absl::StrCat(what, " articles"), nullptr));
  DEBRIEF_ASSIGN_OR_RETURN(nlohmann::json tags,
                           Call("GET", absl::StrCat("/api/v1/tags?object=Ticket&o_id=", id),
                                absl::StrCat(what, " tags"), nullptr));
  nlohmann::json wrapped = {{"ticket", answer}, {"articles", articles}, {"tags", tags}};
  const PayloadReader in(wrapped);
  const PayloadReader t = in.At("/ticket");
  core::Ticket fetched;
  fetched.subject = t.Text("/title");
  fetched.ticket_number = t.Text("/number");
  // With expand=true associations are names ("closed", "2 normal", "Service Desk").
  fetched.status = absl::AsciiStrToLower(t.Text("/state"));
  fetched.priority = PriorityFromLabel(t.Text("/priority"));
  fetched.group = t.Text("/group");
  fetched.account.name = t.Text("/organization");
  fetched.created_at = t.Time("/created_at");
  fetched.closed_at = t.Time("/close_at");
  for (const PayloadReader& article : in.Items("/articles")) {
    fetched.messages.push_back(ZammadArticle(article));
  }
  fetched.tags = in.Words("/tags/tags");
  if (!in.status().ok()) {
    return absl::UnavailableError(absl::StrCat(what, ": ", in.status().message()));
  }
  MergeFetched(std::move(fetched), ticket);
  return absl::OkStatus();
}

absl::StatusOr<WriteBackResult> ZammadApi::Write(const core::Ticket& ticket,
                                                 const core::Debriefing& debriefing) {
  const std::string id = UrlEscape(ticket.ticket_id);
  const std::string what = absl::StrCat("Zammad ticket ", ticket.ticket_id);
  if (write_back_.mode == "note") {
    DEBRIEF_ASSIGN_OR_RETURN(nlohmann::json articles,
                             Call("GET", absl::StrCat("/api/v1/ticket_articles/by_ticket/", id),
                                  absl::StrCat(what, " articles"), nullptr));
    if (articles.is_array()) {
      for (const nlohmann::json& article : articles) {
        const auto body = article.find("body");
        if (body != article.end() && body->is_string() &&
            absl::StrContains(body->get<std::string>(), debriefing.decision_id)) {
          return WriteBackResult::kNoteAlreadyThere;
        }
      }
    }
    int64_t numeric_id = 0;
    const nlohmann::json ticket_id = absl::SimpleAtoi(ticket.ticket_id, &numeric_id)
                                         ? nlohmann::json(numeric_id)
                                         : nlohmann::json(ticket.ticket_id);
    const nlohmann::json note = {{"ticket_id", ticket_id},
                                 {"subject", "Debrief suggestions"},
                                 {"body", SuggestionNote(debriefing)},
                                 {"content_type", "text/plain"},
                                 {"type", "note"},
                                 {"internal", true}};
    DEBRIEF_RETURN_IF_ERROR(
        Call("POST", "/api/v1/ticket_articles", absl::StrCat("adding a note to ", what), &note)
            .status());
    return WriteBackResult::kNoteAdded;
  }

  DEBRIEF_ASSIGN_OR_RETURN(nlohmann::json current,
                           Call("GET", absl::StrCat("/api/v1/tickets/", id), what, nullptr));
  nlohmann::json update = nlohmann::json::object();
  for (const auto& [field, value] :
       {std::pair{write_back_.tags_field, SuggestedTagsFieldValue(debriefing)},
        std::pair{write_back_.escalation_field, EscalationFieldValue(debriefing)}}) {
    if (field.empty()) continue;
    const auto existing = current.find(field);
    const bool ours = existing == current.end() || existing->is_null() ||
                      (existing->is_string() && FieldIsOurs(existing->get<std::string>()));
    if (!ours) continue;
    update[field] = value;
  }
  if (update.empty()) return WriteBackResult::kKeptHumanValue;
  DEBRIEF_RETURN_IF_ERROR(Call("PUT", absl::StrCat("/api/v1/tickets/", id),
                               absl::StrCat("updating ", what), &update)
                              .status());
  return WriteBackResult::kFieldsWritten;
}

}  // namespace debrief::ingest
