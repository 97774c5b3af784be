// The normalized ticket as the server's modules see it: the core mirror of
// debrief.v1.Ticket (proto/debrief/v1/ticket.proto), free of any wire format. Adapters in
// ingest/ and codecs in codec/ produce it; analysis, policy and storage consume it.
#ifndef DEBRIEF_SERVER_CORE_TICKET_H_
#define DEBRIEF_SERVER_CORE_TICKET_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace debrief::core {

// The helpdesk a ticket came from. Values match debrief.v1.Source.
enum class Source {
  kUnspecified = 0,
  kGeneric = 1,
  kZendesk = 2,
  kFreshdesk = 3,
  kZammad = 4,
  kChatwoot = 5,
  kIntercom = 6,
  kHelpScout = 7,
  kJiraSm = 8,
  kFront = 9,
};

// Who wrote a message. Values match debrief.v1.AuthorRole.
enum class AuthorRole { kUnspecified = 0, kCustomer = 1, kAgent = 2, kBot = 3, kSystem = 4 };

// Ticket priority. Values match debrief.v1.Priority.
enum class Priority { kUnspecified = 0, kLow = 1, kNormal = 2, kHigh = 3, kUrgent = 4 };

// Lowercase names ("zendesk", "customer", "urgent"), as used in config, storage and URLs.
absl::string_view SourceName(Source source);
absl::string_view AuthorRoleName(AuthorRole role);
absl::string_view PriorityName(Priority priority);
// Parses a lowercase name; nullopt when unknown.
std::optional<Source> SourceFromName(absl::string_view name);
std::optional<Priority> PriorityFromName(absl::string_view name);

// One message of the conversation.
struct Message {
  AuthorRole author_role = AuthorRole::kUnspecified;
  std::string author_id;
  // Plain text; after normalization and redaction, the only text analysis reads.
  std::string body_text;
  // Original HTML, if any; dropped after normalization.
  std::string body_html;
  // False for internal notes.
  bool is_public = true;
  std::optional<absl::Time> created_at;
};

// A person.
struct Party {
  std::string id;
  std::string email;
  std::string name;
  std::string external_id;
};

// The customer's company, usually from the CRM.
struct Account {
  std::string id;
  std::string name;
  std::string plan;
  // Annual recurring revenue in minor units of `currency`.
  int64_t arr_cents = 0;
  std::string currency;
  // YYYY-MM-DD, or empty.
  std::string renewal_date;
  std::string segment;
};

// A satisfaction rating.
struct Satisfaction {
  // 0..1.
  double score = 0;
  std::string raw;
  std::string comment;
};

// A ticket. Value type; thread-compatible.
struct Ticket {
  Source source = Source::kUnspecified;
  std::string source_tenant;
  std::string ticket_id;
  std::string delivery_id;
  std::string subject;
  std::vector<Message> messages;
  Party requester;
  Account account;
  // The helpdesk's tags as humans left them.
  std::vector<std::string> tags;
  Priority priority = Priority::kUnspecified;
  std::string status;
  Party assignee;
  std::string group;
  std::string channel;
  std::map<std::string, std::string> custom_fields;
  std::optional<Satisfaction> satisfaction;
  std::optional<absl::Time> created_at;
  std::optional<absl::Time> closed_at;
  std::string url;
  std::string ticket_number;
  // True when the conversation could not be fetched in full.
  bool partial = false;
};

// The idempotency key of a ticket close: (source, tenant, ticket id, delivery id), or the
// close time when there is no delivery id, or a digest of the conversation when there is
// neither. The same close delivered twice yields the same key; a reopen-and-close yields
// a new one.
std::string CloseKey(const Ticket& ticket);

}  // namespace debrief::core

#endif  // DEBRIEF_SERVER_CORE_TICKET_H_
