// Takes one accepted delivery from the inbox to its end: enrich it from the vendor's API
// when the payload was thin (recording the ticket as partial when the API is unreachable),
// debrief it through core::CloseHandler, write the suggestions back when configured, and
// mark it done — which deletes the pre-redaction ticket from the inbox. Storage failures
// are retried with exponential backoff up to a bound; anything else fails the delivery with
// its reason kept for the duplicate answer.
#ifndef DEBRIEF_SERVER_INGEST_DELIVERY_PROCESSOR_H_
#define DEBRIEF_SERVER_INGEST_DELIVERY_PROCESSOR_H_

#include "absl/time/time.h"
#include "server/common/clock.h"
#include "server/common/metrics.h"
#include "server/common/snapshot.h"
#include "server/config/server_options.h"
#include "server/core/close_handler.h"
#include "server/core/webhook_inbox.h"
#include "server/ingest/source_registry.h"

namespace debrief::ingest {

struct DeliveryProcessorOptions {
  // Attempts before a delivery that keeps failing transiently is given up. Default 8.
  int max_attempts = 8;
  // Wait before the first retry; doubles with each attempt. Default 10s.
  absl::Duration first_retry = absl::Seconds(10);
  // Longest wait between attempts. Default 10m.
  absl::Duration max_retry = absl::Minutes(10);
  // Limits an enriched ticket is clipped to (messages from the middle go first).
  config::LimitsOptions limits = {};
};

// What Process did with a delivery.
enum class ProcessOutcome {
  // Debriefed and recorded (possibly as a partial ticket).
  kRecorded,
  // Enrichment showed the event was not a close after all.
  kIgnored,
  // A transient failure; the delivery is due again later.
  kRetry,
  // Given up; the reason is kept with the delivery.
  kFailed,
};

// Thread-safe: Process may run on several threads for different deliveries. Every
// reference must outlive it.
class DeliveryProcessor {
 public:
  DeliveryProcessor(const DeliveryProcessorOptions& options,
                    const common::Snapshot<SourceRegistry>& sources, core::CloseHandler& closer,
                    core::WebhookInbox& inbox, const common::Clock& clock,
                    common::MetricsRegistry& metrics);

  // Processes `entry` and records the outcome in the inbox. Returns what happened; an inbox
  // write that fails leaves the delivery pending, to be processed again.
  ProcessOutcome Process(const core::InboxEntry& entry);

 private:
  ProcessOutcome RetryOrFail(const core::InboxEntry& entry, const absl::Status& error);
  void Count(const std::string& source, absl::string_view outcome);

  const DeliveryProcessorOptions options_;
  const common::Snapshot<SourceRegistry>& sources_;
  core::CloseHandler& closer_;
  core::WebhookInbox& inbox_;
  const common::Clock& clock_;
  common::CounterFamily& deliveries_;
  common::CounterFamily& enrichments_;
  common::CounterFamily& write_backs_;
};

// Clips `ticket` to `limits` (messages, text bytes, tags, custom fields), keeping the first
// and last messages; sets `partial` when anything was dropped.
void ClipToLimits(const config::LimitsOptions& limits, core::Ticket& ticket);

}  // namespace debrief::ingest

#endif  // DEBRIEF_SERVER_INGEST_DELIVERY_PROCESSOR_H_
