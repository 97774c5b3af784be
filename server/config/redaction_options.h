// What the redaction stage removes before anything else reads a ticket (`redaction:`
// section): the built-in detectors, each replaced by a typed placeholder ([EMAIL], [PHONE],
// [CARD], [IBAN], [IP], [SECRET], [NAME]), and custom RE2 patterns ([CUSTOM:<NAME>]).
#ifndef DEBRIEF_SERVER_CONFIG_REDACTION_OPTIONS_H_
#define DEBRIEF_SERVER_CONFIG_REDACTION_OPTIONS_H_

#include <string>
#include <vector>

namespace debrief::config {

// A site-specific pattern, e.g. employee or contract numbers.
struct RedactionPattern {
  // Placeholder name: matches become "[CUSTOM:<name>]". 1-32 of A-Z, 0-9, '_'. Required.
  std::string name;
  // RE2 pattern; the whole match is replaced. Case-sensitive unless written with (?i).
  // Must not match the empty string. Required.
  std::string pattern;
};

struct RedactionOptions {
  // E-mail addresses -> [EMAIL]. Default true.
  bool emails = true;
  // Phone numbers in international and national formats -> [PHONE]. Default true.
  bool phones = true;
  // Payment card numbers, 12-19 digits with optional spaces or dashes, Luhn-checked
  // (numbers that fail the check stay) -> [CARD]. Default true.
  bool cards = true;
  // IBANs whose mod-97 check passes -> [IBAN]. Default true.
  bool ibans = true;
  // IPv4 and IPv6 addresses -> [IP]. Default true.
  bool ips = true;
  // API keys and tokens with known prefixes (sk_live_, ghp_, AKIA, xox..., JWTs, private
  // key blocks, "password: ..."), and long high-entropy strings -> [SECRET]. Default true.
  bool secrets = true;
  // The requester's and assignee's names, wherever they appear in text -> [NAME]; the
  // name fields themselves are always replaced. Default true.
  bool names = true;
  // Shortest run of letters and digits (in characters) that may count as a high-entropy
  // secret. Default 32.
  int secret_min_length = 32;
  // Shannon entropy, in bits per character, at or above which such a run is a secret.
  // Default 3.5 (random hex scores ~3.7-4, base64 ~5, English-like identifiers ~3-3.5).
  double secret_min_entropy_bits = 3.5;
  // Extra patterns, applied after the built-in detectors. Default none.
  std::vector<RedactionPattern> custom;
};

}  // namespace debrief::config

#endif  // DEBRIEF_SERVER_CONFIG_REDACTION_OPTIONS_H_
