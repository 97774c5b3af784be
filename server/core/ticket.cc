#include "server/core/ticket.h"

#include <array>
#include <utility>

#include "absl/strings/str_cat.h"
#include "server/common/ids.h"

namespace debrief::core {
namespace {

constexpr std::array<std::pair<Source, absl::string_view>, 10> kSourceNames = {{
    {Source::kUnspecified, "unspecified"},
    {Source::kGeneric, "generic"},
    {Source::kZendesk, "zendesk"},
    {Source::kFreshdesk, "freshdesk"},
    {Source::kZammad, "zammad"},
    {Source::kChatwoot, "chatwoot"},
    {Source::kIntercom, "intercom"},
    {Source::kHelpScout, "helpscout"},
    {Source::kJiraSm, "jira_sm"},
    {Source::kFront, "front"},
}};

constexpr std::array<std::pair<Priority, absl::string_view>, 5> kPriorityNames = {{
    {Priority::kUnspecified, "unspecified"},
    {Priority::kLow, "low"},
    {Priority::kNormal, "normal"},
    {Priority::kHigh, "high"},
    {Priority::kUrgent, "urgent"},
}};

}  // namespace

absl::string_view SourceName(Source source) {
  for (const auto& [value, name] : kSourceNames) {
    if (value == source) return name;
  }
  return "unspecified";
}

std::optional<Source> SourceFromName(absl::string_view name) {
  for (const auto& [value, known] : kSourceNames) {
    if (known == name && value != Source::kUnspecified) return value;
  }
  return std::nullopt;
}

absl::string_view PriorityName(Priority priority) {
  for (const auto& [value, name] : kPriorityNames) {
    if (value == priority) return name;
  }
  return "unspecified";
}

std::optional<Priority> PriorityFromName(absl::string_view name) {
  for (const auto& [value, known] : kPriorityNames) {
    if (known == name) return value;
  }
  return std::nullopt;
}

absl::string_view AuthorRoleName(AuthorRole role) {
  switch (role) {
    case AuthorRole::kCustomer: return "customer";
    case AuthorRole::kAgent: return "agent";
    case AuthorRole::kBot: return "bot";
    case AuthorRole::kSystem: return "system";
    case AuthorRole::kUnspecified: break;
  }
  return "unspecified";
}

std::string CloseKey(const Ticket& ticket) {
  const std::string prefix =
      absl::StrCat(SourceName(ticket.source), "|", ticket.source_tenant, "|", ticket.ticket_id, "|");
  if (!ticket.delivery_id.empty()) return absl::StrCat(prefix, "delivery:", ticket.delivery_id);
  if (ticket.closed_at.has_value()) {
    return absl::StrCat(prefix, "closed:", absl::ToUnixMillis(*ticket.closed_at));
  }
  std::string conversation;
  for (const Message& message : ticket.messages) {
    absl::StrAppend(&conversation, AuthorRoleName(message.author_role), "\x1f", message.body_text,
                    "\x1e");
  }
  return absl::StrCat(prefix, "content:", common::Sha256Hex(conversation));
}

}  // namespace debrief::core
