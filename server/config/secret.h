// References to secrets (signing keys, API tokens). Secrets never live in the YAML file:
// the file names an environment variable or a file, and the value is read at load time.
// A resolved value is never logged.
//
//   secret: {env: ZENDESK_SIGNING_SECRET}
//   secret: {file: /run/secrets/slack-webhook-url}
#ifndef DEBRIEF_SERVER_CONFIG_SECRET_H_
#define DEBRIEF_SERVER_CONFIG_SECRET_H_

#include <string>

#include "absl/status/statusor.h"

namespace debrief::config {

// Where a secret comes from; exactly one of `env` and `file` is set once parsed.
struct SecretRef {
  // Name of an environment variable holding the secret.
  std::string env;
  // Path of a file holding the secret (trailing newlines are stripped).
  std::string file;

  bool empty() const { return env.empty() && file.empty(); }
  // "env:NAME" or "file:PATH", for error messages (never the value).
  std::string Describe() const;

  bool operator==(const SecretRef&) const = default;
};

// Reads the secret's value. NOT_FOUND when the variable is unset or empty, or the file is
// missing or empty; the message names the variable or file, never a value.
absl::StatusOr<std::string> ResolveSecret(const SecretRef& ref);

}  // namespace debrief::config

#endif  // DEBRIEF_SERVER_CONFIG_SECRET_H_
