// Authenticates a webhook before anything reads its body: the vendor's signature scheme,
// HTTP basic auth, or a shared token (header or `token` query parameter), each against
// every configured secret so that secrets can be rotated without downtime.
#ifndef DEBRIEF_SERVER_INGEST_AUTHENTICATOR_H_
#define DEBRIEF_SERVER_INGEST_AUTHENTICATOR_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/config/sources_options.h"
#include "server/ingest/hook_request.h"
#include "server/ingest/signature.h"

namespace debrief::ingest {

// Immutable after Create; thread-safe.
class Authenticator {
 public:
  // Resolves the source's secrets. `scheme` is the vendor's signature scheme (nullopt for
  // vendors that cannot sign). NOT_FOUND naming "sources.<name>.secrets[i]" when a secret
  // cannot be read; INVALID_ARGUMENT when auth is "signature" and there is no scheme.
  static absl::StatusOr<Authenticator> Create(const config::SourceOptions& options,
                                              std::optional<SignatureScheme> scheme);

  // OK when `request` carries valid credentials at `now`; UNAUTHENTICATED naming the header
  // (never a secret) otherwise.
  absl::Status Authenticate(const HookRequest& request, absl::Time now) const;

 private:
  Authenticator() = default;

  std::string mode_;
  std::optional<SignatureScheme> scheme_;
  std::vector<std::string> secrets_;
  std::string basic_username_;
  std::string token_header_;
  absl::Duration tolerance_;
};

}  // namespace debrief::ingest

#endif  // DEBRIEF_SERVER_INGEST_AUTHENTICATOR_H_
