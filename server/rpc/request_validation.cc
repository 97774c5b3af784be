#include "server/rpc/request_validation.h"

#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "server/common/ids.h"

namespace debrief::rpc {
namespace {

absl::Status Invalid(const std::string& path, absl::string_view message) {
  return absl::InvalidArgumentError(absl::StrCat(path, ": ", message));
}

std::string Field(const std::string& path, absl::string_view name) {
  return path.empty() ? std::string(name) : absl::StrCat(path, ".", name);
}

std::string Item(const std::string& path, absl::string_view name, int index) {
  return absl::StrCat(Field(path, name), "[", index, "]");
}

absl::Status CheckText(const std::string& value, const std::string& path) {
  if (!common::IsValidUtf8(value)) return Invalid(path, "is not valid UTF-8");
  return absl::OkStatus();
}

absl::Status CheckId(const std::string& value, const std::string& path,
                     const config::LimitsOptions& limits, bool required) {
  if (value.empty()) return required ? Invalid(path, "is required") : absl::OkStatus();
  if (static_cast<int>(value.size()) > limits.max_id_bytes) {
    return Invalid(path, absl::StrCat("is longer than ", limits.max_id_bytes, " bytes"));
  }
  if (!common::IsValidUtf8(value)) return Invalid(path, "is not valid UTF-8");
  for (const char c : value) {
    if (static_cast<unsigned char>(c) < 0x20) return Invalid(path, "contains control characters");
  }
  return absl::OkStatus();
}

absl::Status CheckTimestamp(const google::protobuf::Timestamp& timestamp, const std::string& path) {
  // The range protobuf's JSON mapping accepts: 0001-01-01 to 9999-12-31.
  if (timestamp.seconds() < -62135596800 || timestamp.seconds() > 253402300799 ||
      timestamp.nanos() < 0 || timestamp.nanos() > 999999999) {
    return Invalid(path, "is out of range");
  }
  return absl::OkStatus();
}

absl::Status CheckParty(const v1::Party& party, const std::string& path,
                        const config::LimitsOptions& limits) {
  if (absl::Status s = CheckId(party.id(), Field(path, "id"), limits, false); !s.ok()) return s;
  if (absl::Status s = CheckText(party.email(), Field(path, "email")); !s.ok()) return s;
  if (absl::Status s = CheckText(party.name(), Field(path, "name")); !s.ok()) return s;
  return CheckId(party.external_id(), Field(path, "external_id"), limits, false);
}

}  // namespace

absl::Status ValidateAccount(const v1::Account& account, const config::LimitsOptions& limits,
                             const std::string& path, bool id_required) {
  if (absl::Status s = CheckId(account.id(), Field(path, "id"), limits, id_required); !s.ok()) {
    return s;
  }
  const std::pair<const std::string*, const char*> account_texts[] = {
      {&account.name(), "name"}, {&account.plan(), "plan"}, {&account.segment(), "segment"}};
  for (const auto& [text, name] : account_texts) {
    if (absl::Status s = CheckText(*text, Field(path, name)); !s.ok()) return s;
  }
  if (account.arr_cents() < 0) return Invalid(Field(path, "arr_cents"), "must not be negative");
  if (!account.currency().empty()) {
    bool iso = account.currency().size() == 3;
    for (const char c : account.currency()) iso = iso && absl::ascii_isupper(c);
    if (!iso) return Invalid(Field(path, "currency"), "must be an ISO 4217 code like USD");
  }
  if (!account.renewal_date().empty()) {
    absl::CivilDay day;
    if (!absl::ParseCivilTime(account.renewal_date(), &day)) {
      return Invalid(Field(path, "renewal_date"), "must be a date YYYY-MM-DD");
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateTicket(const v1::Ticket& ticket, TicketUse use,
                            const config::LimitsOptions& limits, const std::string& path) {
  if (!v1::Source_IsValid(ticket.source())) {
    return Invalid(Field(path, "source"), absl::StrCat("unknown enum value ", ticket.source()));
  }
  if (use != TicketUse::kSuggest && ticket.source() == v1::SOURCE_UNSPECIFIED) {
    return Invalid(Field(path, "source"), "is required (e.g. SOURCE_GENERIC)");
  }
  if (absl::Status s = CheckId(ticket.ticket_id(), Field(path, "ticket_id"), limits, true); !s.ok()) {
    return s;
  }
  if (absl::Status s = CheckId(ticket.source_tenant(), Field(path, "source_tenant"), limits, false);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = CheckId(ticket.delivery_id(), Field(path, "delivery_id"), limits, false);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = CheckText(ticket.subject(), Field(path, "subject")); !s.ok()) return s;
  if (ticket.messages_size() > limits.max_messages) {
    return Invalid(Field(path, "messages"),
                   absl::StrCat("has ", ticket.messages_size(), " messages; at most ",
                                limits.max_messages, " are accepted"));
  }
  int64_t total_bytes = static_cast<int64_t>(ticket.subject().size());
  bool has_text = !absl::StripAsciiWhitespace(ticket.subject()).empty() && use == TicketUse::kSuggest;
  bool has_message_text = false;
  for (int i = 0; i < ticket.messages_size(); ++i) {
    const v1::Message& message = ticket.messages(i);
    const std::string item = Item(path, "messages", i);
    if (!v1::AuthorRole_IsValid(message.author_role())) {
      return Invalid(Field(item, "author_role"),
                     absl::StrCat("unknown enum value ", message.author_role()));
    }
    if (absl::Status s = CheckId(message.author_id(), Field(item, "author_id"), limits, false);
        !s.ok()) {
      return s;
    }
    if (absl::Status s = CheckText(message.body_text(), Field(item, "body_text")); !s.ok()) return s;
    if (absl::Status s = CheckText(message.body_html(), Field(item, "body_html")); !s.ok()) return s;
    if (message.has_created_at()) {
      if (absl::Status s = CheckTimestamp(message.created_at(), Field(item, "created_at")); !s.ok()) {
        return s;
      }
    }
    total_bytes += static_cast<int64_t>(message.body_text().size() + message.body_html().size());
    if (!absl::StripAsciiWhitespace(message.body_text()).empty() ||
        !absl::StripAsciiWhitespace(message.body_html()).empty()) {
      has_message_text = true;
    }
  }
  if (total_bytes > limits.max_ticket_bytes) {
    return Invalid(Field(path, "messages"),
                   absl::StrCat("ticket text is ", total_bytes, " bytes; at most ",
                                limits.max_ticket_bytes, " are accepted"));
  }
  has_text = has_text || has_message_text;
  if (!has_text && use != TicketUse::kThinClose) {
    return Invalid(Field(path, "messages"),
                   use == TicketUse::kClose
                       ? "at least one message with text (body_text or body_html) is required"
                       : "a subject or at least one message with text is required");
  }
  if (absl::Status s = CheckParty(ticket.requester(), Field(path, "requester"), limits); !s.ok()) {
    return s;
  }
  if (absl::Status s = CheckParty(ticket.assignee(), Field(path, "assignee"), limits); !s.ok()) {
    return s;
  }
  if (absl::Status s = ValidateAccount(ticket.account(), limits, Field(path, "account"), false);
      !s.ok()) {
    return s;
  }
  if (ticket.tags_size() > limits.max_tags) {
    return Invalid(Field(path, "tags"), absl::StrCat("has ", ticket.tags_size(), " tags; at most ",
                                                     limits.max_tags, " are accepted"));
  }
  for (int i = 0; i < ticket.tags_size(); ++i) {
    if (absl::Status s = CheckId(ticket.tags(i), Item(path, "tags", i), limits, true); !s.ok()) {
      return s;
    }
  }
  if (!v1::Priority_IsValid(ticket.priority())) {
    return Invalid(Field(path, "priority"), absl::StrCat("unknown enum value ", ticket.priority()));
  }
  const std::pair<const std::string*, const char*> ticket_texts[] = {
      {&ticket.status(), "status"}, {&ticket.group(), "group"}, {&ticket.channel(), "channel"},
      {&ticket.url(), "url"},       {&ticket.ticket_number(), "ticket_number"}};
  for (const auto& [text, name] : ticket_texts) {
    if (absl::Status s = CheckText(*text, Field(path, name)); !s.ok()) return s;
  }
  if (ticket.custom_fields_size() > limits.max_custom_fields) {
    return Invalid(Field(path, "custom_fields"),
                   absl::StrCat("has ", ticket.custom_fields_size(), " fields; at most ",
                                limits.max_custom_fields, " are accepted"));
  }
  for (const auto& [key, value] : ticket.custom_fields()) {
    const std::string field_path = absl::StrCat(Field(path, "custom_fields"), "[\"", key, "\"]");
    if (absl::Status s = CheckId(key, field_path, limits, true); !s.ok()) return s;
    if (absl::Status s = CheckText(value, field_path); !s.ok()) return s;
  }
  if (ticket.has_satisfaction()) {
    const double score = ticket.satisfaction().score();
    if (!(score >= 0 && score <= 1)) {
      return Invalid(Field(path, "satisfaction.score"), "must be between 0 and 1");
    }
  }
  if (ticket.has_created_at()) {
    if (absl::Status s = CheckTimestamp(ticket.created_at(), Field(path, "created_at")); !s.ok()) {
      return s;
    }
  }
  if (ticket.has_closed_at()) {
    if (absl::Status s = CheckTimestamp(ticket.closed_at(), Field(path, "closed_at")); !s.ok()) {
      return s;
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateRequest(const v1::OnTicketClosedRequest& request,
                             const config::LimitsOptions& limits) {
  if (!request.has_ticket()) return Invalid("ticket", "is required");
  return ValidateTicket(request.ticket(), TicketUse::kClose, limits, "ticket");
}

absl::Status ValidateRequest(const v1::SuggestTagsRequest& request,
                             const config::LimitsOptions& limits) {
  if (!request.has_ticket()) return Invalid("ticket", "is required");
  if (request.max_tags() < 0 || request.max_tags() > 100) {
    return Invalid("max_tags", "must be between 0 and 100");
  }
  return ValidateTicket(request.ticket(), TicketUse::kSuggest, limits, "ticket");
}

absl::Status ValidateRequest(const v1::RecordFeedbackRequest& request,
                             const config::LimitsOptions& limits) {
  if (absl::Status s = CheckId(request.decision_id(), "decision_id", limits, true); !s.ok()) return s;
  if (absl::Status s = CheckId(request.agent_id(), "agent_id", limits, false); !s.ok()) return s;
  if (request.accepted_size() + request.rejected_size() + request.added_size() == 0) {
    return Invalid("accepted", "feedback needs at least one accepted, rejected or added tag");
  }
  if (request.accepted_size() + request.rejected_size() + request.added_size() > limits.max_tags) {
    return Invalid("added", absl::StrCat("at most ", limits.max_tags, " tags are accepted"));
  }
  const std::pair<const google::protobuf::RepeatedPtrField<std::string>*, const char*> lists[] = {
      {&request.accepted(), "accepted"}, {&request.rejected(), "rejected"}, {&request.added(), "added"}};
  for (const auto& [list, name] : lists) {
    for (int i = 0; i < list->size(); ++i) {
      if (absl::Status s = CheckId(list->Get(i), absl::StrCat(name, "[", i, "]"), limits, true);
          !s.ok()) {
        return s;
      }
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateRequest(const v1::GetAccountHealthRequest& request,
                             const config::LimitsOptions& limits) {
  if (absl::Status s = CheckId(request.account_id(), "account_id", limits, true); !s.ok()) return s;
  if (request.page_size() < 0 || request.page_size() > kMaxTimelinePageSize) {
    return Invalid("page_size", absl::StrCat("must be between 0 and ", kMaxTimelinePageSize));
  }
  if (request.page_token().size() > 256) {
    return Invalid("page_token", "is not a token from a previous response");
  }
  return absl::OkStatus();
}

absl::Status ValidateRequest(const v1::ForgetCustomerRequest& request,
                             const config::LimitsOptions& limits) {
  std::string value;
  switch (request.subject_case()) {
    case v1::ForgetCustomerRequest::kRequesterEmail: {
      const std::string& email = request.requester_email();
      if (absl::Status s = CheckId(email, "requester_email", limits, true); !s.ok()) return s;
      const size_t at = email.find('@');
      if (at == std::string::npos || at == 0 || at + 1 == email.size()) {
        return Invalid("requester_email", "must be an e-mail address");
      }
      value = email;
      break;
    }
    case v1::ForgetCustomerRequest::kRequesterId:
      if (absl::Status s = CheckId(request.requester_id(), "requester_id", limits, true); !s.ok()) {
        return s;
      }
      value = request.requester_id();
      break;
    case v1::ForgetCustomerRequest::kAccountId:
      if (absl::Status s = CheckId(request.account_id(), "account_id", limits, true); !s.ok()) {
        return s;
      }
      value = request.account_id();
      break;
    default:
      return Invalid("subject", "one of requester_email, requester_id or account_id is required");
  }
  if (absl::Status s = CheckText(request.reason(), "reason"); !s.ok()) return s;
  if (request.reason().size() > 1024) return Invalid("reason", "is longer than 1024 bytes");
  // The audit record keeps the reason; it must not keep what is being erased.
  if (absl::StrContains(absl::AsciiStrToLower(request.reason()), absl::AsciiStrToLower(value))) {
    return Invalid("reason", "must not repeat the personal data being erased");
  }
  return absl::OkStatus();
}

absl::Status ValidateRequest(const v1::UpsertAccountsRequest& request,
                             const config::LimitsOptions& limits) {
  if (request.accounts_size() == 0) return Invalid("accounts", "at least one account is required");
  if (request.accounts_size() > kMaxUpsertAccounts) {
    return Invalid("accounts", absl::StrCat("has ", request.accounts_size(),
                                            " accounts; at most ", kMaxUpsertAccounts,
                                            " are accepted per call"));
  }
  std::map<std::string, int> first_index;
  for (int i = 0; i < request.accounts_size(); ++i) {
    const std::string path = Item("", "accounts", i);
    if (absl::Status s = ValidateAccount(request.accounts(i), limits, path, true); !s.ok()) {
      return s;
    }
    auto [it, inserted] = first_index.emplace(request.accounts(i).id(), i);
    if (!inserted) {
      return Invalid(Field(path, "id"), absl::StrCat("repeats accounts[", it->second, "].id"));
    }
  }
  return absl::OkStatus();
}

}  // namespace debrief::rpc
