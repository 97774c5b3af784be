#include "server/ingest/authenticator.h"

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace debrief::ingest {

absl::StatusOr<Authenticator> Authenticator::Create(const config::SourceOptions& options,
                                                    std::optional<SignatureScheme> scheme) {
  Authenticator authenticator;
  authenticator.mode_ = options.auth;
  const std::string path = absl::StrCat("sources.", options.name);
  if (options.auth == "signature" && !scheme.has_value()) {
    return absl::InvalidArgumentError(absl::StrCat(
        path, ".auth: ", options.vendor, " does not sign webhooks; use basic or token"));
  }
  authenticator.scheme_ = std::move(scheme);
  for (size_t i = 0; i < options.secrets.size(); ++i) {
    absl::StatusOr<std::string> secret = config::ResolveSecret(options.secrets[i]);
    if (!secret.ok()) {
      return absl::Status(secret.status().code(), absl::StrCat(path, ".secrets[", i, "]: ",
                                                               secret.status().message()));
    }
    authenticator.secrets_.push_back(std::move(*secret));
  }
  authenticator.basic_username_ = options.basic_username;
  authenticator.token_header_ = options.token_header;
  authenticator.tolerance_ = options.timestamp_tolerance;
  return authenticator;
}

absl::Status Authenticator::Authenticate(const HookRequest& request, absl::Time now) const {
  if (mode_ == "signature") {
    return VerifySignature(*scheme_, request, secrets_, now, tolerance_);
  }
  if (mode_ == "basic") {
    absl::string_view header = request.Header("Authorization");
    if (header.empty()) return absl::UnauthenticatedError("Authorization: is missing");
    if (!absl::ConsumePrefix(&header, "Basic ") && !absl::ConsumePrefix(&header, "basic ")) {
      return absl::UnauthenticatedError("Authorization: must be HTTP Basic credentials");
    }
    std::string decoded;
    if (!absl::Base64Unescape(header, &decoded) || decoded.find(':') == std::string::npos) {
      return absl::UnauthenticatedError("Authorization: Basic credentials are malformed");
    }
    const std::string user = decoded.substr(0, decoded.find(':'));
    const std::string password = decoded.substr(decoded.find(':') + 1);
    bool matched = false;
    for (const std::string& secret : secrets_) {
      matched = (ConstantTimeEquals(user, basic_username_) &&
                 ConstantTimeEquals(password, secret)) ||
                matched;
    }
    if (!matched) {
      return absl::UnauthenticatedError("Authorization: user name or password is wrong");
    }
    return absl::OkStatus();
  }
  // mode "token": a header, or the query parameter for helpdesks that cannot set headers.
  const absl::string_view from_header = request.Header(token_header_);
  const absl::string_view token = from_header.empty() ? request.token_param : from_header;
  const std::string where = from_header.empty() ? "token" : token_header_;
  if (token.empty()) {
    return absl::UnauthenticatedError(
        absl::StrCat(token_header_, ": is missing (or pass ?token=)"));
  }
  bool matched = false;
  for (const std::string& secret : secrets_) matched = ConstantTimeEquals(token, secret) || matched;
  if (!matched) return absl::UnauthenticatedError(absl::StrCat(where, ": does not match"));
  return absl::OkStatus();
}

}  // namespace debrief::ingest
