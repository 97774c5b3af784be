// Redaction, the stage that runs before anything else reads a ticket: e-mail addresses,
// phone numbers, payment cards (Luhn-checked), IBANs (mod-97-checked), IP addresses,
// secrets (known key prefixes, JWTs, private keys, "password: ...", long high-entropy
// strings), the parties' names and custom patterns become typed placeholders ([EMAIL],
// [PHONE], [CARD], [IBAN], [IP], [SECRET], [NAME], [CUSTOM:<NAME>]). Redacting redacted
// text changes nothing.
//
//   auto redactor = Redactor::Create(config.redaction);
//   core::Ticket safe = (*redactor)->RedactTicket(std::move(ticket));
#ifndef DEBRIEF_SERVER_ANALYSIS_REDACTOR_H_
#define DEBRIEF_SERVER_ANALYSIS_REDACTOR_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "re2/re2.h"
#include "server/config/redaction_options.h"
#include "server/core/ticket.h"

namespace debrief::analysis {

// True when the digits of `number` (other characters ignored) pass the Luhn check.
bool LuhnValid(absl::string_view number);
// True when `iban` (spaces ignored) has a valid shape and its mod-97 remainder is 1.
bool IbanValid(absl::string_view iban);
// Shannon entropy of the bytes of `text`, in bits per byte.
double ShannonEntropy(absl::string_view text);

// Immutable after Create; thread-safe.
class Redactor {
 public:
  // INVALID_ARGUMENT naming redaction.custom[i].pattern for a pattern RE2 rejects.
  static absl::StatusOr<std::unique_ptr<Redactor>> Create(const config::RedactionOptions& options);
  ~Redactor();

  // `text` with every detected item replaced by its placeholder; `names` (full names of
  // the people on the ticket) are replaced too, whole and by parts of 3+ letters.
  std::string Redact(absl::string_view text, absl::Span<const std::string> names = {}) const;

  // `ticket` with message bodies, subject, custom field values and the satisfaction
  // comment redacted; the requester's and assignee's names and e-mails replaced; e-mail
  // addresses and secrets removed from party and author ids and the URL (numeric ids stay
  // intact). Ids that are not personal (ticket, account) are kept.
  core::Ticket RedactTicket(core::Ticket ticket) const;

 private:
  struct Span;
  struct Custom {
    std::string placeholder;
    std::unique_ptr<RE2> re;
  };

  explicit Redactor(const config::RedactionOptions& options);
  // One pass: every detector on `text`, overlaps resolved by detector priority. Sets
  // `overlapped` when a finding was dropped for overlapping a stronger one or a
  // placeholder touches letters or digits.
  std::string RedactOnce(absl::string_view text, absl::Span<const std::string> names,
                         bool& overlapped) const;
  // `lower` is `text` lowercased.
  void FindSecrets(absl::string_view text, absl::string_view lower, std::vector<Span>& out) const;
  void FindPhones(absl::string_view text, absl::string_view lower, std::vector<Span>& out) const;
  void FindHighEntropy(absl::string_view text, std::vector<Span>& out) const;

  config::RedactionOptions options_;
  std::vector<Custom> custom_;
};

}  // namespace debrief::analysis

#endif  // DEBRIEF_SERVER_ANALYSIS_REDACTOR_H_
