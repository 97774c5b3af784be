#include "server/routing/destinations/nats/nats_destination.h"

#include <nats/nats.h>

#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "server/config/secret.h"

namespace debrief::routing {
namespace {

// Owns a natsOptions until the connection is made.
struct OptionsDeleter {
  void operator()(natsOptions* options) const { natsOptions_Destroy(options); }
};

absl::Status Failed(const config::DestinationOptions& options, absl::string_view what, natsStatus s) {
  return absl::UnavailableError(absl::StrCat("destinations.", options.name, ": ", what, ": ",
                                             natsStatus_GetText(s)));
}

// A valid NATS subject to publish to: tokens separated by '.', no wildcards, no blanks.
bool IsPublishSubject(absl::string_view subject) {
  if (subject.empty() || absl::StartsWith(subject, ".") || absl::EndsWith(subject, ".") ||
      absl::StrContains(subject, "..")) {
    return false;
  }
  for (char c : subject) {
    if (c == '*' || c == '>' || c == ' ' || c == '\t' || c == '\r' || c == '\n') return false;
  }
  return true;
}

void OnConnected(natsConnection* /*connection*/, void* /*closure*/) {}

}  // namespace

absl::StatusOr<std::unique_ptr<NatsDestination>> NatsDestination::Create(
    const config::DestinationOptions& options) {
  const std::string path = absl::StrCat("destinations.", options.name);
  if (!absl::StartsWith(options.url, "nats://")) {
    return absl::InvalidArgumentError(absl::StrCat(path, ".url: must start with nats://"));
  }
  if (!IsPublishSubject(options.subject)) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ".subject: \"", options.subject, "\" is not a subject to publish to"));
  }
  std::string token;
  if (!options.secret.empty()) {
    absl::StatusOr<std::string> resolved = config::ResolveSecret(options.secret);
    if (!resolved.ok()) return resolved.status();
    token = *std::move(resolved);
  }
  natsOptions* raw = nullptr;
  if (natsStatus s = natsOptions_Create(&raw); s != NATS_OK) return Failed(options, "nats options", s);
  std::unique_ptr<natsOptions, OptionsDeleter> nats_options(raw);
  natsStatus s = natsOptions_SetURL(raw, options.url.c_str());
  if (s == NATS_OK) s = natsOptions_SetName(raw, "debriefd");
  if (s == NATS_OK) s = natsOptions_SetTimeout(raw, absl::ToInt64Milliseconds(options.connect_timeout));
  if (s == NATS_OK) s = natsOptions_SetAllowReconnect(raw, true);
  if (s == NATS_OK) s = natsOptions_SetMaxReconnect(raw, -1);
  if (s == NATS_OK) s = natsOptions_SetReconnectWait(raw, 1000);
  // A server down at start-up: connect in the background; deliveries retry meanwhile.
  if (s == NATS_OK) s = natsOptions_SetRetryOnFailedConnect(raw, true, OnConnected, nullptr);
  if (s == NATS_OK && !token.empty()) s = natsOptions_SetToken(raw, token.c_str());
  if (s != NATS_OK) return Failed(options, "nats options", s);

  natsConnection* connection = nullptr;
  s = natsConnection_Connect(&connection, raw);
  if (s != NATS_OK && s != NATS_NOT_YET_CONNECTED) {
    // The error text can name the URL, never the token.
    return Failed(options, absl::StrCat("connecting to ", options.url), s);
  }
  jsOptions js_options;
  jsOptions_Init(&js_options);
  js_options.Wait = absl::ToInt64Milliseconds(options.timeout);
  jsCtx* js = nullptr;
  if (s = natsConnection_JetStream(&js, connection, &js_options); s != NATS_OK) {
    natsConnection_Destroy(connection);
    return Failed(options, "JetStream context", s);
  }
  return std::unique_ptr<NatsDestination>(
      new NatsDestination(options.subject, options.timeout, connection, js));
}

NatsDestination::NatsDestination(std::string subject, absl::Duration timeout,
                                 natsConnection* connection, jsCtx* js)
    : subject_(std::move(subject)), timeout_(timeout), connection_(connection), js_(js) {}

NatsDestination::~NatsDestination() {
  jsCtx_Destroy(js_);
  natsConnection_Close(connection_);
  natsConnection_Destroy(connection_);
}

DeliveryResult NatsDestination::Deliver(const core::Insight& insight, const core::Delivery& delivery,
                                        int /*attempt*/) {
  const std::string body = InsightJson(insight, delivery);
  jsPubOptions publish;
  jsPubOptions_Init(&publish);
  publish.MsgId = insight.insight_id.c_str();
  publish.MaxWait = absl::ToInt64Milliseconds(timeout_);
  jsPubAck* ack = nullptr;
  jsErrCode js_error = static_cast<jsErrCode>(0);
  const natsStatus s = js_Publish(&ack, js_, subject_.c_str(), body.data(), static_cast<int>(body.size()),
                                  &publish, &js_error);
  DeliveryResult result;
  if (s == NATS_OK) {
    jsPubAck_Destroy(ack);
    result.outcome = DeliveryResult::Outcome::kDelivered;
    return result;
  }
  if (s == NATS_NO_RESPONDERS || js_error == JSStreamNotFoundErr) {
    result.outcome = DeliveryResult::Outcome::kRetry;
    result.error = absl::StrCat("no JetStream stream captures subject ", subject_,
                                " (create one; retried meanwhile)");
    return result;
  }
  if (js_error == JSStreamMessageExceedsMaximumErr) {
    result.outcome = DeliveryResult::Outcome::kReject;
    result.error = absl::StrCat("JetStream refused the message (", body.size(),
                                " bytes): larger than the stream's max_msg_size");
    return result;
  }
  result.outcome = DeliveryResult::Outcome::kRetry;
  result.error = absl::StrCat("publishing to ", subject_, ": ", natsStatus_GetText(s),
                              js_error != 0 ? absl::StrCat(" (JetStream error ", js_error, ")") : "");
  return result;
}

}  // namespace debrief::routing
