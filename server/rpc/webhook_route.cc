#include "server/rpc/webhook_route.h"

#include <cmath>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"
#include "server/codec/ticket_codec.h"
#include "server/common/logging.h"
#include "server/rpc/request_validation.h"
#include "server/rpc/status_conversion.h"

namespace debrief::rpc {
namespace {

constexpr char kMethod[] = "Webhook";

std::string Dump(const nlohmann::json& json) {
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

ingest::HookRequest HookRequestOf(const httplib::Request& request, absl::Time now) {
  ingest::HookRequest hook;
  hook.body = request.body;
  for (const auto& [name, value] : request.headers) hook.SetHeader(name, value);
  hook.token_param = request.get_param_value("token");
  hook.received_at = now;
  return hook;
}

// `id` as it may appear in a log line: printable ASCII, at most 128 characters.
std::string LoggableId(absl::string_view id) {
  if (id.empty()) return "unknown";
  std::string out(id.substr(0, 128));
  for (char& c : out) {
    if (!absl::ascii_isprint(static_cast<unsigned char>(c))) c = '?';
  }
  return out;
}

bool HasText(const core::Ticket& ticket) {
  for (const core::Message& message : ticket.messages) {
    if (!absl::StripAsciiWhitespace(message.body_text).empty() ||
        !absl::StripAsciiWhitespace(message.body_html).empty()) {
      return true;
    }
  }
  return false;
}

}  // namespace

WebhookRoute::WebhookRoute(const common::Snapshot<ingest::SourceRegistry>& sources,
                           core::WebhookInbox& inbox, Admission& admission,
                           const config::LimitsOptions& limits, const common::Clock& clock,
                           common::MetricsRegistry& metrics, std::function<void()> accepted)
    : sources_(sources),
      inbox_(inbox),
      admission_(admission),
      limits_(limits),
      clock_(clock),
      requests_(metrics.AddCounter(
          "debrief_hook_requests_total",
          "Webhook requests by source and outcome (accepted, duplicate, ignored, "
          "unauthenticated, rate_limited, too_large, unsupported_media_type, malformed, "
          "invalid, unavailable, unknown_source).",
          {"source", "outcome"})),
      accepted_(std::move(accepted)) {}

void WebhookRoute::Register(HttpServer& server) {
  server.Route("POST", R"(/v1/hooks/([^/]+))",
               [this](const httplib::Request& request, httplib::Response& response) {
                 Handle(request, response);
               });
}

void WebhookRoute::Answer(httplib::Response& response, const std::string& source,
                          absl::string_view outcome, int http_status, const std::string& json) {
  requests_.WithLabels({source, std::string(outcome)}).Increment();
  response.status = http_status;
  response.set_content(json, "application/json");
}

void WebhookRoute::Reject(httplib::Response& response, const std::string& source,
                          absl::string_view outcome, int http_status,
                          const absl::Status& status) {
  admission_.RecordRejected(kMethod, status.code());
  requests_.WithLabels({source, std::string(outcome)}).Increment();
  response.status = http_status;
  response.set_content(ErrorJson(status, http_status), "application/json");
}

void WebhookRoute::Handle(const httplib::Request& request, httplib::Response& response) {
  auto log = common::ModuleLogger("rpc");
  const std::string name = request.matches.size() > 1 ? request.matches[1].str() : "";
  const std::shared_ptr<const ingest::SourceRegistry> registry = sources_.Get();
  const ingest::Source* source = registry->Find(name);
  if (source == nullptr) {
    Reject(response, "unknown", "unknown_source", 404,
           absl::NotFoundError(absl::StrCat("source: no helpdesk source named \"",
                                            name.substr(0, 64),
                                            "\" is configured (see sources: in the configuration)")));
    return;
  }
  const config::SourceOptions& options = source->options();

  if (static_cast<int64_t>(request.body.size()) > options.max_body_bytes) {
    Reject(response, name, "too_large", 413,
           absl::ResourceExhaustedError(absl::StrCat("body: ", request.body.size(),
                                                     " bytes is more than sources.", name,
                                                     ".max_body_bytes (", options.max_body_bytes,
                                                     ")")));
    return;
  }
  const std::string content_type = request.get_header_value("Content-Type");
  if (!absl::StartsWithIgnoreCase(content_type, "application/json")) {
    Reject(response, name, "unsupported_media_type", 415,
           absl::InvalidArgumentError(absl::StrCat("Content-Type: must be application/json, got \"",
                                                   content_type.substr(0, 100), "\"")));
    return;
  }

  const ingest::HookRequest hook = HookRequestOf(request, clock_.Now());
  if (const absl::Status auth = source->authenticator().Authenticate(hook, hook.received_at);
      !auth.ok()) {
    log->warn("webhook for source {} rejected (delivery {}): {}", name,
              LoggableId(source->adapter().DeliveryIdForLog(hook)), auth.message());
    Reject(response, name, "unauthenticated", 401, auth);
    return;
  }
  // Only authenticated deliveries spend the source's budget, so forged requests cannot
  // get the helpdesk's real ones refused.
  if (std::optional<absl::Duration> wait = source->limiter().TryAcquire()) {
    const int64_t seconds = std::max<int64_t>(1, static_cast<int64_t>(std::ceil(absl::ToDoubleSeconds(*wait))));
    response.set_header("Retry-After", absl::StrCat(seconds));
    Reject(response, name, "rate_limited", 429,
           absl::ResourceExhaustedError(absl::StrCat(
               "sources.", name, ".rate_limit: more than ", options.rate_limit.requests_per_second,
               " requests per second (burst ", options.rate_limit.burst, "); retry after ",
               seconds, "s")));
    return;
  }
  if (options.vendor == "front" && !hook.Header("X-Front-Challenge").empty()) {
    // Front validates an application webhook by having its challenge echoed.
    Answer(response, name, "ignored", 200,
           Dump({{"challenge", std::string(hook.Header("X-Front-Challenge"))}}));
    return;
  }

  absl::StatusOr<ingest::HookEvent> event = source->Normalize(hook);
  if (!event.ok()) {
    Reject(response, name, "malformed", 400, event.status());
    return;
  }
  core::Ticket& ticket = event->ticket;
  if (!event->closes) {
    log->debug("webhook for source {} ignored: {}", name, event->ignore_reason);
    Answer(response, name, "ignored", 200,
           Dump({{"status", "ignored"},
                 {"event", event->event_type},
                 {"reason", event->ignore_reason}}));
    return;
  }
  // A thin close may arrive without text when the API will supply the conversation.
  const bool thin = event->enrich && source->fetcher() != nullptr;
  const TicketUse use = thin && !HasText(ticket) ? TicketUse::kThinClose : TicketUse::kClose;
  if (absl::Status valid = ValidateTicket(codec::TicketToProto(ticket), use, limits_, "ticket");
      !valid.ok()) {
    if (use == TicketUse::kClose && !HasText(ticket) && event->enrich) {
      valid = absl::InvalidArgumentError(absl::StrCat(
          valid.message(), " (this payload carries no conversation: configure sources.", name,
          ".api so Debrief can fetch it)"));
    }
    Reject(response, name, "invalid", 400, valid);
    return;
  }

  std::optional<Admission::Ticket> admitted = admission_.TryEnter(kMethod);
  if (!admitted.has_value()) {
    response.set_header("Retry-After", "1");
    requests_.WithLabels({name, "rate_limited"}).Increment();
    response.status = 429;
    response.set_content(ErrorJson(absl::ResourceExhaustedError("too many calls in flight; retry "
                                                                "with backoff"),
                                   429),
                         "application/json");
    return;
  }
  core::InboxDelivery delivery;
  delivery.source = name;
  delivery.delivery_key = ticket.delivery_id;
  delivery.enrich = event->enrich;
  delivery.close_confirmed = event->close_confirmed;
  delivery.received_at = hook.received_at;
  delivery.ticket = std::move(ticket);
  absl::StatusOr<core::AcceptOutcome> outcome = inbox_.Accept(delivery);
  admitted->Finish(outcome.status().code());
  if (!outcome.ok()) {
    log->error("webhook for source {} (delivery {}) could not be stored: {}", name,
               delivery.delivery_key, outcome.status().message());
    // Zendesk retries a 503 only when Retry-After is under a minute.
    response.set_header("Retry-After", "30");
    Reject(response, name, "unavailable", 503,
           absl::UnavailableError("the delivery could not be stored; retry later"));
    return;
  }
  const core::DeliveryRecord& record = outcome->record;
  if (outcome->duplicate) {
    nlohmann::json body = {{"status", std::string(core::DeliveryStateName(record.state))},
                           {"duplicate", true},
                           {"delivery_id", delivery.delivery_key}};
    if (!record.result_json.empty()) {
      body["result"] = nlohmann::json::parse(record.result_json, nullptr, false);
    }
    if (!record.error.empty()) body["error"] = record.error;
    Answer(response, name, "duplicate", 200, Dump(body));
    return;
  }
  log->debug("webhook for source {} accepted: delivery {}", name, delivery.delivery_key);
  Answer(response, name, "accepted", 202,
         Dump({{"status", "accepted"}, {"delivery_id", delivery.delivery_key}}));
  accepted_();
}

}  // namespace debrief::rpc
