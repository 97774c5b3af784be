#include "server/ingest/vendor_api.h"

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace debrief::ingest {
namespace {

std::string Confidence(double value) { return absl::StrFormat("%.2f", value); }

std::string DueBy(const core::Escalation& escalation) {
  if (!escalation.due_by.has_value()) return "";
  return absl::StrCat(" by ", absl::FormatTime("%Y-%m-%d %H:%M UTC", *escalation.due_by,
                                               absl::UTCTimeZone()));
}

}  // namespace

absl::string_view WriteBackResultName(WriteBackResult result) {
  switch (result) {
    case WriteBackResult::kNoteAdded: return "note_added";
    case WriteBackResult::kNoteAlreadyThere: return "note_already_there";
    case WriteBackResult::kFieldsWritten: return "fields_written";
    case WriteBackResult::kKeptHumanValue: return "kept_human_value";
  }
  return "unknown";
}

std::pair<std::string, std::string> ApiAuthHeader(const config::ApiOptions& options,
                                                  absl::string_view secret,
                                                  absl::string_view token_scheme) {
  if (options.auth == "bearer") return {"Authorization", absl::StrCat("Bearer ", secret)};
  if (options.auth == "token") return {"Authorization", absl::StrCat(token_scheme, secret)};
  return {"Authorization",
          absl::StrCat("Basic ", absl::Base64Escape(absl::StrCat(options.username, ":", secret)))};
}

void MergeFetched(core::Ticket fetched, core::Ticket& ticket) {
  if (!fetched.messages.empty()) ticket.messages = std::move(fetched.messages);
  if (!fetched.tags.empty()) ticket.tags = std::move(fetched.tags);
  for (auto& [key, value] : fetched.custom_fields) ticket.custom_fields[key] = std::move(value);
  const auto fill = [](std::string& to, std::string& from) {
    if (to.empty()) to = std::move(from);
  };
  fill(ticket.subject, fetched.subject);
  fill(ticket.status, fetched.status);
  fill(ticket.group, fetched.group);
  fill(ticket.channel, fetched.channel);
  fill(ticket.url, fetched.url);
  fill(ticket.ticket_number, fetched.ticket_number);
  for (auto [to, from] : {std::pair{&ticket.requester, &fetched.requester},
                          std::pair{&ticket.assignee, &fetched.assignee}}) {
    fill(to->id, from->id);
    fill(to->email, from->email);
    fill(to->name, from->name);
    fill(to->external_id, from->external_id);
  }
  fill(ticket.account.id, fetched.account.id);
  fill(ticket.account.name, fetched.account.name);
  if (ticket.priority == core::Priority::kUnspecified) ticket.priority = fetched.priority;
  if (!ticket.satisfaction.has_value()) ticket.satisfaction = std::move(fetched.satisfaction);
  if (!ticket.created_at.has_value()) ticket.created_at = fetched.created_at;
  if (!ticket.closed_at.has_value()) ticket.closed_at = fetched.closed_at;
}

std::string UrlEscape(absl::string_view text) {
  std::string out;
  for (const unsigned char c : text) {
    if (absl::ascii_isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      absl::StrAppend(&out, absl::StrFormat("%%%02X", c));
    }
  }
  return out;
}

std::string SuggestionNote(const core::Debriefing& debriefing) {
  std::string note = absl::StrCat("Debrief suggestions (decision ", debriefing.decision_id, ")\n");
  if (debriefing.suggested_tags.empty()) {
    absl::StrAppend(&note, "Suggested tags: none above the confidence threshold\n");
  } else {
    std::vector<std::string> tags;
    for (const core::Label& tag : debriefing.suggested_tags) {
      tags.push_back(absl::StrCat(tag.value, " (", Confidence(tag.confidence), ")"));
    }
    absl::StrAppend(&note, "Suggested tags: ", absl::StrJoin(tags, ", "), "\n");
  }
  const core::Escalation& escalation = debriefing.escalation;
  absl::StrAppend(&note, "Escalation: ", core::EscalationLevelName(escalation.level));
  if (escalation.target != core::Team::kUnspecified) {
    absl::StrAppend(&note, " to ", core::TeamName(escalation.target));
  }
  absl::StrAppend(&note, DueBy(escalation), "\n");
  for (const core::EscalationReason& reason : escalation.reasons) {
    absl::StrAppend(&note, "- ", reason.text, " (rule ", reason.rule, ")\n");
  }
  absl::StrAppend(&note, "Tags set by agents are unchanged; accept or reject these in Debrief.");
  return note;
}

std::string SuggestedTagsFieldValue(const core::Debriefing& debriefing) {
  std::vector<std::string> tags;
  for (const core::Label& tag : debriefing.suggested_tags) {
    tags.push_back(absl::StrCat(tag.value, " (", Confidence(tag.confidence), ")"));
  }
  return absl::StrCat(kFieldMarker, tags.empty() ? "no suggestion" : absl::StrJoin(tags, ", "));
}

std::string EscalationFieldValue(const core::Debriefing& debriefing) {
  const core::Escalation& escalation = debriefing.escalation;
  std::string value = absl::StrCat(kFieldMarker, core::EscalationLevelName(escalation.level));
  if (escalation.target != core::Team::kUnspecified) {
    absl::StrAppend(&value, " to ", core::TeamName(escalation.target));
  }
  absl::StrAppend(&value, DueBy(escalation));
  return value;
}

bool FieldIsOurs(absl::string_view value) {
  return absl::StripAsciiWhitespace(value).empty() || absl::StartsWith(value, kFieldMarker);
}

}  // namespace debrief::ingest
