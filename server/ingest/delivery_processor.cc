#include "server/ingest/delivery_processor.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"
#include "server/common/logging.h"

namespace debrief::ingest {
namespace {

int64_t TextBytes(const core::Ticket& ticket) {
  int64_t bytes = static_cast<int64_t>(ticket.subject.size());
  for (const core::Message& message : ticket.messages) {
    bytes += static_cast<int64_t>(message.body_text.size() + message.body_html.size());
  }
  return bytes;
}

bool Transient(const absl::Status& status) {
  return absl::IsUnavailable(status) || absl::IsDeadlineExceeded(status) ||
         absl::IsAborted(status) || absl::IsResourceExhausted(status);
}

std::string ProcessedJson(const core::Debriefing& debriefing, bool partial,
                          const std::string& write_back) {
  nlohmann::json tags = nlohmann::json::array();
  for (const core::Label& tag : debriefing.suggested_tags) {
    tags.push_back({{"tag", tag.value}, {"confidence", tag.confidence}});
  }
  nlohmann::json result = {
      {"status", "processed"},
      {"decision_id", debriefing.decision_id},
      {"suggested_tags", tags},
      {"escalation",
       {{"level", std::string(core::EscalationLevelName(debriefing.escalation.level))},
        {"team", std::string(core::TeamName(debriefing.escalation.target))}}},
      {"partial", partial},
      {"write_back", write_back}};
  return result.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string IgnoredJson(absl::string_view reason) {
  return nlohmann::json({{"status", "ignored"}, {"reason", std::string(reason)}})
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

void ClipToLimits(const config::LimitsOptions& limits, core::Ticket& ticket) {
  std::vector<core::Message>& messages = ticket.messages;
  const auto drop_middle = [&] {
    messages.erase(messages.begin() + static_cast<std::ptrdiff_t>(messages.size() / 2));
    ticket.partial = true;
  };
  while (static_cast<int>(messages.size()) > limits.max_messages) drop_middle();
  while (messages.size() > 1 && TextBytes(ticket) > limits.max_ticket_bytes) drop_middle();
  if (TextBytes(ticket) > limits.max_ticket_bytes && !messages.empty()) {
    core::Message& only = messages.front();
    const size_t room = static_cast<size_t>(
        std::max<int64_t>(0, limits.max_ticket_bytes - static_cast<int64_t>(ticket.subject.size())));
    only.body_html.clear();
    if (only.body_text.size() > room) {
      // Cut on a UTF-8 character boundary.
      size_t cut = room;
      while (cut > 0 && (static_cast<unsigned char>(only.body_text[cut]) & 0xC0) == 0x80) --cut;
      only.body_text.resize(cut);
    }
    ticket.partial = true;
  }
  if (static_cast<int>(ticket.tags.size()) > limits.max_tags) {
    ticket.tags.resize(static_cast<size_t>(limits.max_tags));
    ticket.partial = true;
  }
  while (static_cast<int>(ticket.custom_fields.size()) > limits.max_custom_fields) {
    ticket.custom_fields.erase(std::prev(ticket.custom_fields.end()));
    ticket.partial = true;
  }
}

DeliveryProcessor::DeliveryProcessor(const DeliveryProcessorOptions& options,
                                     const common::Snapshot<SourceRegistry>& sources,
                                     core::CloseHandler& closer, core::WebhookInbox& inbox,
                                     const common::Clock& clock, common::MetricsRegistry& metrics)
    : options_(options),
      sources_(sources),
      closer_(closer),
      inbox_(inbox),
      clock_(clock),
      deliveries_(metrics.AddCounter(
          "debrief_hook_deliveries_total",
          "Accepted webhook deliveries processed, by source and outcome (recorded, partial, "
          "ignored, retry, failed).",
          {"source", "outcome"})),
      enrichments_(metrics.AddCounter(
          "debrief_hook_enrichments_total",
          "Vendor API fetches for thin webhooks, by source and outcome.", {"source", "outcome"})),
      write_backs_(metrics.AddCounter(
          "debrief_hook_write_backs_total",
          "Suggestions written back to the helpdesk, by source and outcome.",
          {"source", "outcome"})) {}

void DeliveryProcessor::Count(const std::string& source, absl::string_view outcome) {
  deliveries_.WithLabels({source, std::string(outcome)}).Increment();
}

ProcessOutcome DeliveryProcessor::RetryOrFail(const core::InboxEntry& entry,
                                              const absl::Status& error) {
  auto log = common::ModuleLogger("ingest");
  const std::string& source = entry.delivery.source;
  const std::string message(error.message());
  const absl::Time now = clock_.Now();
  if (Transient(error) && entry.attempts + 1 < options_.max_attempts) {
    absl::Duration wait = options_.first_retry;
    for (int i = 0; i < entry.attempts && wait < options_.max_retry; ++i) wait *= 2;
    wait = std::min(wait, options_.max_retry);
    log->warn("delivery {} of {}: attempt {} failed, retrying in {}s: {}",
              entry.delivery.delivery_key, source, entry.attempts + 1,
              absl::ToInt64Seconds(wait), message);
    if (inbox_.Retry(entry.id, now + wait, message).ok()) {
      Count(source, "retry");
      return ProcessOutcome::kRetry;
    }
    return ProcessOutcome::kRetry;
  }
  log->error("delivery {} of {}: giving up after {} attempts: {}", entry.delivery.delivery_key,
             source, entry.attempts + 1, message);
  (void)inbox_.Fail(entry.id, message, now);
  Count(source, "failed");
  return ProcessOutcome::kFailed;
}

ProcessOutcome DeliveryProcessor::Process(const core::InboxEntry& entry) {
  auto log = common::ModuleLogger("ingest");
  const core::InboxDelivery& delivery = entry.delivery;
  const std::shared_ptr<const SourceRegistry> registry = sources_.Get();
  const Source* source = registry->Find(delivery.source);
  if (source == nullptr) {
    return RetryOrFail(entry, absl::FailedPreconditionError(absl::StrCat(
                                  "source ", delivery.source, " is no longer configured")));
  }
  core::Ticket ticket = delivery.ticket;

  if (delivery.enrich) {
    std::string outcome = "no_api";
    if (TicketFetcher* fetcher = source->fetcher()) {
      core::Ticket enriched = ticket;
      const absl::Status fetched = fetcher->Fetch(enriched);
      if (fetched.ok()) {
        ticket = std::move(enriched);
        ticket.partial = false;
        outcome = "ok";
      } else {
        outcome = absl::IsNotFound(fetched) ? "not_found"
                  : absl::IsPermissionDenied(fetched) ? "refused"
                                                      : "unavailable";
        log->warn("delivery {} of {}: enrichment failed, the ticket stays partial: {}",
                  delivery.delivery_key, delivery.source, fetched.message());
        if (!delivery.close_confirmed && Transient(fetched)) {
          enrichments_.WithLabels({delivery.source, outcome}).Increment();
          return RetryOrFail(entry, fetched);
        }
      }
    }
    enrichments_.WithLabels({delivery.source, outcome}).Increment();
  }
  if (!delivery.close_confirmed && !source->adapter().IsCloseStatus(ticket.status)) {
    const std::string reason = ticket.status.empty()
                                   ? "the close could not be confirmed from the vendor's API"
                                   : absl::StrCat("status is ", ticket.status);
    if (!inbox_.Complete(entry.id, IgnoredJson(reason), clock_.Now()).ok()) {
      return ProcessOutcome::kRetry;
    }
    Count(delivery.source, "ignored");
    return ProcessOutcome::kIgnored;
  }
  ClipToLimits(options_.limits, ticket);

  absl::StatusOr<core::Debriefing> debriefing = closer_.Close(ticket, core::CloseMode::kLive);
  if (!debriefing.ok()) return RetryOrFail(entry, debriefing.status());

  std::string write_back = "off";
  if (SuggestionWriter* writer = source->writer()) {
    absl::StatusOr<WriteBackResult> written = writer->Write(ticket, *debriefing);
    if (written.ok()) {
      write_back = std::string(WriteBackResultName(*written));
    } else {
      write_backs_.WithLabels({delivery.source, "failed"}).Increment();
      if (Transient(written.status()) && entry.attempts + 1 < options_.max_attempts) {
        // The close is recorded; the next attempt replays it and writes again.
        return RetryOrFail(entry, absl::Status(written.status().code(),
                                               absl::StrCat("write-back: ",
                                                            written.status().message())));
      }
      write_back = absl::StrCat("failed: ", written.status().message());
    }
    if (written.ok()) write_backs_.WithLabels({delivery.source, write_back}).Increment();
  }

  const absl::Status completed =
      inbox_.Complete(entry.id, ProcessedJson(*debriefing, ticket.partial, write_back), clock_.Now());
  if (!completed.ok()) {
    // Recorded but still pending: the next attempt is answered from the record.
    log->warn("delivery {} of {}: recorded but not marked done: {}", delivery.delivery_key,
              delivery.source, completed.message());
    return ProcessOutcome::kRetry;
  }
  Count(delivery.source, ticket.partial ? "partial" : "recorded");
  log->info("delivery {} of {}: ticket {} debriefed as {}{}", delivery.delivery_key,
            delivery.source, ticket.ticket_id, debriefing->decision_id,
            ticket.partial ? " (partial)" : "");
  return ProcessOutcome::kRecorded;
}

}  // namespace debrief::ingest
