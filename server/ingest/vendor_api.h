// What a vendor's REST API client can do for Debrief, as two small interfaces: fetch what
// a thin webhook left out (enrichment), and write suggestions back for agents. Clients live
// beside their adapter (server/ingest/<vendor>/<vendor>_api.h) and are built by the source
// registry from `sources.<name>.api`.
#ifndef DEBRIEF_SERVER_INGEST_VENDOR_API_H_
#define DEBRIEF_SERVER_INGEST_VENDOR_API_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/config/sources_options.h"
#include "server/core/debriefing.h"
#include "server/core/ticket.h"

namespace debrief::ingest {

// Implementations are thread-safe.
class TicketFetcher {
 public:
  virtual ~TicketFetcher() = default;
  // Fills `ticket` (which has at least source and ticket id) from the vendor's API: the
  // whole conversation, tags, fields and status the webhook left out. Values the API does
  // not have stay as they are. NOT_FOUND when the ticket is gone; UNAVAILABLE or
  // DEADLINE_EXCEEDED when the API cannot be reached in time; PERMISSION_DENIED when the
  // credentials are refused. `ticket` is unchanged on error.
  virtual absl::Status Fetch(core::Ticket& ticket) = 0;
};

// What a write-back did.
enum class WriteBackResult {
  // An internal note with the suggestions was added.
  kNoteAdded,
  // The note was there already (an earlier attempt of the same decision).
  kNoteAlreadyThere,
  // The custom fields now hold the suggestions.
  kFieldsWritten,
  // A human had set the field: nothing was written.
  kKeptHumanValue,
};

// "note_added", "note_already_there", "fields_written", "kept_human_value".
absl::string_view WriteBackResultName(WriteBackResult result);

// Implementations are thread-safe.
class SuggestionWriter {
 public:
  virtual ~SuggestionWriter() = default;
  // Writes `debriefing`'s suggested tags and escalation onto `ticket` as configured. Only
  // adds: never removes or replaces a tag or a field value a human set. Idempotent per
  // decision id. UNAVAILABLE when the API cannot be reached.
  virtual absl::StatusOr<WriteBackResult> Write(const core::Ticket& ticket,
                                                const core::Debriefing& debriefing) = 0;
};

// The header that authenticates API calls under `options` with `secret`: HTTP basic,
// "Bearer <token>", or the vendor's token scheme (`token_scheme`, e.g. "Token token=").
std::pair<std::string, std::string> ApiAuthHeader(const config::ApiOptions& options,
                                                  absl::string_view secret,
                                                  absl::string_view token_scheme);

// Copies into `ticket` what `fetched` (the API's view) has: the conversation and tags when
// the API returned any, custom fields (the API's value wins), and every other field that
// `ticket` left empty.
void MergeFetched(core::Ticket fetched, core::Ticket& ticket);

// `text` percent-encoded for use as one URL path segment or query value.
std::string UrlEscape(absl::string_view text);

// The internal note: decision id, suggested tags with confidence, escalation and reasons.
std::string SuggestionNote(const core::Debriefing& debriefing);

// Field values start with this marker, so a later write can tell Debrief's own value from a
// human's.
inline constexpr absl::string_view kFieldMarker = "Debrief: ";

// "Debrief: billing/refund (0.92), billing/invoice (0.61)".
std::string SuggestedTagsFieldValue(const core::Debriefing& debriefing);
// "Debrief: escalate to success by 2025-01-09 16:45 UTC".
std::string EscalationFieldValue(const core::Debriefing& debriefing);

// True when a field holding `value` may be written: it is empty or holds Debrief's own value.
bool FieldIsOurs(absl::string_view value);

}  // namespace debrief::ingest

#endif  // DEBRIEF_SERVER_INGEST_VENDOR_API_H_
