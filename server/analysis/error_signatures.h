// Error signatures: exception names (with their messages), HTTP error statuses, error
// codes, quoted error messages and stack frames, pulled out of a ticket verbatim and
// normalized — numbers, ids, hex, UUIDs, paths, URLs, timestamps, quoted values and
// redaction placeholders become <n>, <hex>, <uuid>, <path>, <url>, <ts>, <str>, <email>...
// — to a stable fingerprint: the same error in two tickets gets the same fingerprint and
// different errors get different ones.
//
//   ErrorSignatureExtractor extractor;
//   std::vector<core::ErrorSignature> errors = extractor.Extract(ScanTicket(ticket));
#ifndef DEBRIEF_SERVER_ANALYSIS_ERROR_SIGNATURES_H_
#define DEBRIEF_SERVER_ANALYSIS_ERROR_SIGNATURES_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "server/analysis/scanned_text.h"
#include "server/core/debriefing.h"

namespace debrief::analysis {

// `verbatim` with its variable parts replaced by placeholders and whitespace collapsed.
std::string NormalizeErrorText(absl::string_view verbatim);

// "err_" + 16 hex digits of SHA-256 over kind and normalized text.
std::string ErrorFingerprint(absl::string_view kind, absl::string_view normalized);

// Stateless; thread-safe.
class ErrorSignatureExtractor {
 public:
  // Most signatures reported per ticket.
  static constexpr size_t kMaxSignatures = 20;

  // Signatures in every text of the ticket (customers paste errors, agents quote logs in
  // notes), in text order, one per fingerprint. Kinds: "exception", "http_status",
  // "error_code", "error_message", "stack_frame".
  std::vector<core::ErrorSignature> Extract(absl::Span<const ScannedSegment> segments) const;
};

}  // namespace debrief::analysis

#endif  // DEBRIEF_SERVER_ANALYSIS_ERROR_SIGNATURES_H_
